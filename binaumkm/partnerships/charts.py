"""Server-rendered SVG: compliant and non-compliant stores per month, stacked."""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

GREEN, RED = "#198754", "#dc3545"


def compliance_chart(points, *, height: int = 200) -> SafeString:
    """``points``: [(day, compliant, non-compliant)], oldest first."""
    if not points:
        return mark_safe("")
    title = _("Toko patuh dan belum patuh per akhir bulan")
    width = max(360, 64 * len(points))
    top, bottom, left = 36, 30, 4
    plot_h = height - top - bottom
    peak = max((ok + short for _d, ok, short in points), default=0) or 1
    step = (width - left) / len(points)
    bar_w = step * 0.66
    rects, labels = [], []
    ok_label, short_label = _("patuh"), _("belum patuh")
    for i, (day, ok, short) in enumerate(points):
        x = left + i * step + (step - bar_w) / 2
        h_ok = plot_h * ok / peak
        h_short = plot_h * short / peak
        month = date_format(day, "M y")
        y_ok = top + plot_h - h_ok
        rects.append(
            (f"{x:.1f}", f"{y_ok:.1f}", f"{bar_w:.1f}", f"{h_ok:.1f}", GREEN, f"{month}: {ok} {ok_label}")
        )
        rects.append((f"{x:.1f}", f"{y_ok - h_short:.1f}", f"{bar_w:.1f}", f"{h_short:.1f}", RED,
                      f"{month}: {short} {short_label}"))  # fmt: skip
        total = ok + short
        percent = round(100 * ok / total) if total else 0
        labels.append((f"{x + bar_w / 2:.1f}", height - 16, month))
        labels.append((f"{x + bar_w / 2:.1f}", f"{y_ok - h_short - 4:.1f}", f"{percent}%"))
    legend = format_html(
        '<rect x="{}" y="4" width="10" height="10" fill="{}"></rect><text x="{}" y="13" font-size="11" fill="#212529">{}</text>'
        '<rect x="{}" y="4" width="10" height="10" fill="{}"></rect><text x="{}" y="13" font-size="11" fill="#212529">{}</text>',
        left, GREEN, left + 14, ok_label.capitalize(), left + 80, RED, left + 94, short_label.capitalize(),
    )  # fmt: skip
    return format_html(
        '<svg viewBox="0 0 {} {}" class="w-100 chart" role="img" aria-label="{}">'
        "<title>{}</title>{}{}{}</svg>",
        width, height, title, title, legend,
        format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>', rects),
        format_html_join("", '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#495057">{}</text>', labels),
    )  # fmt: skip
