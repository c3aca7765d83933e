"""One chart component: server-rendered SVG every module uses (no JavaScript, offline, printable).

Why our own and not pygal: see docs/charts.md (pygal's SVG carries an inline <style> and <script>
that our Content-Security-Policy refuses, and its 800×600 canvas shrinks text to ~5 px on a phone).

Rules every chart keeps:
- a fixed ``viewBox`` about a phone's width and never ``preserveAspectRatio="none"``: the drawing
  scales as a whole, so text keeps its proportions (``.chart`` in core/app.css caps the width);
- axis ticks on 1-2-5 steps (``nice_ticks``);
- a true time axis (``time_chart``): months are placed by date, a month without a value is a gap in
  the line, never joined over;
- ``role="img"`` named by its ``<title>`` and ``<desc>`` (``aria-labelledby``) and followed by a
  table of the same numbers (a ``<details>`` a screen reader or a curious reader can open);
- colours and sizes are SVG presentation attributes (allowed by the CSP, drawn by WeasyPrint), never
  ``style=""``.
"""

import datetime
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .money import format_rupiah
from .rendering import date_label

WIDTH = 360  # viewBox width: about a phone's, so 12-unit text reads as ~10–12 px on one
FONT = 12
TONES = {"green": "#198754", "blue": "#0d6efd", "red": "#dc3545", "grey": "#6c757d", "orange": "#b35900"}
TEXT, MUTED, GRID = "#212529", "#495057", "#dee2e6"
_ids = itertools.count(1)

Number = int | float


@dataclass(frozen=True)
class Unit:
    """How a value is written: on an axis (short) and in a label or the table (full)."""

    short: Callable[[Number], str]
    full: Callable[[Number], str]


def _plain(value: Number) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def short_rupiah(value: Number) -> str:
    """Axis labels: "Rp1,5 jt" rather than "Rp1.500.000" (room on a phone)."""
    value = int(value)
    for size, suffix in ((1_000_000_000_000, "T"), (1_000_000_000, "M"), (1_000_000, "jt"), (1_000, "rb")):
        if abs(value) >= size:
            return f"Rp{_plain(round(value / size, 1))} {suffix}"
    return f"Rp{value}"


UNITS = {
    "count": Unit(_plain, _plain),
    "rupiah": Unit(short_rupiah, lambda v: format_rupiah(int(v))),
    "percent": Unit(lambda v: f"{_plain(v)}%", lambda v: f"{_plain(v)}%"),
    "days": Unit(_plain, lambda v: _("%(n)s hari") % {"n": _plain(v)}),
}


def nice_ticks(low: Number, high: Number, *, count: int = 5, whole: bool = False) -> list[Number]:
    """Axis ticks covering [low, high] (and 0) on a 1-2-5 step (…, 0.5, 1, 2, 5, 10, 20, …), as close to
    ``count`` ticks as such a step allows; ``whole`` keeps the step ≥ 1 (counts of things)."""
    low, high = min(low, 0), max(high, 0)
    if high == low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    steps = [m * magnitude for m in (0.5, 1, 2, 5, 10) if not whole or m * magnitude >= 1]

    def intervals(step: float) -> int:
        return math.ceil(high / step - 1e-9) - math.floor(low / step + 1e-9)

    step = min(steps, key=lambda st: (abs(intervals(st) - (count - 1)), st))
    first = math.floor(low / step + 1e-9)
    return [
        int(round(k * step)) if step >= 1 else round(k * step, 10)
        for k in range(first, first + intervals(step) + 1)
    ]


