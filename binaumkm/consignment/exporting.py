"""The consignment report as an .xlsx workbook (openpyxl, write-only)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from binaumkm.accounts.models import User
from binaumkm.core import exports

from . import selectors


def report_xlsx(*, actor: User, filters: dict) -> bytes:
    """The report's figures (every row, through the selectors), one sheet each."""
    workbook = Workbook(write_only=True)
    of = {"actor": actor, "filters": filters}
    sheets = [
        (_("Per bulan"), [_("Bulan"), _("Penjualan (Rp)"), _("Jumlah barang"), _("Transaksi")],
         [(r["month"].strftime("%Y-%m"), r["gross"], r["quantity"], r["n"]) for r in selectors.report_by_month(**of)]),
        (_("Per outlet"), [_("Outlet"), _("Penjualan (Rp)"), _("Jumlah barang"), _("Transaksi")],
         [(r["outlet__name"], r["gross"], r["quantity"], r["n"]) for r in selectors.report_by_outlet(**of)]),
        (_("Per usaha"), [_("Usaha"), _("Penjualan (Rp)"), _("Jumlah barang"), _("Transaksi")],
         [(r["business__name"], r["gross"], r["quantity"], r["n"]) for r in selectors.report_by_business(**of)]),
        (_("Per produk"), [_("Produk"), _("Usaha"), _("Penjualan (Rp)"), _("Jumlah barang"), _("Transaksi")],
         [(r["product__name"], r["business__name"], r["gross"], r["quantity"], r["n"]) for r in selectors.report_by_product(**of)]),
        (_("Stok lambat laku"), [_("Batch"), _("Outlet"), _("Usaha"), _("Produk"), _("Tanggal titip"), _("Umur (hari)"),
                                 _("Terakhir terjual"), _("Sisa"), _("Nilai sisa (Rp)"), _("Kedaluwarsa")],
         [(r["batch__code"], r["outlet__name"], r["business__name"], r["product__name"], r["delivered_on"],
           r["age_days"], r["last_sale_on"], r["on_hand"], r["value"], r["expiry_date"]) for r in selectors.report_slow_moving(**of)]),
    ]  # fmt: skip
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        exports.append_row(sheet, header, bold=True)
        for row in rows:
            exports.append_row(sheet, row)  # names typed by users are written inert (no formulas)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
