"""Open data of the partnerships module (the ``open_datasets`` hook): modern stores' compliance with
the partnership obligation per kecamatan. Aggregates only, small cells suppressed."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core.hooks import KECAMATAN_COLUMNS, Column, Dataset
from binaumkm.core.small_cells import suppress

from . import compliance, conf
from .models import Store, StoreStatus
from .selectors import _end_of, _start_of, intervals_by_store


def compliance_by_kecamatan(today: datetime.date | None = None) -> list[dict]:
    """Per kecamatan: open stores, the compliant ones and the distinct UMKM partnering today
    (five queries for the whole city); every count 1–4 suppressed."""
    today = today or timezone.localdate()
    stores = Store.objects.filter(status=StoreStatus.OPEN)
    intervals = intervals_by_store(stores)
    required = conf.min_partners_by_type()
    areas: dict[str, dict] = {}
    for store in stores.select_related("kelurahan__kecamatan").order_by("kelurahan__kecamatan__code", "pk"):
        kecamatan = store.kelurahan.kecamatan
        area = areas.setdefault(
            kecamatan.code, {"name": kecamatan.name, "stores": 0, "compliant": 0, "umkm": set()}
        )
        own = intervals.get(store.pk, [])
        state = compliance.evaluate(
            own, required=required(store.store_type), start=_start_of(store), today=_end_of(store, today)
        )
        area["stores"] += 1
        area["compliant"] += int(state.compliant)
        area["umkm"].update(
            i.business_id for i in own if i.start <= today and (i.end is None or today < i.end)
        )
    return [
        {
            "kode_kecamatan": code,
            "kecamatan": area["name"],
            "toko_buka": suppress(area["stores"]),
            "toko_patuh": suppress(area["compliant"]),
            "umkm_mitra": suppress(len(area["umkm"])),
        }  # fmt: skip
        for code, area in areas.items()
    ]


def open_datasets() -> list[Dataset]:
    return [
        Dataset(
            key="kepatuhan-toko-modern",
            title=_("Kepatuhan toko modern bermitra dengan UMKM menurut kecamatan"),
            concept=_(
                "Toko modern (minimarket, supermarket, pusat perbelanjaan) wajib bermitra dengan "
                "sejumlah UMKM; toko patuh bila jumlah UMKM mitra aktifnya mencapai batas minimum."
            ),
            definition=_(
                "Jumlah toko modern buka, jumlah yang patuh, dan jumlah UMKM berbeda yang bermitra "
                "aktif, per kecamatan lokasi toko pada tanggal data."
            ),
            method=_(
                "Kemitraan dihitung sejak aktif sampai berakhir, pada hari UMKM-nya terverifikasi dan "
                "tidak tutup; toko patuh bila UMKM mitra aktif ≥ minimum untuk jenis tokonya."
            ),
            unit=_("toko; usaha"),
            classification=_("Kode wilayah Kemendagri"),
            periodicity=_("Bulanan"),
            level="kecamatan",
            columns=(
                *KECAMATAN_COLUMNS,
                Column("toko_buka", _("Toko modern buka"), "count", _("toko")),
                Column("toko_patuh", _("Toko modern patuh"), "count", _("toko")),
                Column("umkm_mitra", _("UMKM mitra aktif"), "count", _("usaha")),
            ),  # fmt: skip
            rows=compliance_by_kecamatan,
            keywords=("toko modern", "kemitraan", "kepatuhan"),
        )
    ]
