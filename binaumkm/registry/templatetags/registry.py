"""Template tags of the registry."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from binaumkm.core.rendering import choice_label

from ..choices import BusinessStatus, Verification

register = template.Library()

_VERIFICATION = {
    Verification.VERIFIED: ("text-bg-success", _("Terverifikasi")),
    Verification.REJECTED: ("text-bg-danger", _("Ditolak")),
}
_WAITING = ("text-bg-warning", _("Menunggu verifikasi"))
_STATUS = {BusinessStatus.ACTIVE: "text-bg-light border", BusinessStatus.STAGNANT: "text-bg-secondary"}
_STATUS_OTHER = "text-bg-dark"


@register.simple_tag
def business_badges(business):
    """A UMKM's verification and status badges. Written in Python rather than an included template:
    the staff list shows them on every row."""
    css, label = _VERIFICATION.get(business.verification, _WAITING)
    return format_html(
        '<span class="badge {} status-badge">{}</span>\n<span class="badge {} status-badge">{}</span>\n',
        css, label, _STATUS.get(business.status, _STATUS_OTHER), choice_label(business, "status"),
    )  # fmt: skip