def month_range(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Every first-of-month from ``start``'s month to ``end``'s, inclusive."""
    months, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append(datetime.date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _frame(
    width: int, height: int, title: str, description: str, body: SafeString, table: SafeString
) -> SafeString:
    uid = f"chart-{next(_ids)}"
    return format_html(
        '<figure class="chart-figure"><svg class="chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-labelledby="{}-t {}-d" font-family="DejaVu Sans, system-ui, sans-serif" font-size="{}">'
        '<title id="{}-t">{}</title><desc id="{}-d">{}</desc>{}</svg>{}</figure>',
        width, height, width, height, uid, uid, FONT, uid, title, uid, description or title, body, table,
    )  # fmt: skip


def data_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> SafeString:
    """The chart's numbers as a table: the accessible alternative, and the exact figures for everyone."""
    return format_html(
        '<details class="chart-table"><summary>{}</summary><table class="table table-sm mb-0"><caption '
        'class="visually-hidden">{}</caption><thead><tr>{}</tr></thead><tbody>{}</tbody></table></details>',
        _("Tabel data"), title,
        format_html_join("", '<th scope="col">{}</th>', ((h,) for h in header)),
        # format_html_join's markup, cell by cell without its per-call cost (a map has 54 rows)
        mark_safe("".join(  # noqa: S308 - every cell is escaped
            f"<tr>{''.join(f'<td>{conditional_escape(c)}</td>' for c in row)}</tr>" for row in rows
        )),
    )  # fmt: skip


def _y_axis(
    ticks: list[Number], unit: Unit, y_of: Callable[[Number], float], left: int, right: int
) -> SafeString:
    return format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"></line>'
        '<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
        (
            (
                left,
                right,
                f"{y_of(t):.1f}",
                f"{y_of(t):.1f}",
                GRID,
                left - 4,
                f"{y_of(t) + 4:.1f}",
                MUTED,
                unit.short(t),
            )
            for t in ticks
        ),  # fmt: skip
    )


def bar_chart(
    points: Sequence[tuple[str, Number]],
    *,
    title: str,
    description: str = "",
    unit: str = "count",
    tone: str = "green",
    value_label: str = "",
) -> SafeString:
    """Vertical bars, one per (short label, value): months, kecamatan, a few categories. Long or many
    names belong in ``hbar_chart``."""
    if not points:
        return mark_safe("")
    fmt = UNITS[unit]
    height, top, bottom, left, right = 220, 20, 30, 58, WIDTH - 6
    ticks = nice_ticks(0, max(v for _l, v in points), whole=all(isinstance(v, int) for _l, v in points))
    span = ticks[-1] - ticks[0] or 1
    plot_h = height - top - bottom

    def y_of(v: Number) -> float:
        return top + plot_h * (ticks[-1] - v) / span

    step = (right - left) / len(points)
    bar_w = max(step * 0.7, 1.5)
    every = max(1, math.ceil(len(points) / 6))  # ≤ 6 x labels: they never overlap at 360 px
    show_values = step >= 26  # a value above each bar only where it fits
    bars, labels = [], []
    for i, (label, value) in enumerate(points):
        x = left + i * step + (step - bar_w) / 2
        y = y_of(value)
        bars.append(
            (
                f"{x:.1f}",
                f"{y:.1f}",
                f"{bar_w:.1f}",
                f"{y_of(0) - y:.1f}",
                TONES[tone],
                f"{label}: {fmt.full(value)}",
            )
        )
        if i % every == 0:
            labels.append((f"{x + bar_w / 2:.1f}", f"{height - bottom + 14}", label))
        if show_values:
            labels.append((f"{x + bar_w / 2:.1f}", f"{y - 3:.1f}", fmt.short(value)))
    body = format_html(
        "{}{}{}",
        _y_axis(ticks, fmt, y_of, left, right),
        format_html_join(
            "", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>', bars
        ),
        format_html_join(
            "", '<text x="{}" y="{}" text-anchor="middle" fill="' + TEXT + '">{}</text>', labels
        ),
    )
    table = data_table(title, ["", value_label or title], [(label, fmt.full(v)) for label, v in points])
    return _frame(WIDTH, height, title, description, body, table)


