"""Open data of the financing module (the ``open_datasets`` hook): referrals of UMKM to banks and
the credit disbursed, per kecamatan and year, in integer rupiah. Aggregates only; referred and
disbursed figures are each suppressed where fewer than five UMKM contribute."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from binaumkm.core.hooks import KECAMATAN_COLUMNS, Column, Dataset
from binaumkm.core.small_cells import suppress_row

from .models import Referral, ReferralState

KEC = "business__kelurahan__kecamatan__"
DISBURSED = Q(state__in=(ReferralState.DISBURSED, ReferralState.CLOSED))


def referrals_and_disbursements() -> list[dict]:
    """Per kecamatan of the UMKM and year the referral was sent (WIB): UMKM referred, referrals and
    amount asked; UMKM with credit disbursed, disbursements and amount disbursed (one query)."""
    found = (
        Referral.objects.filter(sent_at__isnull=False)
        .annotate(year=ExtractYear("sent_at"))
        .values(f"{KEC}code", f"{KEC}name", "year")
        .annotate(
            referred=Count("business_id", distinct=True),
            referrals=Count("id"),
            asked=Sum("amount"),
            disbursed=Count("business_id", distinct=True, filter=DISBURSED),
            disbursements=Count("id", filter=DISBURSED),
            disbursed_amount=Sum("disbursed_amount", filter=DISBURSED),
        )  # fmt: skip
        .order_by(f"{KEC}code", "year")
    )
    rows = []
    for row in found:
        referred = {
            "umkm_dirujuk": row["referred"],
            "rujukan": row["referrals"],
            "nilai_diajukan": row["asked"],
        }
        disbursed = {"umkm_dicairkan": row["disbursed"], "pencairan": row["disbursements"],
                     "nilai_dicairkan": row["disbursed_amount"] or 0}  # fmt: skip
        suppress_row(referred, businesses=row["referred"], figures=referred)
        suppress_row(disbursed, businesses=row["disbursed"], figures=disbursed)
        rows.append({"kode_kecamatan": row[f"{KEC}code"], "kecamatan": row[f"{KEC}name"], "tahun": row["year"],
                     **referred, **disbursed})  # fmt: skip
    return rows


def open_datasets() -> list[Dataset]:
    return [
        Dataset(
            key="pembiayaan-umkm",
            title=_("Rujukan pembiayaan UMKM dan pencairan kredit menurut kecamatan dan tahun"),
            concept=_(
                "Rujukan pembiayaan: UMKM binaan yang dirujuk Dinas ke bank atau lembaga pembiayaan "
                "(mis. KUR); pencairan: kredit yang dicairkan atas rujukan itu."
            ),
            definition=_(
                "Jumlah UMKM dirujuk, rujukan dan nilai yang diajukan; jumlah UMKM yang kreditnya "
                "dicairkan, pencairan dan nilai yang dicairkan (rupiah), per kecamatan lokasi UMKM "
                "dan tahun rujukan dikirim."
            ),
            method=_(
                "Cacah rujukan yang sudah dikirim ke bank; pencairan = rujukan berstatus dicairkan atau "
                "selesai. Angka rujukan dan angka pencairan masing-masing tidak ditampilkan bila kurang "
                "dari 5 UMKM."
            ),
            unit=_("usaha; rujukan; rupiah"),
            classification=_("Kode wilayah Kemendagri"),
            periodicity=_("Tahunan"),
            level="kecamatan",
            columns=(
                *KECAMATAN_COLUMNS,
                Column("tahun", _("Tahun"), "period"),
                Column("umkm_dirujuk", _("UMKM dirujuk"), "count", _("usaha")),
                Column("rujukan", _("Rujukan"), "count", _("rujukan")),
                Column("nilai_diajukan", _("Nilai diajukan"), "amount", _("rupiah")),
                Column("umkm_dicairkan", _("UMKM dicairkan"), "count", _("usaha")),
                Column("pencairan", _("Pencairan"), "count", _("rujukan")),
                Column("nilai_dicairkan", _("Nilai dicairkan"), "amount", _("rupiah")),
            ),  # fmt: skip
            rows=referrals_and_disbursements,
            keywords=("pembiayaan", "kur", "kredit"),
        )
    ]
