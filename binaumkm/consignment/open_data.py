"""Open data of the consignment module (the ``open_datasets`` hook): sales of UMKM goods in hotels
and souvenir centres per kecamatan and month, in integer rupiah. Aggregates only; a row where fewer
than five UMKM sold is suppressed whole."""

from __future__ import annotations

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from binaumkm.core.hooks import KECAMATAN_COLUMNS, Column, Dataset
from binaumkm.core.small_cells import suppress_row

from .models import Sale

KEC = "business__kelurahan__kecamatan__"


def sales_by_month() -> list[dict]:
    """Per kecamatan of the UMKM and month sold (WIB): UMKM selling, items sold and gross sales in
    rupiah, cancelled sales left out (one query)."""
    found = (
        Sale.objects.filter(cancelled_at__isnull=True)
        .annotate(month=TruncMonth("sold_on"))
        .values(f"{KEC}code", f"{KEC}name", "month")
        .annotate(
            businesses=Count("business_id", distinct=True), quantity=Sum("quantity"), gross=Sum("gross")
        )
        .order_by(f"{KEC}code", "month")
    )
    rows = []
    for row in found:
        figures = {
            "umkm_terjual": row["businesses"],
            "barang_terjual": row["quantity"],
            "nilai_penjualan": row["gross"],
        }
        suppress_row(figures, businesses=row["businesses"], figures=figures)
        rows.append({"kode_kecamatan": row[f"{KEC}code"], "kecamatan": row[f"{KEC}name"],
                     "bulan": row["month"].strftime("%Y-%m"), **figures})  # fmt: skip
    return rows


def open_datasets() -> list[Dataset]:
    return [
        Dataset(
            key="penjualan-titipan",
            title=_("Penjualan titipan produk UMKM menurut kecamatan dan bulan"),
            concept=_(
                "Penjualan titipan (konsinyasi): produk UMKM yang dititipkan di hotel, pusat oleh-oleh "
                "dan gerai mitra, dicatat saat terjual."
            ),
            definition=_(
                "Jumlah UMKM yang produknya terjual, jumlah barang terjual dan nilai penjualan "
                "(rupiah), per kecamatan lokasi UMKM dan bulan penjualan."
            ),
            method=_(
                "Jumlah penjualan tercatat yang tidak dibatalkan; nilai = jumlah × harga jual di gerai. "
                "Baris dengan kurang dari 5 UMKM tidak ditampilkan angkanya."
            ),
            unit=_("usaha; barang; rupiah"),
            classification=_("Kode wilayah Kemendagri"),
            periodicity=_("Bulanan"),
            level="kecamatan",
            columns=(
                *KECAMATAN_COLUMNS,
                Column("bulan", _("Bulan"), "period"),
                Column("umkm_terjual", _("UMKM yang produknya terjual"), "count", _("usaha")),
                Column("barang_terjual", _("Barang terjual"), "count", _("barang")),
                Column("nilai_penjualan", _("Nilai penjualan"), "amount", _("rupiah")),
            ),  # fmt: skip
            rows=sales_by_month,
            keywords=("konsinyasi", "penjualan", "umkm"),
        )
    ]