def hbar_chart(
    points: Sequence[tuple[str, Number]],
    *,
    title: str,
    description: str = "",
    unit: str = "count",
    tone: str = "blue",
    value_label: str = "",
) -> SafeString:
    """Horizontal bars for named categories (outlets, businesses, kelurahan): the name above its bar,
    the value at the bar's end; the chart grows in height, never squeezes text."""
    if not points:
        return mark_safe("")
    fmt = UNITS[unit]
    row_h, top, room = 34, 4, 96  # room: space kept right of the longest bar for its value
    peak = max(v for _l, v in points) or 1
    height = top + row_h * len(points)
    rows = []
    for i, (label, value) in enumerate(points):
        y = top + i * row_h
        bar = max(2.0, (WIDTH - room) * value / peak)
        short = label if len(label) <= 44 else label[:43] + "…"
        rows.append(
            (
                y + 11,
                TEXT,
                short,
                y + 15,
                f"{bar:.1f}",
                TONES[tone],
                f"{bar + 5:.1f}",
                y + 25,
                MUTED,
                fmt.full(value),
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" fill="{}">{}</text><rect x="0" y="{}" width="{}" height="13" rx="2" fill="{}"></rect>'
        '<text x="{}" y="{}" fill="{}">{}</text>',
        rows,
    )
    table = data_table(title, ["", value_label or title], [(label, fmt.full(v)) for label, v in points])
    return _frame(WIDTH, height, title, description, body, table)


def stacked_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, str, Sequence[Number]]],
    *,
    title: str,
    description: str = "",
    top_labels: Sequence[str] = (),
) -> SafeString:
    """Stacked vertical bars: ``series`` is [(name, tone, values per category)], bottom first, with a
    legend; ``top_labels`` (e.g. a share) are written above each stack."""
    if not categories:
        return mark_safe("")
    fmt = UNITS["count"]
    height, top, bottom, left, right = 230, 34, 30, 40, WIDTH - 6
    totals = [sum(s[2][i] for s in series) for i in range(len(categories))]
    ticks = nice_ticks(0, max(totals), whole=True)
    span = ticks[-1] - ticks[0] or 1
    plot_h = height - top - bottom

    def y_of(v: Number) -> float:
        return top + plot_h * (ticks[-1] - v) / span

    step = (right - left) / len(categories)
    bar_w = step * 0.66
    every = max(1, math.ceil(len(categories) / 6))
    # A label above every stack where it fits, else above every other one (never run together).
    wide = max((_text_width(t) for t in top_labels), default=0) + 4
    label_every = 1 if step >= wide else (2 if 2 * step >= wide else 0)
    rects, labels = [], []
    for i, category in enumerate(categories):
        x, base = left + i * step + (step - bar_w) / 2, 0.0
        for name, tone, values in series:
            y0, y1 = y_of(base), y_of(base + values[i])
            rects.append(
                (
                    f"{x:.1f}",
                    f"{y1:.1f}",
                    f"{bar_w:.1f}",
                    f"{y0 - y1:.1f}",
                    TONES[tone],
                    f"{category}: {values[i]} {name}",
                )
            )
            base += values[i]
        if i % every == 0:
            labels.append((f"{x + bar_w / 2:.1f}", f"{height - bottom + 14}", category))
        if i < len(top_labels) and label_every and i % label_every == 0:
            labels.append((f"{x + bar_w / 2:.1f}", f"{y_of(base) - 3:.1f}", top_labels[i]))
    legend = format_html_join(
        "",
        '<rect x="{}" y="6" width="10" height="10" fill="{}"></rect><text x="{}" y="15" fill="{}">{}</text>',
        (
            (left + 110 * k, TONES[tone], left + 110 * k + 14, TEXT, name)
            for k, (name, tone, _v) in enumerate(series)
        ),
    )
    body = format_html(
        "{}{}{}{}",
        legend,
        _y_axis(ticks, fmt, y_of, left, right),
        format_html_join(
            "", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>', rects
        ),
        format_html_join(
            "", '<text x="{}" y="{}" text-anchor="middle" fill="' + TEXT + '">{}</text>', labels
        ),
    )
    header = ["", *(name for name, _t, _v in series), *([_("Keterangan")] if top_labels else [])]
    rows = [
        [c, *(fmt.full(s[2][i]) for s in series), *([top_labels[i]] if top_labels else [])]
        for i, c in enumerate(categories)
    ]
    return _frame(WIDTH, height, title, description, body, data_table(title, header, rows))


