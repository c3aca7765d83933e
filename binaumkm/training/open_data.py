"""Open data of the training module (the ``open_datasets`` hook): seats taken and completions per
kecamatan and year. Aggregates only, small cells suppressed."""

from __future__ import annotations

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from binaumkm.core.hooks import KECAMATAN_COLUMNS, Column, Dataset
from binaumkm.core.small_cells import suppress_row

from .models import Registration, RegistrationStatus

KEC = "business__kelurahan__kecamatan__"


def seats_and_completions() -> list[dict]:
    """Per kecamatan of the UMKM and year the batch started: seats taken (accepted registrations),
    distinct UMKM trained and completions (one query). A row about 1–4 UMKM is suppressed whole, and
    completions 1–4 are suppressed among enough seats."""
    found = (
        Registration.objects.filter(status=RegistrationStatus.ACCEPTED)
        .annotate(year=ExtractYear("batch__start_date"))
        .values(f"{KEC}code", f"{KEC}name", "year")
        .annotate(
            seats=Count("id"),
            businesses=Count("business_id", distinct=True),
            completed=Count("id", filter=Q(completed=True)),
        )
        .order_by(f"{KEC}code", "year")
    )
    rows = []
    for row in found:
        figures = {"kursi_terisi": row["seats"], "umkm_peserta": row["businesses"], "lulus": row["completed"]}
        suppress_row(figures, businesses=row["businesses"], figures=figures, counts=("lulus",))
        rows.append({"kode_kecamatan": row[f"{KEC}code"], "kecamatan": row[f"{KEC}name"],
                     "tahun": row["year"], **figures})  # fmt: skip
    return rows


def open_datasets() -> list[Dataset]:
    return [
        Dataset(
            key="pelatihan-umkm",
            title=_("Kursi pelatihan UMKM dan kelulusan menurut kecamatan dan tahun"),
            concept=_(
                "Pelatihan UMKM yang diselenggarakan Dinas: kursi yang diisi peserta terpilih dan "
                "peserta yang dinyatakan lulus."
            ),
            definition=_(
                "Jumlah kursi terisi, UMKM peserta berbeda dan kelulusan, per kecamatan lokasi UMKM "
                "dan tahun mulai angkatan."
            ),
            method=_("Cacah pendaftaran berstatus diterima; lulus bila kehadiran mencapai syarat angkatan."),
            unit=_("kursi; usaha"),
            classification=_("Kode wilayah Kemendagri"),
            periodicity=_("Tahunan"),
            level="kecamatan",
            columns=(
                *KECAMATAN_COLUMNS,
                Column("tahun", _("Tahun"), "period"),
                Column("kursi_terisi", _("Kursi terisi"), "count", _("kursi")),
                Column("umkm_peserta", _("UMKM peserta"), "count", _("usaha")),
                Column("lulus", _("Lulus"), "count", _("kursi")),
            ),  # fmt: skip
            rows=seats_and_completions,
            keywords=("pelatihan", "umkm"),
        )
    ]
