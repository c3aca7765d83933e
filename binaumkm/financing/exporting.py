"""Spreadsheets of financing (.xlsx and .csv), every cell written through ``core.exports``."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from binaumkm.core.exports import append_row, csv_rows

from . import nominating

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    def write(self, value):
        return value


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[Any], Iterable[Sequence[Any]]]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        append_row(sheet, header, bold=True)
        for row in rows:
            append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_response(content: bytes | str, *, filename: str, fmt: str) -> HttpResponse:
    content_type = XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def nomination_file(
    rows: list[dict], columns: Sequence[Sequence[str]], *, fmt: str, today: datetime.date
) -> bytes | str:
    table = list(nominating.export_rows(rows, columns, today=today))
    if fmt == "xlsx":
        return workbook_bytes([(_("Nominasi"), table[0], table[1:])])
    return "".join(csv_rows(table, csv.writer(_Echo())))


def report_file(report: dict) -> bytes:
    head = [_("Dirujuk"), _("Disetujui"), _("Dicairkan"), _("Dicairkan (Rp)")]
    sheets: list[tuple[str, Sequence[Any], Iterable[Sequence[Any]]]] = [
        (label, [label, *head], [(r["label"], r["referred"], r["approved"], r["disbursed"], r["rupiah"]) for r in rows])
        for label, rows in report["funnels"]
    ]  # fmt: skip
    sheets.append((_("Hari sampai keputusan"),
                   [_("Kantor"), _("Keputusan"), _("Median hari"), _("Ditolak"), _("Masih menunggu")],
                   [(r["branch"], r["decisions"], round(r["median_days"], 1) if r["median_days"] is not None else "",
                     r["rejected"], r["waiting"]) for r in report["decision_days"]]))  # fmt: skip
    sheets.append((_("Alasan penolakan"), [_("Alasan"), _("Jumlah")], report["rejections"]))
    comparison = report["comparison"]
    sheets.append((_("Omzet"), [_("Kelompok"), _("Jumlah"), _("Median perubahan omzet")], [
        (_("UMKM yang dibiayai"), comparison.financed, comparison.financed_median if comparison.financed_median is not None else ""),
        (_("UMKM serupa yang tidak dibiayai"), comparison.peers, comparison.peers_median if comparison.peers_median is not None else ""),
    ]))  # fmt: skip
    return workbook_bytes(sheets)
