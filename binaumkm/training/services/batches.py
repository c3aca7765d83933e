"""Programmes, batches and sessions: create, change, open, close, finish, delete."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.official import require_signer

from .. import notifications
from ..events import Event
from ..models import (
    Batch,
    BatchState,
    Certificate,
    Programme,
    Registration,
    RegistrationStatus,
    Session,
)
from .common import lock_batch, offer_free_seats, seats_taken

PROGRAMME_FIELDS = ["title", "topic", "partner", "description"]
BATCH_FIELDS = [
    "number", "selection_mode", "capacity", "registration_opens_at", "registration_closes_at",
    "start_date", "end_date", "delivery", "venue_kelurahan", "venue_address", "online_link", "questions",
    "sectors", "size_classes", "statuses", "verified_only", "new_to_topic_only", "completion_percent",
]  # fmt: skip
SESSION_FIELDS = ["number", "date", "start_time", "end_time", "title"]


# --- Programmes -----------------------------------------------------------------------------------


@transaction.atomic
def programme_create(*, actor: User, data: dict[str, Any]) -> Programme:
    policy.require(actor, "add", Programme)
    programme = Programme.objects.create(created_by=actor, **{f: data.get(f, "") for f in PROGRAMME_FIELDS})
    audit.record(
        actor=actor,
        action=Event.PROGRAMME_CREATED,
        obj=programme,
        changes=audit.diff({}, audit.snapshot(programme, PROGRAMME_FIELDS)),
    )
    return programme


@transaction.atomic
def programme_update(*, actor: User, programme: Programme, data: dict[str, Any]) -> Programme:
    policy.require(actor, "change", programme)
    before = audit.snapshot(programme, PROGRAMME_FIELDS)
    for field in PROGRAMME_FIELDS:
        if field in data:
            setattr(programme, field, data[field])
    programme.save()
    if changes := audit.diff(before, audit.snapshot(programme, PROGRAMME_FIELDS)):
        audit.record(actor=actor, action=Event.PROGRAMME_UPDATED, obj=programme, changes=changes)
    return programme


@transaction.atomic
def programme_delete(*, actor: User, programme: Programme) -> None:
    policy.require(actor, "delete", programme)
    n = Registration.objects.filter(batch__programme=programme).count()
    if n:
        raise ValidationError(
            _("Program ini tidak dapat dihapus karena sudah ada %(n)d pendaftar di angkatannya.") % {"n": n}
        )
    audit.record(actor=actor, action=Event.PROGRAMME_DELETED, obj=programme)
    Session.objects.filter(batch__programme=programme).delete()
    programme.batches.all().delete()
    programme.delete()


# --- Batches --------------------------------------------------------------------------------------


def _apply_batch(batch: Batch, data: dict[str, Any]) -> None:
    for field in BATCH_FIELDS:
        if field in data:
            setattr(batch, field, data[field])


def _check_batch(batch: Batch) -> None:
    errors: dict[str, str] = {}
    if batch.registration_closes_at <= batch.registration_opens_at:
        errors["registration_closes_at"] = _("Penutupan pendaftaran harus sesudah pembukaannya.")
    if batch.end_date < batch.start_date:
        errors["end_date"] = _("Tanggal selesai tidak boleh sebelum tanggal mulai.")
    clash = Batch.objects.filter(programme=batch.programme, number=batch.number).exclude(pk=batch.pk)
    if clash.exists():
        errors["number"] = _("Angkatan %(n)d sudah ada di program ini.") % {"n": batch.number}
    if errors:
        raise ValidationError(errors)


def _snapshot(batch: Batch) -> dict[str, Any]:
    values = audit.snapshot(batch, ["state", *BATCH_FIELDS])
    if batch.pk:
        values["kecamatan"] = sorted(k.name for k in batch.kecamatan.all())
    return values


@transaction.atomic
def batch_create(*, actor: User, programme: Programme, data: dict[str, Any]) -> Batch:
    policy.require(actor, "add", Batch)
    batch = Batch(programme=programme, created_by=actor)
    _apply_batch(batch, data)
    _check_batch(batch)
    batch.save()
    batch.kecamatan.set(data.get("kecamatan") or [])
    audit.record(actor=actor, action=Event.BATCH_CREATED, obj=batch, changes=audit.diff({}, _snapshot(batch)))
    return batch


@transaction.atomic
def batch_update(*, actor: User, batch: Batch, data: dict[str, Any]) -> Batch:
    policy.require(actor, "change", batch)
    batch = lock_batch(batch)
    before = _snapshot(batch)
    if batch.state == BatchState.FINISHED:
        raise ValidationError(_("Angkatan yang sudah selesai tidak dapat diubah."))
    has_registrations = batch.registrations.exists()
    if has_registrations and data.get("selection_mode", batch.selection_mode) != batch.selection_mode:
        raise ValidationError({"selection_mode": _("Cara seleksi tidak dapat diubah setelah ada pendaftar.")})
    taken = seats_taken(batch)
    if "capacity" in data and data["capacity"] < taken:
        raise ValidationError(
            {
                "capacity": _(
                    "Kapasitas tidak boleh kurang dari %(n)d kursi yang sudah terisi atau sedang ditawarkan."
                )
                % {"n": taken}
            }
        )
    _apply_batch(batch, data)
    _check_batch(batch)
    batch.save()
    if "kecamatan" in data:
        batch.kecamatan.set(data["kecamatan"] or [])
    if changes := audit.diff(before, _snapshot(batch)):
        audit.record(actor=actor, action=Event.BATCH_UPDATED, obj=batch, changes=changes)
    offer_free_seats(batch, actor=actor)  # more seats: the waiting list moves up
    return batch


@transaction.atomic
def batch_delete(*, actor: User, batch: Batch) -> None:
    policy.require(actor, "delete", batch)
    batch = lock_batch(batch)
    n = batch.registrations.count()
    if n:
        raise ValidationError(
            _("Angkatan ini tidak dapat dihapus karena sudah ada %(n)d pendaftar. Tutup pendaftarannya saja.")
            % {"n": n}
        )
    audit.record(actor=actor, action=Event.BATCH_DELETED, obj=batch, data=_snapshot(batch))
    batch.sessions.all().delete()
    batch.delete()


def _transition(actor: User, batch: Batch, new_state: str, action: Event, **fields: Any) -> Batch:
    old = batch.state
    batch.state = new_state
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.save(update_fields=["state", "updated_at", *fields])
    audit.record(actor=actor, action=action, obj=batch, changes={"state": [old, new_state]})
    return batch


@transaction.atomic
def batch_open(*, actor: User, batch: Batch) -> Batch:
    """Publish a draft batch: owners see it and may register inside the window."""
    policy.require(actor, "change", batch)
    batch = lock_batch(batch)
    if batch.state != BatchState.DRAFT:
        raise ValidationError(_("Angkatan ini sudah dibuka sebelumnya."))
    return _transition(actor, batch, BatchState.OPEN, Event.BATCH_OPENED)


@transaction.atomic
def batch_close_registration(*, actor: User, batch: Batch) -> Batch:
    policy.require(actor, "change", batch)
    batch = lock_batch(batch)
    if batch.state != BatchState.OPEN:
        raise ValidationError(
            _("Pendaftaran hanya dapat ditutup saat dibuka (status sekarang: %(state)s).")
            % {"state": batch.get_state_display()}
        )
    return _transition(actor, batch, BatchState.CLOSED, Event.BATCH_CLOSED, closed_at=timezone.now())


@transaction.atomic
def batch_finish(*, actor: User, batch: Batch) -> Batch:
    """End the batch: apply the completion rule to each participant and issue certificates."""
    policy.require(actor, "change", batch)
    require_signer()  # the certificates issued here carry the signer's name and NIP
    batch = lock_batch(batch)
    now = timezone.now()
    if batch.is_fair and batch.state != BatchState.ALLOCATED:
        raise ValidationError(_("Umumkan hasil seleksi dahulu sebelum menyelesaikan angkatan."))
    if not batch.is_fair and not (batch.state == BatchState.CLOSED or batch.registration_has_closed(now)):
        raise ValidationError(_("Tutup pendaftaran dahulu sebelum menyelesaikan angkatan."))
    sessions = batch.sessions.count()
    if not sessions:
        raise ValidationError(_("Tambahkan sesi dan catat kehadiran sebelum menyelesaikan angkatan."))
    participants = list(
        batch.registrations.filter(status=RegistrationStatus.ACCEPTED)
        .select_related("business__owner__user")
        .annotate(attended=Count("attendances"))
        .order_by("business__name", "id")
    )
    passed = [r for r in participants if r.attended * 100 >= batch.completion_percent * sessions]
    passed_set = set(passed)
    failed = [r for r in participants if r not in passed_set]
    Registration.objects.filter(pk__in=[r.pk for r in passed]).update(completed=True)
    Registration.objects.filter(pk__in=[r.pk for r in failed]).update(completed=False)
    # Open offers end with the batch; nobody else is seated after it.
    batch.registrations.filter(status=RegistrationStatus.OFFERED).update(status=RegistrationStatus.EXPIRED)
    certificates = [
        Certificate(
            registration=r,
            number=f"{batch.start_date:%Y}/PLT-{batch.pk:04d}/{i:04d}",
            holder_name=r.business.owner.full_name,
            business_name=r.business.name,
            programme_title=batch.programme.title,
            partner=batch.programme.partner,
            batch_label=batch.label,
            start_date=batch.start_date,
            end_date=batch.end_date,
            issued_at=now,
        )
        for i, r in enumerate(passed, start=1)
    ]
    Certificate.objects.bulk_create(certificates)
    _transition(actor, batch, BatchState.FINISHED, Event.BATCH_FINISHED, finished_at=now)
    audit.record(
        actor=actor,
        action=Event.COMPLETION_APPLIED,
        obj=batch,
        data={"sessions": sessions, "participants": len(participants), "passed": len(passed)},
    )
    audit.record_many(
        actor=actor,
        action=Event.CERTIFICATE_ISSUED,
        objs=Certificate.objects.filter(registration__batch=batch),
    )
    passed_ids = [r.pk for r in passed]
    transaction.on_commit(lambda: _enqueue_certificates(passed_ids))
    return batch


def _enqueue_certificates(registration_ids: list[int]) -> None:
    from ..tasks import certificates_notify_task

    if registration_ids:
        certificates_notify_task.enqueue(registration_ids)


def certificates_notify(registration_ids: list[int]) -> int:
    sent = 0
    for registration in Registration.objects.filter(pk__in=registration_ids).select_related(
        "batch__programme", "business__owner__user"
    ):
        sent += notifications.send_certificate(registration)
    return sent


# --- Sessions -------------------------------------------------------------------------------------


@transaction.atomic
def session_add(*, actor: User, batch: Batch, data: dict[str, Any]) -> Session:
    policy.require(actor, "add", Session)
    batch = lock_batch(batch)
    if batch.state == BatchState.FINISHED:
        raise ValidationError(_("Angkatan yang sudah selesai tidak dapat diubah."))
    number = data.get("number") or (max(batch.sessions.values_list("number", flat=True), default=0) + 1)
    if batch.sessions.filter(number=number).exists():
        raise ValidationError({"number": _("Sesi %(n)d sudah ada.") % {"n": number}})
    if data["end_time"] <= data["start_time"]:
        raise ValidationError({"end_time": _("Jam selesai harus sesudah jam mulai.")})
    session = Session.objects.create(
        batch=batch, number=number, **{f: data[f] for f in SESSION_FIELDS if f != "number"}
    )
    audit.record(
        actor=actor,
        action=Event.SESSION_CREATED,
        obj=session,
        changes=audit.diff({}, audit.snapshot(session, SESSION_FIELDS)),
        data={"batch": str(batch)},
    )
    return session


@transaction.atomic
def session_delete(*, actor: User, session: Session) -> None:
    policy.require(actor, "delete", session)
    if session.attendances.exists():
        raise ValidationError(_("Sesi ini tidak dapat dihapus karena sudah ada kehadiran tercatat."))
    audit.record(
        actor=actor,
        action=Event.SESSION_DELETED,
        obj=session,
        data=audit.snapshot(session, SESSION_FIELDS),
    )
    session.delete()
