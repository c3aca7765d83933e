"""Reading the sales upload (.xlsx with columns tanggal, kode_produk, jumlah) and writing its template.

This module only reads and checks the file's rows; ``services.upload.sales_upload`` records them
(all rows or none)."""

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from binaumkm.core import exports
from binaumkm.core.spreadsheet import cell_date, cell_text, unzipped_size

from . import conf

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


def parse(rows, products: dict) -> tuple[list, list[RowError]]:
    """Each row's date, product (from ``products`` by code) and quantity; errors per row and column."""
    parsed, errors = [], []
    for number, cells in rows:
        row_errors = []
        values: dict[str, Any] = {}
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


def template_xlsx(products: list[dict]) -> bytes:
    """The upload template: one row per product in stock (``selectors.products_in_stock``), with its
    code; the outlet fills tanggal and jumlah."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Penjualan")
    exports.append_row(sheet, HEADERS + ["usaha", "sisa_stok"], bold=True)
    for row in products:  # product and business names are written inert (no formulas)
        exports.append_row(
            sheet,
            [None, row["product_id"], row["product__name"], None, row["business__name"], row["on_hand"]],
        )
    for column, width in zip("ABCDEF", (14, 12, 36, 10, 30, 10), strict=True):
        sheet.column_dimensions[column].width = width
    for cell in sheet["A"][1:]:
        cell.number_format = "yyyy-mm-dd"
    notes = workbook.create_sheet(_("Petunjuk"))
    exports.append_row(
        notes, [_("Isi kolom tanggal (misalnya 2025-03-15) dan jumlah untuk produk yang terjual.")]
    )
    exports.append_row(
        notes,
        [
            _(
                "Baris tanpa tanggal dan jumlah dilewati. Satu produk boleh muncul di beberapa baris (tanggal berbeda)."
            )
        ],
    )
    exports.append_row(
        notes, [_("Bila ada satu baris salah, tidak ada penjualan yang dicatat; perbaiki lalu unggah ulang.")]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
