"""Writes of the document file: upload (size and real type checked), verify or reject, and opening a
file, which is logged because the papers are specific personal data."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.masking import mask_nik
from binaumkm.core.validators import normalize_nib, normalize_nik
from binaumkm.registry.models import Business

from .. import conf, filetypes
from ..events import Event
from ..models import Document, DocumentKind, DocumentState
from .common import require_business

HEIC_HINT = "heic"


def _mask_number(value):
    return mask_nik(value) if value and len(value) >= 12 else value


def _normalise_number(kind: str, number: str) -> str:
    number = (number or "").strip()
    if not number:
        return ""
    if kind == DocumentKind.KTP:
        return normalize_nik(number)
    if kind == DocumentKind.KK:
        digits = re.sub(r"[\s.\-]", "", number)
        if not (digits.isdigit() and len(digits) == 16):
            raise ValidationError(_("Nomor KK harus 16 digit angka."))
        return digits
    if kind == DocumentKind.NIB:
        return normalize_nib(number)
    if kind == DocumentKind.NPWP:
        digits = re.sub(r"[\s.\-]", "", number)
        if not (digits.isdigit() and len(digits) in (15, 16)):
            raise ValidationError(_("NPWP harus 15 atau 16 digit angka."))
        return digits
    return number[:40]


def check_upload(upload: UploadedFile) -> str:
    """The accepted type of an upload ("pdf", "jpeg", "png"), or a ValidationError saying why not."""
    limit = conf.DOCUMENT_MAX_BYTES
    if not upload.size:
        raise ValidationError({"file": _("Berkas kosong.")})
    if upload.size > limit:
        raise ValidationError({"file": _("Berkas terlalu besar (%(size)s MB); paling besar %(limit)s MB.") % {
            "size": f"{upload.size / 1_048_576:.1f}".replace(".", ","), "limit": limit // 1_048_576}})  # fmt: skip
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = filetypes.sniff(head)
    name = upload.name or ""
    if kind == HEIC_HINT:
        raise ValidationError({"file": _(
            "Foto HEIC dari iPhone belum bisa dibaca. Ubah kamera ke “Paling Kompatibel” (JPG) atau kirim sebagai PDF."
        )})  # fmt: skip
    if kind not in filetypes.ACCEPTED:
        raise ValidationError({"file": _("Jenis berkas tidak diterima: unggah PDF, JPG atau PNG.")})
    if not filetypes.matches_extension(kind, name):
        raise ValidationError({"file": _(
            "Isi berkas tidak sesuai dengan namanya: isinya %(kind)s, namanya “%(name)s”."
        ) % {"kind": kind.upper(), "name": name[-60:]}})  # fmt: skip
    return kind


@transaction.atomic
def document_upload(
    *,
    actor: User,
    business: Business,
    kind: str,
    upload: UploadedFile,
    number: str = "",
    issued_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
    address_in_city: bool | None = None,
) -> Document:
    """Add a paper to the business's file; a new KTP/KK/NIB/SKU/NPWP replaces the current one (which
    is kept, marked replaced)."""
    policy.require(actor, "add", Document)
    require_business(actor, business, staff_permission="financing.add_document")
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Pilih jenis dokumen.")})
    try:
        number = _normalise_number(kind, number)
    except ValidationError as exc:
        raise ValidationError({"number": exc.messages}) from None
    if kind in (DocumentKind.KTP, DocumentKind.KK, DocumentKind.NIB, DocumentKind.NPWP) and not number:
        raise ValidationError({"number": _("Isi nomor yang tertera pada dokumen.")})
    today = timezone.localdate()
    if issued_on and issued_on > today:
        raise ValidationError({"issued_on": _("Tanggal terbit tidak boleh di masa depan.")})
    if issued_on and expires_on and expires_on < issued_on:
        raise ValidationError({"expires_on": _("Tanggal berlaku harus sesudah tanggal terbit.")})
    file_type = check_upload(upload)
    now = timezone.now()
    replaced = []
    if kind in DocumentKind.single():
        current = Document.objects.select_for_update().filter(
            business=business, kind=kind, replaced_at__isnull=True
        )
        replaced = list(current.values_list("pk", flat=True))
        current.update(replaced_at=now)
    document = Document(
        business=business, kind=kind, number=number, original_name=(upload.name or "")[-200:],
        content_type=filetypes.ACCEPTED[file_type], size=int(upload.size or 0), issued_on=issued_on, expires_on=expires_on,
        address_in_city=address_in_city if kind in (DocumentKind.KTP, DocumentKind.KK) else None,
        uploaded_by=actor,
    )  # fmt: skip
    document.file.save(upload.name or f"berkas.{file_type}", upload, save=False)
    document.save()
    audit.record(
        actor=actor, action=Event.DOCUMENT_UPLOADED, obj=document,
        changes=audit.diff({}, {"kind": kind, "number": number}, mask={"number": _mask_number}),
        data={"replaced": replaced, "size": upload.size},
    )  # fmt: skip
    return document


@transaction.atomic
def document_verify(*, actor: User, document: Document) -> Document:
    policy.require(actor, "verify", document)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.replaced_at is not None:
        raise ValidationError(_("Dokumen ini sudah diganti yang lebih baru."))
    before = document.state
    document.state, document.state_note = DocumentState.VERIFIED, ""
    document.verified_by, document.verified_at = actor, timezone.now()
    document.save(update_fields=["state", "state_note", "verified_by", "verified_at"])
    audit.record(
        actor=actor, action=Event.DOCUMENT_VERIFIED, obj=document, changes={"state": [before, document.state]}
    )
    return document


@transaction.atomic
def document_reject(*, actor: User, document: Document, reason: str) -> Document:
    policy.require(actor, "verify", document)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Tulis alasan penolakan agar pemilik tahu apa yang harus diperbaiki.")}
        )
    document = Document.objects.select_for_update().get(pk=document.pk)
    before = document.state
    document.state, document.state_note = DocumentState.REJECTED, reason[:300]
    document.verified_by, document.verified_at = actor, timezone.now()
    document.save(update_fields=["state", "state_note", "verified_by", "verified_at"])
    audit.record(actor=actor, action=Event.DOCUMENT_REJECTED, obj=document,
                 changes={"state": [before, document.state]}, data={"reason": document.state_note})  # fmt: skip
    return document


def document_open(*, actor: User, document: Document) -> tuple[bytes, str, str]:
    """The file's bytes, content type and a download name; every opening is logged."""
    policy.require(actor, "view", document)
    with document.file.open("rb") as handle:
        content = handle.read()
    audit.record(actor=actor, action=Event.DOCUMENT_VIEWED, obj=document, data={"kind": document.kind})
    extension = filetypes.extension(document.file.name) or "bin"
    return content, document.content_type, f"{document.kind}-{document.business_id}.{extension}"
