"""QR codes as inline SVG (pages) or data URIs (PDFs), made with segno."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(data: str, *, scale: int = 4) -> SafeString:
    """Inline <svg> markup; segno escapes the data it encodes."""
    return mark_safe(segno.make(data, error="m").svg_inline(scale=scale, omitsize=True))  # noqa: S308 - segno output


def qr_data_uri(data: str, *, scale: int = 4) -> str:
    return segno.make(data, error="m").svg_data_uri(scale=scale)
