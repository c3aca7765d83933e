"""Open-data reads of the registry: public aggregates, never a row about one business or person.

These are deliberately not scoped to an actor (they are published to anyone), so they return only
counts, and any count below ``MIN_CELL`` businesses is suppressed (published as null) so that a small
cell cannot point at an identifiable business. No totals are published beside suppressed cells, so a
suppressed value cannot be recovered by subtraction. Used by the API's open-data endpoints and meant
for the open-data page as well.
"""

from __future__ import annotations

from typing import Literal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from binaumkm.core.hooks import KECAMATAN_COLUMNS, Column, Dataset
from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.core.small_cells import MIN_CELL, complement, suppress, suppress_row

from .models import Business, Presence
from .platforms import Stage
from .selectors import eligible_q

SELLING_STAGES = (Stage.FIRST_SALE, Stage.ACTIVE)
Level = Literal["kecamatan", "kelurahan"]
__all__ = ["MIN_CELL", "suppress", "binaan_counts_by_area", "areas", "kecamatan_list"]


def binaan_counts_by_area(*, level: Level = "kecamatan", min_cell: int = MIN_CELL) -> list[dict]:
    """UMKM binaan (verified, not closed) per area and KBLI section:
    ``[{"area_code", "area_name", "kbli_section", "count" (None when suppressed), "suppressed"}]``,
    ordered by area code then section; one query."""
    prefix = "kelurahan__" if level == "kelurahan" else "kelurahan__kecamatan__"
    rows = (
        Business.objects.filter(eligible_q())
        .values(f"{prefix}code", f"{prefix}name", "kbli_section")
        .annotate(n=Count("id"))
        .order_by(f"{prefix}code", "kbli_section")
    )
    result = []
    for row in rows:
        count = suppress(row["n"], min_cell)
        result.append({
            "area_code": row[f"{prefix}code"], "area_name": row[f"{prefix}name"],
            "kbli_section": row["kbli_section"], "count": count, "suppressed": count is None,
        })  # fmt: skip
    return result


def areas() -> QuerySet[Kelurahan]:
    """Every kelurahan with its kecamatan, in code order (public reference data)."""
    return Kelurahan.objects.select_related("kecamatan").order_by("code")


def kecamatan_list() -> QuerySet[Kecamatan]:
    return Kecamatan.objects.order_by("code")


# --- Open datasets (the ``open_datasets`` AppConfig hook; binaumkm.opendata releases them) ----------

KEC = "kelurahan__kecamatan__"


def binaan_by_sector_size() -> list[dict]:
    """UMKM binaan per kecamatan, KBLI section and size class (one query); small cells suppressed,
    and a second cell in a kecamatan's sector where only one was (the API publishes those totals)."""
    found = (
        Business.objects.filter(eligible_q())
        .values(f"{KEC}code", f"{KEC}name", "kbli_section", "size_class")
        .annotate(n=Count("id"))
        .order_by(f"{KEC}code", "kbli_section", "size_class")
    )
    rows, raw = [], {}
    for index, row in enumerate(found):
        raw[index] = row["n"]
        rows.append({
            "kode_kecamatan": row[f"{KEC}code"], "kecamatan": row[f"{KEC}name"],
            "kbli": row["kbli_section"], "skala_usaha": row["size_class"] or "tidak_diketahui",
            "umkm_binaan": suppress(row["n"]),
        })  # fmt: skip
    complement(rows, group=("kode_kecamatan", "kbli"), figure="umkm_binaan", raw=raw)
    return rows


def online_share() -> list[dict]:
    """Per kecamatan: UMKM binaan, those selling online now (a platform at first sale or active) and
    their share in whole percent (one query); the share only where both counts are published. The
    UMKM *not* online (binaan minus online) are a cell too: 1–4 of them hide the online figures."""
    online = Exists(Presence.objects.filter(business=OuterRef("pk"), stage__in=SELLING_STAGES))
    found = (
        Business.objects.filter(eligible_q())
        .annotate(is_online=online)
        .values(f"{KEC}code", f"{KEC}name")
        .annotate(n=Count("id"), online=Count("id", filter=Q(is_online=True)))
        .order_by(f"{KEC}code")
    )
    rows = []
    for row in found:
        published = suppress_row(
            {"umkm_binaan": row["n"], "umkm_daring": row["online"]},
            businesses=row["n"], figures=("umkm_binaan", "umkm_daring"), counts=("umkm_daring",),
        )  # fmt: skip
        if suppress(row["n"] - row["online"]) is None:
            published["umkm_daring"] = None
        share = None
        if published["umkm_binaan"] and published["umkm_daring"] is not None:
            share = round(100 * row["online"] / row["n"])
        rows.append({"kode_kecamatan": row[f"{KEC}code"], "kecamatan": row[f"{KEC}name"], **published,
                     "persen_daring": share})  # fmt: skip
    return rows


def open_datasets() -> list[Dataset]:
    return [
        Dataset(
            key="umkm-binaan",
            title=_("UMKM binaan menurut kecamatan, sektor dan skala usaha"),
            concept=_(
                "UMKM binaan: usaha mikro, kecil dan menengah yang terdaftar, terverifikasi dan "
                "dibina Dinas (tidak tutup)."
            ),
            definition=_(
                "Jumlah UMKM binaan pada tanggal data, menurut kecamatan lokasi usaha, kategori "
                "KBLI 2020 dan skala usaha (PP 7/2021)."
            ),
            method=_(
                "Cacah usaha terverifikasi yang tidak berstatus tutup, dikelompokkan per kecamatan, "
                "kategori KBLI dan skala usaha."
            ),
            unit=_("usaha"),
            classification=_(
                "KBLI 2020 (kategori A–U); skala usaha PP 7/2021 (mikro, kecil, menengah); "
                "kode wilayah Kemendagri"
            ),
            periodicity=_("Bulanan"),
            level="kecamatan",
            columns=(
                *KECAMATAN_COLUMNS,
                Column("kbli", _("Kategori KBLI 2020"), "class"),
                Column("skala_usaha", _("Skala usaha"), "class"),
                Column("umkm_binaan", _("UMKM binaan"), "count", _("usaha")),
            ),  # fmt: skip
            rows=binaan_by_sector_size,
            keywords=("umkm", "kbli", "skala usaha"),
        ),
        Dataset(
            key="umkm-daring",
            title=_("UMKM binaan yang berjualan daring menurut kecamatan"),
            concept=_(
                "UMKM binaan yang berjualan daring: punya kehadiran digital (lokapasar, media "
                "sosial, toko daring) yang sudah mencapai penjualan pertama atau aktif berjualan."
            ),
            definition=_(
                "Jumlah UMKM binaan, jumlah yang berjualan daring, dan persentasenya, per kecamatan "
                "pada tanggal data."
            ),
            method=_("Persen daring = UMKM daring ÷ UMKM binaan × 100, dibulatkan ke bilangan bulat."),
            unit=_("usaha; persen"),
            classification=_("Kode wilayah Kemendagri"),
            periodicity=_("Bulanan"),
            level="kecamatan",
            columns=(
                *KECAMATAN_COLUMNS,
                Column("umkm_binaan", _("UMKM binaan"), "count", _("usaha")),
                Column("umkm_daring", _("UMKM berjualan daring"), "count", _("usaha")),
                Column("persen_daring", _("Persen berjualan daring"), "percent", "%"),
            ),  # fmt: skip
            rows=online_share,
            keywords=("umkm", "digital", "daring"),
        ),
    ]
