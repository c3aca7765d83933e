"""Small-cell suppression for everything published to the public (open data, the open API).

A published figure about fewer than ``MIN_CELL`` businesses could point at one of them, so it is
published as null. Zero is not a small cell (nothing to identify). No total is published beside a
suppressed cell, so it cannot be recovered by subtraction; an amount (rupiah) is published only where
at least ``MIN_CELL`` businesses contribute to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MIN_CELL = 5


def suppress(count: int, min_cell: int = MIN_CELL) -> int | None:
    """The count as published: None below ``min_cell`` (zero is not a small cell: nothing to identify)."""
    return None if 0 < count < min_cell else count


def suppress_row(
    row: dict[str, Any],
    *,
    businesses: int,
    figures: Iterable[str],
    counts: Iterable[str] = (),
    min_cell: int = MIN_CELL,
) -> dict[str, Any]:
    """``row`` with its ``figures`` (counts and amounts about ``businesses`` distinct businesses) all
    null when those businesses are 1–4, and each of ``counts`` null when it is itself 1–4 (e.g. the
    completions among enough seats). Returns the row (changed in place)."""
    figures = list(figures)
    if 0 < businesses < min_cell:
        for key in figures:
            row[key] = None
        return row
    for key in counts:
        if row.get(key) is not None:
            row[key] = suppress(row[key], min_cell)
    return row


def complement(rows: list[dict[str, Any]], *, group: Iterable[str], figure: str, raw: dict[int, int]) -> None:
    """Secondary suppression: where a group of rows (e.g. one kecamatan's sectors) has exactly one
    suppressed ``figure``, also suppress the group's smallest other non-zero one, so that a total of the
    group published elsewhere (another dataset, the API) cannot give the small cell back by subtraction.
    ``raw`` maps a row's index to its unsuppressed value. Changes ``rows`` in place."""
    keys = list(group)
    groups: dict[tuple, list[int]] = {}
    for index, row in enumerate(rows):
        groups.setdefault(tuple(row[key] for key in keys), []).append(index)
    for indexes in groups.values():
        hidden = [i for i in indexes if rows[i][figure] is None and raw.get(i)]
        if len(hidden) != 1:
            continue
        shown = [i for i in indexes if rows[i][figure]]
        if shown:
            rows[min(shown, key=lambda i: raw[i])][figure] = None
