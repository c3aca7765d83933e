"""Export of the (filtered) business list to .xlsx and .csv, and the import template."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from binaumkm.core import exports
from binaumkm.core.masking import mask_nik, mask_phone
from binaumkm.core.models import Kelurahan

from .importing import COLUMNS


def _export_columns():
    return [
        (_("ID"), lambda b: b.reference),
        (_("Nama usaha"), lambda b: b.name),
        (_("Pemilik"), lambda b: b.owner.full_name),
        (_("NIK"), None),  # filled per access level
        (_("HP pemilik"), None),
        (_("NIB"), lambda b: b.nib or ""),
        (_("Alamat"), lambda b: b.address),
        (_("Kelurahan"), lambda b: b.kelurahan.name),
        (_("Kecamatan"), lambda b: b.kelurahan.kecamatan.name),
        (_("Sektor KBLI"), lambda b: b.kbli_section),
        (_("Kode KBLI"), lambda b: b.kbli_code),
        (_("Skala"), lambda b: b.get_size_class_display()),
        (_("Tenaga kerja"), lambda b: b.employees),
        (_("Tahun berdiri"), lambda b: b.year_founded or ""),
        (_("Binaan sejak"), lambda b: b.binaan_since.isoformat() if b.binaan_since else ""),
        (_("Status"), lambda b: b.get_status_display()),
        (_("Verifikasi"), lambda b: b.get_verification_display()),
        (_("Jualan online"), lambda b: _("ya") if b.sells_online else _("tidak")),
    ]


def _rows(qs, *, personal_data: bool):
    # Labels are translated now, in the request's language: a streamed body is produced later.
    columns = _export_columns()
    nik_label = _("NIK")
    return _iter_rows(qs, columns, nik_label, personal_data)


def _iter_rows(qs, columns, nik_label, personal_data):
    yield [str(label) for label, _fn in columns]
    for business in qs.iterator(chunk_size=2000):
        row = []
        for label, fn in columns:
            if fn is not None:
                row.append(fn(business))
            elif label == nik_label:
                row.append(business.owner.nik if personal_data else mask_nik(business.owner.nik))
            else:
                row.append(business.owner.phone if personal_data else mask_phone(business.owner.phone))
        yield row


class _Echo:
    def write(self, value):
        return value


def business_export_response(qs, *, fmt: str, personal_data: bool) -> HttpResponseBase:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"umkm-binaan-{stamp}.{fmt}"
    response: HttpResponseBase
    if fmt == "csv":
        writer = csv.writer(_Echo())
        lines = exports.csv_rows(_rows(qs, personal_data=personal_data), writer)
        response = StreamingHttpResponse(("\ufeff" if i == 0 else "") + line for i, line in enumerate(lines))
        response["Content-Type"] = "text/csv; charset=utf-8"
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("UMKM binaan"))
        for row in _rows(qs, personal_data=personal_data):
            exports.append_row(sheet, row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def import_template() -> bytes:
    """The import template: headers as the importer expects, text-formatted identifier columns,
    an example row, and a sheet listing the kelurahan names and codes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("UMKM")
    text_columns = {"nik", "hp_pemilik", "nib", "kode_kbli", "whatsapp", "pirt", "halal", "bpom", "kelurahan"}
    exports.append_row(sheet, [header for header, _label, _required in COLUMNS], bold=True)
    for col, (header, label, required) in enumerate(COLUMNS, start=1):
        if required:
            sheet.cell(row=1, column=col).font = Font(bold=True, color="C00000")
        letter = get_column_letter(col)
        sheet.column_dimensions[letter].width = max(14, len(str(label)) + 2)
        if header in text_columns:
            for row in range(2, 2001):
                sheet.cell(row=row, column=col).number_format = "@"
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("Petunjuk"))
    exports.append_row(notes, [_("Kolom"), _("Keterangan"), _("Wajib")], bold=True)
    for header, label, required in COLUMNS:
        exports.append_row(notes, [header, str(label), _("ya") if required else ""])
    exports.append_row(notes, [])
    exports.append_row(
        notes, [_("Baris 1 lembar UMKM berisi nama kolom; jangan diubah. Isi data mulai baris 2.")]
    )
    exports.append_row(
        notes,
        [
            _(
                "Nilai rupiah ditulis angka tanpa titik atau dengan titik ribuan, misalnya 1500000 atau 1.500.000."
            )
        ],
    )
    exports.append_row(notes, [_("Jangan memakai rumus; tempel sebagai nilai.")])
    areas = workbook.create_sheet(_("Kelurahan"))
    exports.append_row(areas, [_("Kelurahan"), _("Kecamatan"), _("Kode")], bold=True)
    for kel in Kelurahan.objects.select_related("kecamatan").order_by("kecamatan__name", "name"):
        exports.append_row(areas, [kel.name, kel.kecamatan.name, kel.code])  # names as text, never formulas
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
