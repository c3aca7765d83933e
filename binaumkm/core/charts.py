"""Server-rendered SVG charts (no JavaScript, work offline and print well)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .money import format_rupiah


def _short_rupiah(value: int) -> str:
    if value >= 1_000_000_000:
        return f"{value / 1_000_000_000:.1f} M".replace(".", ",")
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f} jt".replace(".", ",")
    if value >= 1_000:
        return f"{value // 1_000} rb"
    return str(value)


def bar_chart(
    points: list[tuple[str, int]],
    *,
    title: str,
    money: bool = False,
    height: int = 180,
    color: str = "#198754",
) -> SafeString:
    """A responsive bar chart: one bar per (label, value). Labels and title are escaped."""
    if not points:
        return mark_safe("")
    width = max(320, 28 * len(points))
    top, bottom, left = 16, 34, 4
    plot_h = height - top - bottom
    peak = max((value for _l, value in points), default=0) or 1
    step = (width - left) / len(points)
    bar_w = max(step * 0.7, 2)
    fmt = format_rupiah if money else str
    every = max(1, -(-len(points) // 7))  # at most ~7 x labels, so they never overlap on a phone
    bars, labels = [], []
    for i, (label, value) in enumerate(points):
        h = plot_h * value / peak
        x = left + i * step + (step - bar_w) / 2
        bars.append(
            (
                f"{x:.1f}",
                f"{top + plot_h - h:.1f}",
                f"{bar_w:.1f}",
                f"{h:.1f}",
                color,
                f"{label}: {fmt(value)}",
            )
        )
        if i % every == 0:
            labels.append((f"{x + bar_w / 2:.1f}", height - 18, label))
    return format_html(
        '<svg viewBox="0 0 {} {}" class="w-100 chart" role="img" aria-label="{}" '
        'preserveAspectRatio="none"><title>{}</title>'
        '<text x="{}" y="11" font-size="10" fill="#6c757d">{}</text>{}{}</svg>',
        width, height, title, title, left, _short_rupiah(peak) if money else peak,
        format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>', bars),
        format_html_join("", '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#495057">{}</text>', labels),
    )  # fmt: skip
