"""Reading cells of uploaded Excel files the same way in every import."""

import datetime
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def cell_text(value) -> str:
    """A cell as trimmed text; whole numbers lose Excel's '.0', dates become ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).strip()


def cell_date(value) -> datetime.date | None:
    """A date cell, or a date typed as text in a common Indonesian spelling; None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    raise ValidationError(_("Tanggal tidak dikenali; tulis seperti 2025-03-15 atau 15/03/2025."))


def unzipped_size(source) -> int:
    """Total uncompressed size of an .xlsx (a zip), to refuse zip bombs before parsing.
    Raises zipfile.BadZipFile when the file is not a zip at all."""
    with zipfile.ZipFile(source) as archive:
        return sum(info.file_size for info in archive.infolist())
