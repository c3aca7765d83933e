"""Which free booth each chosen applicant gets, and where a booth may stand on a floor plan: pure
functions on plain tuples (no database).

The draw decides *who* gets a booth; this decides *which*. In rank order, each applicant takes the
free booth that suits them best: at the venue they asked for, with electricity if they need it (and
not a powered booth if they don't, to keep those for who does), in the zone of their sector; ties go
to the earlier venue, then the booth code. Preferences are wishes, never a reason to leave someone
without a booth: the number of chosen applicants never exceeds the free booths."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple


class FreeBooth(NamedTuple):
    id: int
    venue_id: int
    venue_order: int
    code: str
    powered: bool
    sectors: tuple[str, ...]  # the zone's sectors; empty: any


class Wish(NamedTuple):
    id: int
    venue_id: int | None  # the preferred venue, if any
    needs_power: bool
    sector: str


def natural(code: str) -> tuple:
    """A-2 before A-10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code))


def fit(wish: Wish, booth: FreeBooth) -> int:
    """How well a booth suits an applicant (higher is better)."""
    score = 0
    if wish.venue_id is not None and booth.venue_id == wish.venue_id:
        score += 8
    if wish.needs_power:
        score += 4 if booth.powered else 0
    elif booth.powered:
        score -= 1
    if booth.sectors:
        score += 2 if wish.sector in booth.sectors else -2
    return score


def in_order(booths: Iterable[FreeBooth]) -> list[FreeBooth]:
    """Booths in the order ties are broken: earlier venue, then code (A-2 before A-10), then id."""
    return sorted(booths, key=lambda b: (b.venue_order, natural(b.code), b.id))


def best_booth(wish: Wish, booths: Iterable[FreeBooth]) -> FreeBooth | None:
    """The free booth that suits ``wish`` best (the first of the best in tie order)."""
    ordered = in_order(booths)
    return max(ordered, key=lambda b: fit(wish, b)) if ordered else None


def assign(wishes: Sequence[Wish], booths: Sequence[FreeBooth]) -> dict[int, int]:
    """{applicant id: booth id} for the applicants in rank order, each the best booth still free."""
    free = in_order(booths)  # sorted once: ``max`` keeps the first of equals
    placed: dict[int, int] = {}
    for wish in wishes:
        if not free:
            break
        index = max(range(len(free)), key=lambda i: fit(wish, free[i]))
        placed[wish.id] = free.pop(index).id
    return placed


class Rect(NamedTuple):
    x: int
    y: int
    width: int
    height: int


def overlaps(a: Rect, b: Rect) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width and a.y < b.y + b.height and b.y < a.y + a.height


def placement_problem(rect: Rect, *, columns: int, rows: int, others: Iterable[Rect]) -> str | None:
    """Why a booth cannot stand there: "outside" the grid or "overlap" with another booth."""
    if rect.x < 0 or rect.y < 0 or rect.x + rect.width > columns or rect.y + rect.height > rows:
        return "outside"
    if any(overlaps(rect, other) for other in others):
        return "overlap"
    return None
