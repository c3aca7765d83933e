"""The files of a release, as bytes: CSV (column keys as header, suppressed cells empty), JSON
(metadata and rows) and .xlsx (a data sheet and a metadata sheet). Every cell goes through
``core.exports`` so text a spreadsheet would run as a formula stays inert."""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import json
from typing import Any

from openpyxl import Workbook

from binaumkm.core.exports import append_row, csv_rows
from binaumkm.core.hooks import Dataset


def _cell(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def csv_bytes(dataset: Dataset, rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    keys = [c.key for c in dataset.columns]
    body = [keys] + [["" if row.get(k) is None else _cell(row.get(k)) for k in keys] for row in rows]
    for _line in csv_rows(body, writer):
        pass
    return buffer.getvalue().encode("utf-8")


def json_bytes(dataset: Dataset, rows: list[dict], meta: dict) -> bytes:
    keys = [c.key for c in dataset.columns]
    data = [{k: _cell(row.get(k)) for k in keys} for row in rows]
    return json.dumps({"metadata": meta, "data": data}, ensure_ascii=False, indent=1).encode("utf-8")


def xlsx_bytes(dataset: Dataset, rows: list[dict], meta: dict) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    keys = [c.key for c in dataset.columns]
    append_row(sheet, keys, bold=True)
    for row in rows:
        append_row(sheet, [_cell(row.get(k)) for k in keys])
    about = book.create_sheet("metadata")
    for language in ("id", "en"):
        texts = meta[language]
        for field in ("name", "concept", "definition", "method", "unit", "classification", "periodicity",
                      "level", "suppression"):  # fmt: skip
            append_row(about, [f"{field} ({language})", texts[field]])
    for field in ("identifier", "version", "as_of"):
        append_row(about, [field, meta[field]])
    append_row(about, ["licence", meta["licence"]["spdx"]])
    append_row(about, ["producer", meta["producer"]["name"]])
    append_row(about, ["contact", meta["producer"]["email"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
