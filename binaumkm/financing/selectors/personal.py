"""What financing holds about one owner, for their "Data saya" page (``core.hooks.PersonalData``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from binaumkm.core.hooks import PersonalData

from ..models import Referral


def personal_data_for(owner) -> list[PersonalData]:
    """Financing referrals of the owner's businesses. A referral that reached a bank is a record of a
    financial application the agency keeps (it stays, with the owner anonymised, after deletion)."""
    referrals = (
        Referral.objects.filter(business__owner=owner)
        .select_related("business", "scheme", "branch")
        .order_by("pk")
    )
    rows, sent = [], False
    for r in referrals:
        sent = sent or r.sent_at is not None
        rows.append([r.business.name, str(r.scheme), r.branch.name, r.amount, r.purpose, r.get_state_display(),
                     r.approved_amount, r.disbursed_amount, r.disbursed_on])  # fmt: skip
    keep = _("Rujukan pembiayaan yang sudah dikirim ke bank adalah catatan keuangan yang wajib disimpan.")
    return [
        PersonalData(
            "financing.referrals", _("Rujukan pembiayaan"),
            [_("Usaha"), _("Skema"), _("Kantor bank"), _("Diajukan (Rp)"), _("Keperluan"), _("Status"),
             _("Disetujui (Rp)"), _("Dicairkan (Rp)"), _("Tanggal cair")],
            rows, keep_reason=keep if sent else "",
        )
    ]  # fmt: skip
