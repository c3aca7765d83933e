"""Finding the table in an agency's own sheet (pure: no database).

Agency sheets start with title rows ("DATA UMKM BINAAN … TAHUN 2021", merged across the columns),
empty rows, sometimes a row numbering the columns "(1) (2) (3)" under the headers, and end with a
totals row ("Jumlah", often with =SUM formulas), signatures or notes. The header row is the row,
among the first ones, whose cells look most like known headers; the data runs from below it to the
first totals row or the first block of empty rows.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from binaumkm.core.spreadsheet import cell_text

SCAN_ROWS = 30  # the header row is looked for among the first rows of a sheet
BLANK_BLOCK = 2  # this many empty rows in a row end the table
MAX_HEADER = 60  # longer texts are data or titles, not column headers
TOTAL_LABELS = re.compile(
    r"^(jumlah|total|grand total|sub ?total|jumlah total|total keseluruhan|jumlah seluruhnya|rekap(itulasi)?)"
    r"( [a-z ]+)?$"
)


class Formula:
    """A cell holding a formula (its cached value is not what staff typed)."""

    def __str__(self):
        return "=…"


def _text(value) -> str:
    return "" if isinstance(value, Formula) else cell_text(value)


def _is_blank(values) -> bool:
    return not any(_text(v) or isinstance(v, Formula) for v in values)


def header_score(values, score: Callable[[str], float]) -> float:
    """How much a row looks like a header row: the summed confidence of its text cells (at least two)."""
    texts = [_text(v) for v in values if isinstance(v, str) and _text(v)]
    if len(texts) < 2:
        return 0.0
    return sum(score(t) for t in texts if len(t) <= MAX_HEADER)


@dataclass
class Table:
    header_row: int  # 1-based row number in the sheet
    headers: list[str]
    rows: list[tuple[int, list]] = field(default_factory=list)  # (row number, values)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (row number, reason code)


def find_header(data: list[list], score: Callable[[str], float]) -> tuple[int, float]:
    """(index into data, score) of the most header-like row among the first rows; (-1, 0) if none."""
    best, best_score = -1, 0.0
    for index, values in enumerate(data[:SCAN_ROWS]):
        row_score = header_score(values, score)
        if row_score > best_score + 1e-9:
            best, best_score = index, row_score
    return best, best_score


def is_totals_row(values, width: int) -> bool:
    """A 'Jumlah'/'Total' label in a short row, or formulas beside at most one label."""
    texts = [_text(v) for v in values[:width]]
    filled = [t for t in texts if t]
    formulas = sum(isinstance(v, Formula) for v in values[:width])
    if len(filled) + formulas <= max(3, width // 2) and any(_total_label(t) for t in filled):
        return True  # the length is checked first: most rows are full data rows
    return formulas > 0 and len([t for t in filled if not _numeric(t)]) <= 1 and len(filled) <= 2


def _total_label(text: str) -> bool:
    return bool(TOTAL_LABELS.match(" ".join(re.sub(r"[^a-z]+", " ", text.casefold()).split())))


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,\s]+", text))


def _is_column_numbers(values) -> bool:
    """A row '1 2 3 4 …' or '(1) (2) (3) …' numbering the columns under the header."""
    filled = [_text(v) for v in values if _text(v)]
    if len(filled) < 3:
        return False
    numbers = [re.fullmatch(r"\(?(\d+)\)?", t) for t in filled]
    return all(numbers) and [int(m.group(1)) for m in numbers if m] == list(range(1, len(filled) + 1))


def extract_table(data: list[list], header_index: int) -> Table:
    """The header row's text and the data rows below it, with what was skipped and why:
    'nomor-kolom' (the column-number row), 'kosong' (an empty row), 'jumlah' (the totals row),
    'di-bawah-tabel' (anything after the totals row or an empty block)."""
    headers = [_text(v) for v in data[header_index]]
    while headers and not headers[-1]:
        headers.pop()
    width = len(headers)
    table = Table(header_row=header_index + 1, headers=headers)
    start = header_index + 1
    if start < len(data) and _is_column_numbers(data[start][:width]):
        table.skipped.append((start + 1, "nomor-kolom"))
        start += 1
    blanks: list[int] = []
    for index in range(start, len(data)):
        number = index + 1
        values = list(data[index][:width]) + [""] * (width - len(data[index][:width]))
        if _is_blank(values):
            blanks.append(number)
            if len(blanks) >= BLANK_BLOCK:
                _rest(table, data, index + 1, width)
                break
            continue
        if is_totals_row(values, width):
            table.skipped.append((number, "jumlah"))
            _rest(table, data, index + 1, width)
            break
        table.skipped += [(n, "kosong") for n in blanks]
        blanks = []
        table.rows.append((number, values))
    table.skipped.sort()
    return table


def _rest(table: Table, data: list[list], start: int, width: int) -> None:
    for index in range(start, len(data)):
        if not _is_blank(data[index][:width] if width else data[index]):
            table.skipped.append((index + 1, "di-bawah-tabel"))
