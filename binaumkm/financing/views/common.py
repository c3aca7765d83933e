"""Helpers of financing's views: file responses and the guards."""

from django.http import HttpResponse

from binaumkm.core.policy import permission_required

staff_required = permission_required("financing.view_referral")
owner_required = permission_required("financing.request_financing")
bank_required = permission_required("financing.handle_referral")
catalogue_required = permission_required("financing.view_scheme")


def file_response(content: bytes, *, content_type: str, filename: str, inline: bool = False) -> HttpResponse:
    """A private file: never cached by proxies, never sniffed into another type by the browser."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
