"""Template tags of the registry."""

from django import template
from django.utils.translation import gettext_lazy as _

from binaumkm.core.masking import mask_nik
from binaumkm.core.rendering import choice_label, pk_url, quick_format_html

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
    return quick_format_html(
        '<span class="badge {} status-badge">{}</span>\n<span class="badge {} status-badge">{}</span>\n',
        css, label, _STATUS.get(business.status, _STATUS_OTHER), choice_label(business, "status"),
    )  # fmt: skip


# One row of the staff UMKM list (registry/staff/business_list.html). Written here rather than in
# the template: the list's 25 rows were a quarter of its rendering (issue 14). Keep the markup in
# step with the table's header there; registry/tests/test_badges.py compares it with the template
# row it replaced.
_LIST_ROW = (
    "<tr>\n"
    '      <td><a href="{url}" class="fw-semibold">{name}</a><div class="small text-muted">'
    '<span class="d-sm-none">{owner} · </span>{reference}{nib}</div></td>\n'
    '      <td class="d-none d-sm-table-cell">{owner}</td>\n'
    '      <td class="d-none d-md-table-cell font-monospace small">{nik}</td>\n'
    '      <td class="d-none d-md-table-cell small">{kelurahan}<div class="text-muted">{kecamatan}</div></td>\n'
    '      <td class="d-none d-lg-table-cell">{sector}</td>\n'
    '      <td class="d-none d-lg-table-cell">{size}</td>\n'
    "      <td>{badges}</td>\n"
    "    </tr>"
)
_NIB = '<span class="d-none d-md-inline"> · NIB {}</span>'


@register.simple_tag
def business_list_row(business):
    """A row of the staff UMKM list: name and link, owner, masked NIK, area, sector, scale, badges."""
    owner, kelurahan = business.owner, business.kelurahan
    return quick_format_html(
        _LIST_ROW,
        url=pk_url("registry:business_detail", business.pk),
        name=business.name,
        owner=owner.full_name,
        reference=business.reference,
        nib=quick_format_html(_NIB, business.nib) if business.nib else "",
        nik=mask_nik(owner.nik),
        kelurahan=kelurahan.name,
        kecamatan=kelurahan.kecamatan.name,
        sector=business.kbli_section,
        size=choice_label(business, "size_class"),
        badges=business_badges(business),
    )
