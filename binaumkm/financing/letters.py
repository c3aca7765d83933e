"""The referral letter (PDF) and the file for the bank as one download (a ZIP of the letter and the
papers listed when the referral was sent)."""

from __future__ import annotations

import io
import re
import zipfile

from django.utils import timezone

from binaumkm.core.conf import site
from binaumkm.core.pdf import render_pdf

from . import conf, filetypes
from .models import Referral
from .selectors import documents_by_id, live_consent


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "rujukan"


def letter_filename(referral: Referral) -> str:
    return f"surat-rujukan-{_safe(referral.number or referral.reference)}.pdf"


def letter_pdf(referral: Referral) -> bytes:
    sent = (referral.checklist or {}).get("sent") or (referral.checklist or {}).get("ready") or {}
    consent = live_consent(referral)
    context = {
        "site": site(),
        "referral": referral,
        "business": referral.business,
        "owner": referral.business.owner,
        "documents": sent.get("documents", []),
        "items": [item for item in sent.get("items", []) if item.get("met")],
        "consent": consent,
        "day": timezone.localtime(referral.sent_at).date() if referral.sent_at else timezone.localdate(),
        "place": conf.LETTER_PLACE,
    }
    return render_pdf("financing/letter_pdf.html", context)


def bundle(referral: Referral) -> tuple[str, bytes, int]:
    """(file name, ZIP bytes, number of papers): the letter first, then each paper as sent."""
    sent = (referral.checklist or {}).get("sent") or {}
    wanted = [d["id"] for d in sent.get("documents", [])]
    papers = documents_by_id(wanted)
    buffer = io.BytesIO()
    count = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(letter_filename(referral), letter_pdf(referral))
        for n, pk in enumerate(wanted, start=1):
            paper = papers.get(pk)
            if paper is None:
                continue
            with paper.file.open("rb") as handle:
                archive.writestr(
                    f"{n:02d}-{paper.kind}.{filetypes.extension(paper.file.name) or 'bin'}", handle.read()
                )
            count += 1
    return f"berkas-{_safe(referral.number or referral.reference)}.zip", buffer.getvalue(), count
