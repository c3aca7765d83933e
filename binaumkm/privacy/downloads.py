"""The owner's data as files: .xlsx (one sheet per table, through ``core.exports``) and JSON. Pure:
built from the ``PersonalData`` tables the services gathered, no database."""

from __future__ import annotations

import datetime
import io
import json
import re
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from binaumkm.core.exports import append_row
from binaumkm.core.hooks import PersonalData


def plain(value: Any) -> Any:
    """Datetimes in WIB without a zone (Excel keeps none), everything else as it is."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:28] or "Data"
    name, n = base, 2
    while name in used:
        name, n = f"{base[:26]} {n}", n + 1
    used.add(name)
    return name


def as_xlsx(tables: list[PersonalData]) -> bytes:
    book = Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(str(table.title), used))
        append_row(sheet, [str(c) for c in table.columns], bold=True)
        for row in table.rows:
            append_row(sheet, [plain(v) for v in row])
        if table.keep_reason:
            append_row(sheet, [])
            append_row(sheet, [str(table.keep_reason)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _json_value(value: Any) -> Any:
    value = plain(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def as_json(tables: list[PersonalData]) -> str:
    data = {
        table.key: {
            "judul": str(table.title),
            "baris": [
                {str(c): _json_value(v) for c, v in zip(table.columns, row, strict=True)}
                for row in table.rows
            ],
            **({"alasan_disimpan": str(table.keep_reason)} if table.keep_reason else {}),
        }
        for table in tables
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
