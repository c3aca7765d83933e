"""The one place that writes cells of every .xlsx and .csv the system produces.

Text that a spreadsheet would run as a formula — starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return (OWASP "CSV injection") — is written as inert text: in .xlsx as a string cell
(with Excel's quote prefix, so editing the cell does not turn it into a formula either), in .csv
prefixed with an apostrophe. Numbers and dates are written as themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_dangerous(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(DANGEROUS_STARTS)


def csv_value(value: Any) -> Any:
    return "'" + value if is_dangerous(value) else value


def csv_rows(rows: Iterable[Iterable[Any]], writer) -> Iterable[str]:
    """Rows of a ``csv.writer`` (over an echo buffer, for streaming), every cell made inert."""
    for row in rows:
        yield writer.writerow([csv_value(v) for v in row])


def append_row(sheet, values: Iterable[Any], *, bold: bool = False) -> None:
    """Append one row to a worksheet (write-only or normal), text cells made inert."""
    values = list(values)
    if isinstance(sheet, Worksheet):
        sheet.append(values)
        for cell, value in zip(sheet[sheet.max_row], values, strict=False):
            if is_dangerous(value):
                cell.value = value
                cell.data_type = "s"
                cell.quotePrefix = True
            if bold:
                cell.font = Font(bold=True)
        return
    row = []
    for value in values:
        if is_dangerous(value) or bold:
            cell = WriteOnlyCell(sheet, value=value)
            if is_dangerous(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            if bold:
                cell.font = Font(bold=True)
            row.append(cell)
        else:
            row.append(value)
    sheet.append(row)
