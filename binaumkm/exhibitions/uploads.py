"""Upload checks on the file itself (no database): the type by its first bytes, never its name or the
browser's word, and the size. Stored files get unguessable names and are served only through views
that check who may see them."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURES = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
LABELS = {"pdf": "PDF", "jpg": "JPEG", "png": "PNG"}


def sniff(head: bytes) -> str | None:
    for kind, starts in SIGNATURES.items():
        if head.startswith(starts):
            return kind
    return None


def check_upload(upload, *, allowed: Iterable[str], max_bytes: int, field: str) -> str:
    """The file's type ("pdf", "jpg", "png") when it is one of ``allowed`` and small enough."""
    allowed = tuple(allowed)
    if upload.size > max_bytes:
        raise ValidationError(
            {field: _("Berkas terlalu besar (maksimal %(mb)s MB).") % {"mb": f"{max_bytes / 1024 / 1024:g}"}},
            code="too_large",
        )
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind not in allowed:
        raise ValidationError(
            {
                field: _("Jenis berkas tidak diterima; unggah %(types)s.")
                % {"types": ", ".join(LABELS[k] for k in allowed)}
            },
            code="file_type",
        )
    return kind
