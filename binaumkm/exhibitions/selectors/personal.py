"""What exhibitions hold about one owner, for their "Data saya" page (``core.hooks.PersonalData``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from binaumkm.core.hooks import PersonalData

from ..models import Application, SalesReport


def personal_data_for(owner) -> list[PersonalData]:
    """Applications of the owner's businesses and the booth sales they reported."""
    applications = (
        Application.objects.filter(business__owner=owner)
        .select_related("business", "exhibition")
        .order_by("pk")
    )
    sales = (
        SalesReport.objects.filter(assignment__application__business__owner=owner)
        .select_related("assignment__application__business", "assignment__application__exhibition")
        .order_by("date", "pk")
    )
    return [
        PersonalData(
            "exhibitions.applications", _("Pendaftaran pameran"),
            [_("Usaha"), _("Acara"), _("Waktu daftar"), _("Status")],
            [[a.business.name, a.exhibition.name, a.submitted_at, a.get_status_display()] for a in applications],
        ),
        PersonalData(
            "exhibitions.sales", _("Penjualan di pameran"),
            [_("Usaha"), _("Acara"), _("Tanggal"), _("Penjualan (Rp)"), _("Transaksi")],
            [[r.assignment.application.business.name, r.assignment.application.exhibition.name, r.date, r.gross,
              r.transactions] for r in sales],
        ),
    ]  # fmt: skip