def time_chart(
    points: Sequence[tuple[datetime.date, Number | None]],
    *,
    title: str,
    description: str = "",
    unit: str = "count",
    tone: str = "green",
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    value_label: str = "",
) -> SafeString:
    """A monthly line on a true time axis from ``start`` to ``end`` (default: the points' first and
    last months). Months without a value (absent, or None) are gaps: the line stops and starts again;
    every value is a dot, so a lone month still shows."""
    values = {datetime.date(d.year, d.month, 1): v for d, v in points if v is not None}
    if not values:
        return mark_safe("")
    months = month_range(start or min(values), end or max(values))
    values = {m: values[m] for m in months if m in values}  # only what the axis shows
    if not values:
        return mark_safe("")
    fmt = UNITS[unit]
    height, top, bottom, left, right = 204, 16, 34, 58, WIDTH - 22  # room for the last month's label
    ticks = nice_ticks(
        min(values.values()), max(values.values()), whole=all(isinstance(v, int) for v in values.values())
    )
    span = ticks[-1] - ticks[0] or 1
    plot_h = height - top - bottom
    step = (right - left) / max(len(months) - 1, 1)

    def y_of(v: Number) -> float:
        return top + plot_h * (ticks[-1] - v) / span

    def x_of(i: int) -> float:
        return left + i * step if len(months) > 1 else (left + right) / 2

    runs: list[list[str]] = []
    dots, previous = [], False
    for i, month in enumerate(months):
        value = values.get(month)
        if value is None:
            previous = False
            continue
        xy = f"{x_of(i):.1f},{y_of(value):.1f}"
        if previous:
            runs[-1].append(xy)
        else:
            runs.append([xy])
        isolated = values.get(months[i + 1]) is None if i + 1 < len(months) else True
        if len(months) <= 36 or (not previous and isolated):  # long series: only lone months get a dot
            dots.append(
                (
                    f"{x_of(i):.1f}",
                    f"{y_of(value):.1f}",
                    TONES[tone],
                    f"{date_label(month, 'M Y')}: {fmt.full(value)}",
                )
            )
        previous = True
    x_labels = _time_labels(months, x_of, height - bottom + 17)
    last_month = max(values)
    last_x, last_y = x_of(months.index(last_month)), y_of(values[last_month])
    body = format_html(
        "{}{}{}{}{}",
        _y_axis(ticks, fmt, y_of, left, right),
        format_html_join("", '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"></polyline>',
                         ((" ".join(run), TONES[tone]) for run in runs if len(run) > 1)),
        format_html_join("", '<circle cx="{}" cy="{}" r="2.5" fill="{}"><title>{}</title></circle>', dots),
        format_html_join("", '<text x="{}" y="{}" text-anchor="middle" fill="' + MUTED + '">{}</text>', x_labels),
        format_html('<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>',
                    f"{min(last_x, right):.1f}", f"{max(last_y - 6, FONT):.1f}", TEXT, fmt.short(values[last_month])),
    )  # fmt: skip
    rows = [
        (date_label(m, "F Y"), fmt.full(values[m]) if m in values else _("tidak ada data")) for m in months
    ]
    table = data_table(title, [_("Bulan"), value_label or title], rows)
    return _frame(WIDTH, height, title, description, body, table)


def _text_width(text: str) -> float:
    """About how wide ``text`` is drawn at the charts' font size (DejaVu Sans: ~0.62 em a character)."""
    return len(text) * FONT * 0.62


def _time_labels(months: list[datetime.date], x_of: Callable[[int], float], y: int) -> list[tuple]:
    """Years at January over long spans (the first month's year too, when it does not run into the
    next January's); otherwise every n-th month, at most 6 labels."""
    if len(months) > 24:
        first_january = next((i for i, m in enumerate(months) if m.month == 1), None)
        room = x_of(first_january) - x_of(0) if first_january else math.inf
        return [
            (f"{x_of(i):.1f}", y, str(m.year))
            for i, m in enumerate(months)
            if m.month == 1 or (i == 0 and room >= _text_width("2019") + 4)
        ]
    every = max(1, math.ceil(len(months) / 6))
    return [(f"{x_of(i):.1f}", y, date_label(m, "M y")) for i, m in enumerate(months) if i % every == 0]
