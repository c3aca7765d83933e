"""Official documents (naskah dinas): the signer, the regional emblem and Indonesian dates.

Letters, certificates, statements and reports follow the regional Tata Naskah Dinas (Permendagri
1/2023): a letterhead with the regional emblem, the agency's address and website, and a signature
block with the signer's title, name, rank and NIP. The signer is configured once for the city in
``settings.BINAUMKM`` (``SIGNER_TITLE``, ``SIGNER_NAME``, ``SIGNER_RANK``, ``SIGNER_NIP``, each also
an environment variable ``BINAUMKM_SIGNER_…``); a document that must be signed is refused while
the name or NIP is missing, so no letter leaves with "……" where the name belongs.
"""

from __future__ import annotations

import base64
import datetime
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .conf import site

# Official documents are in Bahasa Indonesia whatever the reader's language (UU 24/2009 art. 27), so
# month names are fixed here rather than taken from the active locale.
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember"]  # fmt: skip


@dataclass(frozen=True)
class Signer:
    title: str  # jabatan, e.g. "Kepala Dinas Koperasi UKM dan Perindustrian Kota Surakarta"
    name: str
    rank: str  # pangkat/golongan, e.g. "Pembina Utama Muda (IV/c)"
    nip: str

    @property
    def complete(self) -> bool:
        return bool(self.name.strip() and self.nip.strip())


def signer() -> Signer:
    values = site()
    return Signer(
        title=str(values.get("SIGNER_TITLE") or "").strip(),
        name=str(values.get("SIGNER_NAME") or "").strip(),
        rank=str(values.get("SIGNER_RANK") or "").strip(),
        nip=str(values.get("SIGNER_NIP") or "").strip(),
    )


def require_signer() -> Signer:
    """The configured signer, or a ValidationError naming what the administrator must set."""
    current = signer()
    if not current.complete:
        raise ValidationError(
            _(
                "Naskah dinas tidak dapat diterbitkan karena nama dan NIP penanda tangan belum diatur. "
                "Minta administrator mengisi SIGNER_NAME dan SIGNER_NIP pada pengaturan sistem."
            ),
            code="no_signer",
        )
    return current


def emblem_data_uri() -> str:
    """The regional emblem (``settings.BINAUMKM["EMBLEM_FILE"]``) inline, or "" when none is set.
    Inline so WeasyPrint needs no file or network access."""
    path = str(site().get("EMBLEM_FILE") or "")
    if not path or not Path(path).is_file():
        return ""
    mime = mimetypes.guess_type(path)[0] or "image/png"
    return f"data:{mime};base64," + base64.b64encode(Path(path).read_bytes()).decode()


def tanggal(day: datetime.date) -> str:
    """5 Mei 2025."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def rentang_tanggal(start: datetime.date, end: datetime.date | None = None) -> str:
    """Indonesian date ranges: one date for a one-day event, otherwise the shortest unambiguous
    form joined by "s.d.": "5 s.d. 7 Mei 2025", "30 April s.d. 2 Mei 2025",
    "30 Desember 2024 s.d. 2 Januari 2025"."""
    if end is None or end == start:
        return tanggal(start)
    if end < start:
        start, end = end, start
    if start.year != end.year:
        head = tanggal(start)
    elif start.month != end.month:
        head = f"{start.day} {MONTHS[start.month - 1]}"
    else:
        head = str(start.day)
    return f"{head} s.d. {tanggal(end)}"


def document_context() -> dict:
    """What every official document's letterhead and signature block read."""
    return {"site": site(), "emblem": emblem_data_uri(), "signer": signer()}
