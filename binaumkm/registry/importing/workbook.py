"""Reading any sheet of an uploaded .xlsx with its formula cells marked (file access, no database).

The template import reads only the first sheet; an agency's workbook may keep its table on any
sheet, so sheets are found by name through the workbook's own index (xl/workbook.xml and its
relationships), not by file order.
"""

import posixpath
import re
import zipfile
from xml.etree import ElementTree

from django.utils.translation import gettext as _

from binaumkm.registry.importing import ImportFileError, _check_zip
from binaumkm.registry.importing.table import Formula

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _open(path):
    from python_calamine import CalamineError, load_workbook

    _check_zip(path)  # refuses zip bombs and files that are not .xlsx before parsing
    try:
        return load_workbook(str(path))
    except (CalamineError, ValueError, OSError) as exc:
        raise ImportFileError(
            _("Berkas tidak bisa dibaca sebagai Excel (.xlsx). Simpan ulang dari Excel lalu unggah lagi.")
        ) from exc
    except Exception as exc:  # noqa: BLE001 - calamine raises several undocumented error types
        raise ImportFileError(_("Berkas tidak bisa dibaca sebagai Excel (.xlsx).")) from exc


def sheet_names(path) -> list[str]:
    return list(_open(path).sheet_names)


def read_sheets(path, names: list[str] | None = None) -> dict[str, list[list]]:
    """{sheet name: rows of cell values from A1}, formula cells replaced by ``Formula`` markers."""
    workbook = _open(path)
    wanted = [n for n in workbook.sheet_names if names is None or n in names]
    members = _sheet_members(path)
    sheets = {}
    for name in wanted:
        try:
            data = [list(r) for r in workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)]
        except Exception as exc:  # noqa: BLE001 - as above
            raise ImportFileError(_("Lembar “%(name)s” tidak bisa dibaca.") % {"name": name}) from exc
        if name in members:
            for row, columns in formula_cells(path, members[name]).items():
                if row - 1 < len(data):
                    for col in columns:
                        if col < len(data[row - 1]):
                            data[row - 1][col] = Formula()
        sheets[name] = data
    return sheets


def _sheet_members(path) -> dict[str, str]:
    """{sheet name: zip member of its XML}."""
    with zipfile.ZipFile(path) as archive:
        try:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ElementTree.ParseError):
            return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG}Relationship")}
    members: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        if target and sheet.get("name"):
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
            members[str(sheet.get("name"))] = member
    return members


# A cell's start tag (its reference) or a formula element, in any namespace prefix ("x:c", "x:f").
_CELL_OR_FORMULA = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]+)(\d+)"|<(?:\w+:)?f[\s>/]')


def formula_cells(path, member: str) -> dict[int, set[int]]:
    """{row number: {column index}} of the cells holding formulas in one worksheet's XML.

    A regular expression over the XML finds each cell and each formula element in one pass in C;
    an element-by-element XML parse took most of the reading time of a 10,000-row sheet."""
    found: dict[int, set[int]] = {}
    with zipfile.ZipFile(path) as archive:
        if member not in archive.namelist():
            return found
        data = archive.read(member)
    if b"<f" not in data and b":f" not in data:
        return found
    cell = None
    for match in _CELL_OR_FORMULA.finditer(data):
        if match.group(1):
            cell = match
        elif cell is not None:
            col = 0
            for ch in cell.group(1):
                col = col * 26 + ch - 64
            found.setdefault(int(cell.group(2)), set()).add(col - 1)
            cell = None
    return found
