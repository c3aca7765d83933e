"""Sales upload from a simple .xlsx (columns tanggal, kode_produk, jumlah): all rows or none.

Every row is checked for its format, then every row is tried against the ledger inside one
transaction (so stock is consumed cumulatively, row by row); if any row fails, the transaction is
rolled back and the outlet sees one error per row and column. Nothing is half-written."""

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from binaumkm.core import audit
from binaumkm.core.spreadsheet import cell_date, cell_text, unzipped_size

from . import conf, ledger, selectors
from .models import Outlet, Sale, StockBalance
from .services import ensure_outlet_access

HEADERS = ["tanggal", "kode_produk", "produk", "jumlah"]
REQUIRED = ["tanggal", "kode_produk", "jumlah"]


class UploadError(Exception):
    """The file as a whole cannot be used."""


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class UploadResult:
    rows: int = 0
    units: int = 0
    sales: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def read_rows(data: bytes) -> list[tuple[int, dict]]:
    from python_calamine import CalamineWorkbook

    try:
        if unzipped_size(io.BytesIO(data)) > 50 * conf.UPLOAD_MAX_BYTES:
            raise UploadError(_("Isi berkas terlalu besar setelah diekstrak."))
    except zipfile.BadZipFile as exc:
        raise UploadError(_("Berkas bukan .xlsx yang valid. Gunakan templat dari halaman ini.")) from exc
    try:
        sheet = (
            CalamineWorkbook.from_filelike(io.BytesIO(data))
            .get_sheet_by_index(0)
            .to_python(skip_empty_area=False)
        )
    except Exception as exc:  # noqa: BLE001 - calamine raises several undocumented error types
        raise UploadError(_("Berkas tidak bisa dibaca sebagai Excel (.xlsx).")) from exc
    if not sheet:
        raise UploadError(_("Berkas kosong."))
    headers = [str(c).strip().lower().replace(" ", "_") for c in sheet[0]]
    missing = [h for h in REQUIRED if h not in headers]
    if missing:
        raise UploadError(
            _("Kolom wajib tidak ada: %(cols)s. Unduh templat dari halaman ini.")
            % {"cols": ", ".join(missing)}
        )
    rows = []
    for number, values in enumerate(sheet[1:], start=2):
        cells = dict(zip(headers, values, strict=False))
        if cell_text(cells.get("jumlah")) == "" and cell_text(cells.get("tanggal")) == "":
            continue  # blank lines and products not sold are skipped
        rows.append((number, cells))
    if not rows:
        raise UploadError(_("Tidak ada baris penjualan: isi kolom tanggal dan jumlah."))
    if len(rows) > conf.UPLOAD_MAX_ROWS:
        raise UploadError(_("Terlalu banyak baris (maksimal %(n)d).") % {"n": conf.UPLOAD_MAX_ROWS})
    return rows


def _date(value) -> datetime.date:
    found = cell_date(value)
    if found is None:
        raise ValidationError(_("Wajib diisi."))
    return found


def _quantity(value) -> int:
    try:
        number = float(value) if isinstance(value, int | float) else float(cell_text(value))
    except ValueError:
        raise ValidationError(_("Jumlah harus angka.")) from None
    if not number.is_integer() or number <= 0:
        raise ValidationError(_("Jumlah harus bilangan bulat lebih dari nol."))
    if number > conf.MAX_QUANTITY:
        raise ValidationError(_("Jumlah terlalu besar."))
    return int(number)


def _parse(rows, products: dict) -> tuple[list, list[RowError]]:
    parsed, errors = [], []
    for number, cells in rows:
        row_errors = []
        values = {}
        for column, fn in (
            ("tanggal", _date),
            ("kode_produk", lambda v: products[int(float(cell_text(v)))]),
            ("jumlah", _quantity),
        ):
            try:
                values[column] = fn(cells.get(column))
            except (KeyError, ValueError):
                row_errors.append(
                    RowError(number, column, _("Kode produk tidak ada di outlet ini; lihat templat."))
                )
            except ValidationError as exc:
                row_errors.append(RowError(number, column, " ".join(exc.messages)))
        if not row_errors and values["tanggal"] > timezone.localdate():
            row_errors.append(RowError(number, "tanggal", _("Tanggal tidak boleh di masa depan.")))
        errors += row_errors
        if not row_errors:
            parsed.append((number, values))
    return parsed, errors


def sales_upload(*, actor, outlet: Outlet, data: bytes) -> UploadResult:
    """Record every sale in the file, or none. Raises UploadError for an unusable file."""
    ensure_outlet_access(actor, outlet)
    rows = read_rows(data)
    balances = StockBalance.objects.filter(outlet=outlet).select_related("product")
    products = {b.product_id: b.product for b in balances}
    parsed, errors = _parse(rows, products)
    result = UploadResult(rows=len(rows), errors=errors)
    with transaction.atomic():
        for number, values in parsed:
            try:
                with transaction.atomic():
                    result.sales += ledger.sale_record(
                        actor=actor, outlet=outlet, product=values["kode_produk"], quantity=values["jumlah"],
                        sold_on=values["tanggal"], source=Sale.Source.UPLOAD,
                    )  # fmt: skip
            except ValidationError as exc:
                column = "tanggal" if hasattr(exc, "error_dict") and "sold_on" in exc.error_dict else "jumlah"
                result.errors.append(RowError(number, column, " ".join(exc.messages)))
        if result.errors:
            transaction.set_rollback(True)
            result.sales = []
            return result
        result.units = sum(s.quantity for s in result.sales)
        audit.record(
            actor=actor, action="consignment.sale.uploaded", obj=outlet,
            data={"rows": len(rows), "sales": len(result.sales), "units": result.units},
        )  # fmt: skip
    result.errors.sort(key=lambda e: (e.row, HEADERS.index(e.column) if e.column in HEADERS else 9))
    return result


def template_xlsx(outlet: Outlet) -> bytes:
    """The upload template: one row per product in stock, with its code; fill tanggal and jumlah."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Penjualan")
    sheet.append(HEADERS + ["usaha", "sisa_stok"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in selectors.products_in_stock(outlet):
        sheet.append(
            [None, row["product_id"], row["product__name"], None, row["business__name"], row["on_hand"]]
        )
    for column, width in zip("ABCDEF", (14, 12, 36, 10, 30, 10), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet["A"][1:]:
        cell.number_format = "yyyy-mm-dd"
    notes = workbook.create_sheet(_("Petunjuk"))
    notes.append([_("Isi kolom tanggal (misalnya 2025-03-15) dan jumlah untuk produk yang terjual.")])
    notes.append(
        [
            _(
                "Baris tanpa tanggal dan jumlah dilewati. Satu produk boleh muncul di beberapa baris (tanggal berbeda)."
            )
        ]
    )
    notes.append(
        [_("Bila ada satu baris salah, tidak ada penjualan yang dicatat; perbaiki lalu unggah ulang.")]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
