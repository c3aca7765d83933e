"""Open data of reporting (the ``open_datasets`` hook; also the API's ``/open-data/recovery``):
UMKM recovered per kelurahan and month, from the monthly snapshots — the same cells the dashboard's
map and the outcome pages read, so the figures agree. Aggregates only; small cells suppressed."""

from __future__ import annotations

import datetime

from django.db.models import F, Sum
from django.utils.translation import gettext_lazy as _

from binaumkm.core.hooks import KECAMATAN_COLUMNS, Column, Dataset
from binaumkm.core.small_cells import suppress, suppress_row

from .models import Snapshot

KEL = "kelurahan__"
KEC = "kelurahan__kecamatan__"


def recovery_by_kelurahan(*, month: datetime.date | None = None, kelurahan: str | None = None) -> list[dict]:
    """Per kelurahan and month (optionally one of each): UMKM open with a baseline, those assessed
    (a report in the recent window), those recovered and the share recovered of assessed in per cent
    (one decimal, as on the dashboard's map). One query. Every count of 1–4 UMKM is suppressed; so
    is the recovered count (and the share) where 1–4 assessed UMKM did not recover, and the baseline
    count where 1–4 had no recent report (either would give a small cell back by subtraction)."""
    cells = Snapshot.objects.all()
    if month is not None:
        cells = cells.filter(month=month)
    if kelurahan:
        cells = cells.filter(kelurahan__code=kelurahan)
    found = (
        cells.values(f"{KEC}code", f"{KEC}name", f"{KEL}code", f"{KEL}name", "month")
        .annotate(base=Sum(F("assessed") + F("no_recent")), assessed=Sum("assessed"), recovered=Sum("recovered"))
        .order_by(f"{KEL}code", "month")
    )  # fmt: skip
    rows = []
    for row in found:
        base, assessed, recovered = row["base"] or 0, row["assessed"] or 0, row["recovered"] or 0
        figures = {"umkm_data_dasar": base, "umkm_dinilai": assessed, "umkm_pulih": recovered}
        suppress_row(figures, businesses=base, figures=figures, counts=figures)
        if suppress(assessed - recovered) is None:
            figures["umkm_pulih"] = None
        if suppress(base - assessed) is None:
            figures["umkm_data_dasar"] = None
        share = None
        if figures["umkm_dinilai"] and figures["umkm_pulih"] is not None:
            share = round(100 * recovered / assessed, 1)
        rows.append({
            "kode_kecamatan": row[f"{KEC}code"], "kecamatan": row[f"{KEC}name"],
            "kode_kelurahan": row[f"{KEL}code"], "kelurahan": row[f"{KEL}name"],
            "bulan": row["month"].strftime("%Y-%m"), **figures, "persen_pulih": share,
        })  # fmt: skip
    return rows


def open_datasets() -> list[Dataset]:
    return [
        Dataset(
            key="pemulihan-umkm",
            title=_("Pemulihan omzet UMKM binaan menurut kelurahan dan bulan"),
            concept=_(
                "UMKM pulih: UMKM yang rata-rata omzet bulanannya pada bulan-bulan terakhir mencapai ambang "
                "persentase dari rata-rata omzet bulanannya pada tahun dasar sebelum pandemi."
            ),
            definition=_(
                "Per kelurahan dan bulan: UMKM belum tutup yang punya data dasar, yang dapat dinilai (ada "
                "laporan omzet pada bulan-bulan terakhir), yang pulih, dan persentase pulih dari yang dapat dinilai."
            ),
            method=_(
                "Pulih bila rata-rata omzet bulan-bulan terakhir yang dilaporkan ≥ ambang × rata-rata omzet "
                "bulanan tahun dasar (pengaturan BINAUMKM RECOVERY). Persen pulih = UMKM pulih ÷ UMKM dapat "
                "dinilai × 100, satu desimal. Dari snapshot bulanan."
            ),
            unit=_("usaha; persen"),
            classification=_("Kode wilayah Kemendagri"),
            periodicity=_("Bulanan"),
            level="kelurahan",
            columns=(
                *KECAMATAN_COLUMNS,
                Column("kode_kelurahan", _("Kode kelurahan (Kemendagri)"), "area"),
                Column("kelurahan", _("Kelurahan"), "area"),
                Column("bulan", _("Bulan"), "period"),
                Column("umkm_data_dasar", _("UMKM dengan data dasar"), "count", _("usaha")),
                Column("umkm_dinilai", _("UMKM dapat dinilai"), "count", _("usaha")),
                Column("umkm_pulih", _("UMKM pulih"), "count", _("usaha")),
                Column("persen_pulih", _("Persen pulih"), "percent", "%"),
            ),  # fmt: skip
            rows=recovery_by_kelurahan,
            keywords=("umkm", "pemulihan", "omzet"),
        )
    ]
