"""PDF documents (letters, certificates, statements) rendered from templates with WeasyPrint."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from .official import document_context


def render_pdf(template_name: str, context: dict, *, request=None) -> bytes:
    """Render a template extending ``core/pdf_base.html`` to PDF bytes. Images and QR codes should
    be inline (data: URIs or inline SVG) so no network or file access is needed.

    Every document is an official one and is written in Bahasa Indonesia whatever language the
    reader chose for the screens (UU 24/2009 art. 27), so it renders under ``override("id")``; the
    letterhead and signature block read ``site``, ``emblem`` and ``signer`` (``core.official``)."""
    from weasyprint import HTML

    with translation.override("id"):
        html = render_to_string(template_name, {**document_context(), **context}, request=request)
    return HTML(string=html, base_url="/").write_pdf()


def pdf_response(pdf: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
