"""Writes of the privacy app: publish a notice, record consents, owners' requests and the staff's
handling of them, deletion by anonymisation and the retention run. Every write is atomic and audited."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from binaumkm.accounts import services as accounts
from binaumkm.accounts.models import User
from binaumkm.core import audit, hooks, policy
from binaumkm.core.hooks import PersonalData
from binaumkm.registry import services as registry
from binaumkm.registry.models import Owner

from . import conf, selectors
from .events import Event
from .models import Consent, ConsentChannel, DataRequest, PrivacyNotice, RequestKind, RequestState

# --- The notice and consent ------------------------------------------------------------------------


@transaction.atomic
def notice_publish(*, actor: User, text: str, effective_date: datetime.date) -> PrivacyNotice:
    """A new version of the notice; from its date every owner who agreed to an older one is asked again."""
    policy.require(actor, "add", PrivacyNotice)
    if not text.strip():
        raise ValidationError({"text": _("Isi pemberitahuan wajib diisi.")})
    latest = PrivacyNotice.objects.select_for_update().aggregate(v=Max("version"))["v"] or 0
    notice = PrivacyNotice.objects.create(
        version=latest + 1, text=text.strip(), effective_date=effective_date, published_by=actor
    )
    audit.record(actor=actor, action=Event.NOTICE_PUBLISHED, obj=notice,
                 data={"version": notice.version, "effective_date": effective_date.isoformat()})  # fmt: skip
    return notice


def _consent(owner: Owner, notice: PrivacyNotice, **fields) -> Consent:
    consent, _created = Consent.objects.get_or_create(owner=owner, notice=notice, defaults=fields)
    return consent


@transaction.atomic
def consent_give(*, actor: User) -> Consent:
    """The owner agrees online to the current notice (on sign-up or when asked again)."""
    owner = selectors.own_owner(actor=actor)
    notice = selectors.notice_current()
    if notice is None:
        raise ValidationError(_("Belum ada pemberitahuan privasi yang berlaku."))
    consent = _consent(owner, notice, channel=ConsentChannel.ONLINE, recorded_by=actor)
    audit.record(actor=actor, action=Event.CONSENT_GIVEN, obj=owner, data={"version": notice.version})
    return consent


def consent_on_signup(owner: Owner) -> Consent | None:
    """The box ticked on the sign-up form, stored with the version shown (``owner_signed_up`` hook)."""
    notice = selectors.notice_current()
    if notice is None:
        return None
    consent = _consent(owner, notice, channel=ConsentChannel.ONLINE, recorded_by=owner.user)
    audit.record(actor=owner.user, action=Event.CONSENT_GIVEN, obj=owner,
                 data={"version": notice.version, "at": "signup"})  # fmt: skip
    return consent


@transaction.atomic
def consent_record_paper(
    *, actor: User, owner: Owner, document_reference: str, given_on: datetime.date
) -> Consent:
    """Staff enter the consent an owner signed on paper (staff-created and imported owners)."""
    policy.require(actor, "add", Consent)
    notice = selectors.notice_current()
    if notice is None:
        raise ValidationError(_("Belum ada pemberitahuan privasi yang berlaku."))
    if not document_reference.strip():
        raise ValidationError({"document_reference": _("Nomor dokumen persetujuan wajib diisi.")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Tanggal persetujuan tidak boleh di masa depan.")})
    if Consent.objects.filter(owner=owner, notice=notice).exists():
        raise ValidationError(
            _("Pemilik ini sudah menyetujui pemberitahuan versi %(v)d.") % {"v": notice.version}
        )
    given_at = timezone.make_aware(datetime.datetime.combine(given_on, datetime.time(12)))
    consent = Consent.objects.create(
        owner=owner, notice=notice, channel=ConsentChannel.PAPER, document_reference=document_reference.strip(),
        given_at=given_at, recorded_by=actor,
    )  # fmt: skip
    audit.record(actor=actor, action=Event.CONSENT_RECORDED, obj=owner,
                 data={"version": notice.version, "document": consent.document_reference})  # fmt: skip
    return consent


# --- Data saya -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnData:
    owner: Owner
    tables: list[PersonalData]


def _gather(owner: Owner) -> list[PersonalData]:
    return [*hooks.personal_data(owner), *selectors.privacy_tables(owner)]


def own_data_show(*, actor: User) -> OwnData:
    """Everything held about the owner, their own NIK and phone in full: each display is logged."""
    owner = selectors.own_owner(actor=actor)
    registry.personal_data_reveal(actor=actor, owner=owner, field="nik")
    if owner.phone:
        registry.personal_data_reveal(actor=actor, owner=owner, field="phone")
    return OwnData(owner, _gather(owner))


def own_data_download(*, actor: User, fmt: str) -> OwnData:
    """The same, for a download (.xlsx or JSON); logged as one download."""
    owner = selectors.own_owner(actor=actor)
    audit.record(actor=actor, action=Event.DATA_DOWNLOADED, obj=owner, data={"format": fmt})
    return OwnData(owner, _gather(owner))


# --- Requests --------------------------------------------------------------------------------------

DEADLINE_SETTING = {
    RequestKind.ACCESS: "DEADLINE_HOURS_ACCESS",
    RequestKind.CORRECTION: "DEADLINE_HOURS_CORRECTION",
    RequestKind.DELETION: "DEADLINE_HOURS_DELETION",
}


def deadline(kind: str, start: datetime.datetime) -> datetime.datetime:
    return start + datetime.timedelta(hours=int(getattr(conf, DEADLINE_SETTING[RequestKind(kind)])))


@transaction.atomic
def request_create(
    *, actor: User, kind: str, message: str = "", fields: list[str] | None = None
) -> DataRequest:
    """An owner asks for a copy, a correction or the deletion of their data."""
    policy.require(actor, "add", DataRequest)
    owner = selectors.own_owner(actor=actor)
    if kind not in RequestKind.values:
        raise ValidationError({"kind": _("Jenis permintaan tidak dikenal.")})
    if kind == RequestKind.CORRECTION and not (fields or message.strip()):
        raise ValidationError({"message": _("Sebutkan data yang perlu diperbaiki dan isinya yang benar.")})
    if owner.data_requests.filter(kind=kind, state__in=[RequestState.NEW, RequestState.IN_PROGRESS]).exists():
        raise ValidationError(_("Permintaan sejenis masih diproses. Tunggu jawaban dinas dahulu."))
    now = timezone.now()
    request = DataRequest.objects.create(
        owner=owner, kind=kind, fields=list(fields or []), message=message.strip(), created_at=now,
        due_at=deadline(kind, now),
    )  # fmt: skip
    audit.record(actor=actor, action=Event.REQUEST_CREATED, obj=request,
                 data={"kind": kind, "fields": request.fields})  # fmt: skip
    return request


def _locked(request: DataRequest, *states: str) -> DataRequest:
    request = DataRequest.objects.select_for_update().select_related("owner").get(pk=request.pk)
    if request.state not in states:
        raise ValidationError(
            _("Permintaan ini sudah %(state)s.") % {"state": request.get_state_display().lower()}
        )
    return request


@transaction.atomic
def request_start(*, actor: User, request: DataRequest) -> DataRequest:
    policy.require(actor, "process", request)
    request = _locked(request, RequestState.NEW)
    request.state = RequestState.IN_PROGRESS
    request.handled_by = actor
    request.save(update_fields=["state", "handled_by"])
    audit.record(
        actor=actor, action=Event.REQUEST_STARTED, obj=request, changes={"state": ["baru", "diproses"]}
    )
    return request


def _erase(*, actor: User | None, owner: Owner) -> str:
    """Anonymise the owner and close their account; the explanation of what was kept and why (stored
    in the source language, whatever language the handler's pages are in)."""
    with translation.override(settings.LANGUAGE_CODE):
        kept = [table for table in hooks.personal_data(owner) if table.keep_reason and table.rows]
        return _erase_kept(actor=actor, owner=owner, kept=kept)


def _erase_kept(*, actor: User | None, owner: Owner, kept: list[PersonalData]) -> str:
    registry.owner_anonymise(actor=actor, owner=owner)
    if owner.user_id is not None:
        accounts.account_anonymise(actor=actor, user=User.objects.get(pk=owner.user_id))
    lines = [
        _("Nama, NIK, nomor HP, e-mail, jenis kelamin dan kontak usaha dianonimkan; akun dinonaktifkan.")
    ]
    if kept:
        lines.append(_("Catatan yang tetap disimpan tanpa identitas pemilik:"))
        reasons: dict[str, list[str]] = {}
        for table in kept:
            reasons.setdefault(str(table.keep_reason), []).append(str(table.title))
        lines += [f"- {', '.join(titles)}: {reason}" for reason, titles in reasons.items()]
    else:
        lines.append(_("Tidak ada catatan yang wajib disimpan."))
    return "\n".join(lines)


@transaction.atomic
def request_complete(*, actor: User, request: DataRequest, outcome: str) -> DataRequest:
    """Done: a deletion anonymises the owner (saying what is kept and why); a correction or copy is
    answered with what staff did (corrections themselves are made on the owner's record)."""
    policy.require(actor, "process", request)
    request = _locked(request, RequestState.NEW, RequestState.IN_PROGRESS)
    outcome = outcome.strip()
    if request.kind == RequestKind.DELETION:
        explanation = _erase(actor=actor, owner=request.owner)
        audit.record(
            actor=actor, action=Event.OWNER_ERASED, obj=request.owner, data={"request": request.reference}
        )
        outcome = f"{outcome}\n{explanation}".strip()
    elif not outcome:
        raise ValidationError({"outcome": _("Tuliskan apa yang sudah dilakukan.")})
    before = request.state
    request.state = RequestState.DONE
    request.outcome = outcome
    request.handled_by = actor
    request.handled_at = timezone.now()
    request.save()
    audit.record(
        actor=actor, action=Event.REQUEST_COMPLETED, obj=request, changes={"state": [before, "selesai"]}
    )
    return request


@transaction.atomic
def request_reject(*, actor: User, request: DataRequest, outcome: str) -> DataRequest:
    policy.require(actor, "process", request)
    request = _locked(request, RequestState.NEW, RequestState.IN_PROGRESS)
    if not outcome.strip():
        raise ValidationError({"outcome": _("Tuliskan alasan penolakan.")})
    before = request.state
    request.state = RequestState.REJECTED
    request.outcome = outcome.strip()
    request.handled_by = actor
    request.handled_at = timezone.now()
    request.save()
    audit.record(
        actor=actor, action=Event.REQUEST_REJECTED, obj=request, changes={"state": [before, "ditolak"]}
    )
    return request


# --- Retention -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetentionRun:
    owners: list[Owner]
    requests: list[DataRequest]


def retention_apply(*, today: datetime.date | None = None, dry_run: bool = False) -> RetentionRun:
    """Per kind of record: anonymise every owner past the closed-business period
    (``selectors.retention_due``) and clear the text of answered requests past theirs, each in its own
    transaction, audited as the system; a dry run only lists them."""
    run = RetentionRun(
        list(selectors.retention_due(today=today)), list(selectors.retention_requests_due(today=today))
    )
    if dry_run:
        return run
    for owner in run.owners:
        with transaction.atomic():
            explanation = _erase(actor=None, owner=owner)
            audit.record(actor=None, action=Event.RETENTION_APPLIED, obj=owner,
                         data={"days": conf.RETENTION_DAYS_CLOSED_BUSINESS, "outcome": explanation})  # fmt: skip
    for request in run.requests:
        with transaction.atomic():
            DataRequest.objects.filter(pk=request.pk).update(message="", fields=[])
            audit.record(actor=None, action=Event.RETENTION_APPLIED, obj=request,
                         data={"days": conf.RETENTION_DAYS_FINISHED_REQUESTS, "cleared": ["message", "fields"]})  # fmt: skip
    return run
