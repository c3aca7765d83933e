"""A horizontal bar chart (server-rendered SVG) for named categories: outlets, businesses, products.
core.charts draws vertical bars, which suit months but leave no room for long names."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from binaumkm.core.money import format_rupiah


def hbar_chart(points: list[tuple[str, int]], *, title: str, color: str = "#0d6efd") -> SafeString:
    """One row per (label, rupiah value): the name above its bar, the amount at the bar's end."""
    if not points:
        return mark_safe("")
    width, row_h, top = 420, 38, 4
    peak = max(value for _label, value in points) or 1
    height = top + row_h * len(points)
    rows = []
    for i, (label, value) in enumerate(points):
        y = top + i * row_h
        bar = max(2.0, (width - 110) * value / peak)
        short = label if len(label) <= 48 else label[:47] + "…"
        rows.append(
            (y + 11, short, y + 15, f"{bar:.1f}", color, f"{bar + 6:.1f}", y + 26, format_rupiah(value))
        )
    return format_html(
        '<svg viewBox="0 0 {} {}" class="w-100" role="img" aria-label="{}"><title>{}</title>{}</svg>',
        width, height, title, title,
        format_html_join(
            "",
            '<text x="0" y="{}" font-size="14" fill="#212529">{}</text>'
            '<rect x="0" y="{}" width="{}" height="15" rx="2" fill="{}"></rect>'
            '<text x="{}" y="{}" font-size="13" fill="#495057">{}</text>',
            rows,
        ),
    )  # fmt: skip
