"""A venue's floor plan as server-rendered SVG (no database, no inline scripts or styles): each booth
is a rectangle on the venue's grid, coloured by its state through CSS classes in
``static/exhibitions/floorplan.css`` (a Content-Security-Policy forbids inline styles)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

CELL = 56  # px per grid cell in the viewBox
GAP = 4
STATES = ("free", "held", "assigned", "blocked")


class Cell(NamedTuple):
    code: str
    x: int
    y: int
    width: int
    height: int
    state: str  # one of STATES
    title: str  # the hover text: code, category, holder
    label: str = ""  # a second line (the holder's short name), may be empty
    href: str = ""


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def floor_plan_svg(columns: int, rows: int, cells: Sequence[Cell], *, title: str) -> SafeString:
    """The plan: a grid of ``columns`` × ``rows`` with each booth drawn over its cells."""
    width, height = columns * CELL, rows * CELL
    grid = format_html_join(
        "",
        '<rect class="fp-cell" x="{}" y="{}" width="{}" height="{}"/>',
        ((c * CELL, r * CELL, CELL, CELL) for r in range(rows) for c in range(columns)),
    )
    booths = []
    for cell in cells:
        state = cell.state if cell.state in STATES else "free"
        x, y = cell.x * CELL + GAP / 2, cell.y * CELL + GAP / 2
        w, h = cell.width * CELL - GAP, cell.height * CELL - GAP
        chars = max(cell.width * 7, 6)
        shape = format_html(
            '<g class="fp-booth fp-{}" data-code="{}"><title>{}</title>'
            '<rect x="{}" y="{}" width="{}" height="{}" rx="4"/>'
            '<text class="fp-code" x="{}" y="{}">{}</text>{}</g>',
            state,
            cell.code,
            cell.title,
            x, y, w, h,
            x + w / 2, y + h / 2 - (6 if cell.label else -4),
            _short(cell.code, chars),
            format_html('<text class="fp-label" x="{}" y="{}">{}</text>', x + w / 2, y + h / 2 + 12,
                        _short(cell.label, chars)) if cell.label else "",
        )  # fmt: skip
        if cell.href:
            shape = format_html('<a href="{}" aria-label="{}">{}</a>', cell.href, cell.title, shape)
        booths.append(shape)
    # A picture with links inside is a group of links to a screen reader, not one image.
    role = "group" if any(cell.href for cell in cells) else "img"
    return format_html(
        '<svg class="floor-plan" viewBox="0 0 {} {}" width="{}" height="{}" role="{}" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg">{}{}</svg>',
        width,
        height,
        width,
        height,
        role,
        title,
        grid,
        mark_safe("".join(booths)),  # noqa: S308 - each piece built by format_html above
    )
