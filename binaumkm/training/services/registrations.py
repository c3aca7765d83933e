"""Registrations: register, withdraw or cancel, staff priority, and waiting-list offers."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, prefetch_related_objects
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.validators import validate_no_html
from binaumkm.registry.models import Business

from .. import eligibility, notifications
from ..events import Event
from ..models import Batch, BatchState, Pool, Registration, RegistrationStatus
from ..policy import may_register
from .common import lock_batch, notify_status, offer_deadline, offer_free_seats, seats_and_waiting

INACTIVE = (RegistrationStatus.CANCELLED, RegistrationStatus.DECLINED, RegistrationStatus.EXPIRED)
MAX_ANSWER = 500
PRIORITY_RANGE = range(-9, 10)


def when(dt: datetime.datetime) -> str:
    return f"{date_format(localtime(dt), 'j F Y H.i')} WIB"


def _check_window(batch: Batch, now: datetime.datetime) -> None:
    if batch.state == BatchState.DRAFT:
        raise ValidationError(_("Angkatan ini belum dibuka untuk pendaftaran."))
    if batch.state == BatchState.OPEN and now < batch.registration_opens_at:
        raise ValidationError(
            _("Pendaftaran belum dibuka; dibuka pada %(when)s.") % {"when": when(batch.registration_opens_at)}
        )
    if not batch.registration_is_open(now):
        closed = batch.closed_at or batch.registration_closes_at
        raise ValidationError(_("Pendaftaran sudah ditutup pada %(when)s.") % {"when": when(closed)})


def _clean_answers(batch: Batch, answers: Iterable[str] | None) -> list[list[str]]:
    answers = list(answers or [])
    questions = batch.questions or []
    if len(answers) != len(questions):
        raise ValidationError(_("Jawab semua pertanyaan pendaftaran."))
    cleaned = []
    for question, answer in zip(questions, answers, strict=True):
        answer = str(answer or "").strip()
        if not answer:
            raise ValidationError(_("Jawab pertanyaan “%(q)s”.") % {"q": question})
        if len(answer) > MAX_ANSWER:
            raise ValidationError(_("Jawaban paling banyak %(n)d karakter.") % {"n": MAX_ANSWER})
        validate_no_html(answer)
        cleaned.append([question, answer])
    return cleaned


def _registrations_of(business: Business, batch: Batch) -> tuple[Registration | None, set[str]]:
    """In one query: the business's earlier registration for ``batch`` (if any) and the topics it
    completed (its tier and the "new to this topic" rule)."""
    existing, done = None, set()
    rows = (
        Registration.objects.filter(Q(batch=batch) | Q(completed=True), business=business)
        .select_related("batch__programme")
        .order_by()
    )
    for registration in rows:
        if registration.batch_id == batch.pk:
            existing = registration
        if registration.completed:
            done.add(registration.batch.programme.topic)
    return existing, done


@transaction.atomic
def registration_create(
    *, actor: User, batch: Batch, business: Business, answers: Iterable[str] = ()
) -> Registration:
    """Register a business for a batch. Fair mode: it waits for the allocation. First-come mode: a
    seat if one is free (checked under the batch lock, so a rush never overbooks), else the
    waiting list. A registration rush queues on the batch lock, so the work under it is kept to
    three reads and the INSERTs (``test_registration_query_budget``)."""
    if not may_register(actor, business):
        raise PermissionDenied
    if Business.owner.is_cached(business) and business.owner.user_id == actor.pk:
        business.owner.user = actor  # the status e-mail's recipient, without reading the user again
    # The kecamatan rule from the batch the caller loaded (the public page prefetches it): the lock
    # below serialises seats, not rule edits, and the locked re-read does not carry the relation.
    prefetch_related_objects([batch], "kecamatan")
    allowed_kecamatan = list(batch.kecamatan.all())
    batch = lock_batch(batch)
    now = timezone.now()
    _check_window(batch, now)
    existing, done = _registrations_of(business, batch)
    if existing and existing.status not in INACTIVE:
        raise ValidationError(
            _("“%(business)s” sudah terdaftar di angkatan ini (status: %(status)s).")
            % {"business": business.name, "status": existing.get_status_display()}
        )
    if problems := eligibility.problems(batch, business, done=done, kecamatan=allowed_kecamatan):
        raise ValidationError(problems)
    cleaned = _clean_answers(batch, answers)

    registration = existing or Registration(batch=batch, business=business)
    registration.registered_by = actor
    registration.created_at = now
    registration.answers = cleaned
    registration.tier = eligibility.tier_for(batch.programme.topic, done)
    registration.kecamatan_id = business.kelurahan.kecamatan_id
    registration.priority, registration.priority_reason = 0, ""
    registration.lottery_key = registration.rank = registration.decided_at = None
    registration.offered_at = registration.offer_expires_at = registration.cancelled_at = None
    registration.cancel_reason, registration.pool = "", ""
    position = None
    if batch.is_fair:
        registration.status = RegistrationStatus.PENDING
    else:
        taken, waiting_ahead = seats_and_waiting(batch)
        if taken < batch.capacity:
            registration.status, registration.pool = RegistrationStatus.ACCEPTED, Pool.ORDER
        else:
            registration.status, position = RegistrationStatus.WAITLISTED, waiting_ahead + 1
        registration.decided_at = now
    try:
        # No savepoint: the batch lock serialises registrations, so a duplicate only arrives from
        # outside the services, and this function's own atomic block rolls back with the error.
        registration.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("“%(business)s” sudah terdaftar di angkatan ini.") % {"business": business.name}
        ) from exc
    audit.record(
        actor=actor,
        action=Event.REGISTRATION_CREATED,
        obj=registration,
        changes={"status": [existing.status if existing else None, registration.status]},
        data={"tier": registration.tier},
    )
    # Queued in this transaction: the e-mail's task row commits with the registration, one commit
    # per registration instead of a second one after it.
    notifications.send_status(registration, position=position)
    return registration


def _reload(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("business__owner__user", "batch__programme")
        .get(pk=registration.pk)
    )


@transaction.atomic
def registration_cancel(*, actor: User, registration: Registration, reason: str = "") -> Registration:
    """Withdraw (before the close), leave the waiting list, or give up a seat (which is then
    offered to the next person)."""
    policy.require(actor, "cancel", registration)
    batch = lock_batch(registration.batch)
    registration = _reload(registration)
    registration.batch = batch
    staff = policy.can(actor, "change", registration)
    if registration.status in INACTIVE:
        raise ValidationError(_("Pendaftaran ini sudah tidak aktif."))
    if batch.state == BatchState.FINISHED:
        raise ValidationError(_("Angkatan sudah selesai; pendaftaran tidak dapat dibatalkan."))
    if registration.status == RegistrationStatus.PENDING and not staff and batch.registration_has_closed():
        raise ValidationError(
            _(
                "Pendaftaran sudah ditutup dan sedang diseleksi; Anda dapat membatalkan setelah hasil diumumkan."
            )
        )
    old = registration.status
    had_seat = registration.holds_seat
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.cancel_reason = (reason or "").strip()[:300]
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "cancelled_at", "cancel_reason", "offer_expires_at"])
    audit.record(
        actor=actor,
        action=Event.REGISTRATION_CANCELLED,
        obj=registration,
        changes={"status": [old, registration.status]},
        data={"reason": registration.cancel_reason, "by_staff": staff},
    )
    notify_status(registration)
    if had_seat:
        offer_free_seats(batch, actor=actor)
    return registration


@transaction.atomic
def registration_set_priority(
    *, actor: User, registration: Registration, priority: int, reason: str
) -> Registration:
    """Staff move someone up or down the selection / waiting list; the reason is recorded."""
    policy.require(actor, "change", registration)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": _("Tulis alasan perubahan prioritas (paling sedikit 5 karakter).")})
    if priority not in PRIORITY_RANGE:
        raise ValidationError({"priority": _("Prioritas harus antara -9 dan 9.")})
    lock_batch(registration.batch)
    registration = _reload(registration)
    if registration.status not in (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED):
        raise ValidationError(
            _("Prioritas hanya dapat diubah untuk pendaftar yang menunggu seleksi atau di daftar tunggu.")
        )
    old = registration.priority
    registration.priority, registration.priority_reason = priority, reason[:300]
    registration.save(update_fields=["priority", "priority_reason"])
    audit.record(
        actor=actor,
        action=Event.PRIORITY_CHANGED,
        obj=registration,
        changes={"priority": [old, priority]},
        data={"reason": registration.priority_reason},
    )
    return registration


# --- Waiting-list offers --------------------------------------------------------------------------


def _expire(registration: Registration, batch: Batch, *, actor: User | None = None) -> None:
    registration.status = RegistrationStatus.EXPIRED
    registration.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=Event.OFFER_EXPIRED,
        obj=registration,
        changes={"status": [RegistrationStatus.OFFERED, RegistrationStatus.EXPIRED]},
        data={"deadline": offer_deadline(registration).isoformat()},
    )
    notify_status(registration)
    offer_free_seats(batch, actor=actor)


def offer_accept(*, actor: User, registration: Registration) -> Registration:
    policy.require(actor, "answer_offer", registration)
    expired_at = None
    with transaction.atomic():
        batch = lock_batch(registration.batch)
        registration = _reload(registration)
        if registration.status != RegistrationStatus.OFFERED:
            raise ValidationError(_("Tidak ada tawaran kursi yang terbuka untuk pendaftaran ini."))
        now = timezone.now()
        if now >= offer_deadline(registration):
            expired_at = offer_deadline(registration)
            _expire(registration, batch, actor=None)
        else:
            registration.status = RegistrationStatus.ACCEPTED
            registration.pool = Pool.WAITLIST
            registration.decided_at = now
            registration.save(update_fields=["status", "pool", "decided_at"])
            audit.record(
                actor=actor,
                action=Event.OFFER_ACCEPTED,
                obj=registration,
                changes={"status": [RegistrationStatus.OFFERED, RegistrationStatus.ACCEPTED]},
            )
            notify_status(registration)
    if expired_at is not None:
        # The expiry above is committed; the refusal tells the person why.
        raise ValidationError(
            _(
                "Tawaran ini sudah kedaluwarsa pada %(when)s; kursinya sudah ditawarkan ke pendaftar berikutnya."
            )
            % {"when": when(expired_at)}
        )
    return registration


@transaction.atomic
def offer_decline(*, actor: User, registration: Registration) -> Registration:
    """'Tidak berminat': the seat goes to the next person at once."""
    policy.require(actor, "answer_offer", registration)
    batch = lock_batch(registration.batch)
    registration = _reload(registration)
    if registration.status != RegistrationStatus.OFFERED:
        raise ValidationError(_("Tidak ada tawaran kursi yang terbuka untuk pendaftaran ini."))
    registration.status = RegistrationStatus.DECLINED
    registration.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=Event.OFFER_DECLINED,
        obj=registration,
        changes={"status": [RegistrationStatus.OFFERED, RegistrationStatus.DECLINED]},
    )
    offer_free_seats(batch, actor=actor)
    return registration


def offer_expire(registration_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Expire one offer if its deadline has passed (safe to call any number of times)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = Registration.objects.filter(pk=registration_id).select_related("batch").first()
        if registration is None or registration.status != RegistrationStatus.OFFERED:
            return False
        batch = lock_batch(registration.batch)
        registration = _reload(registration)
        if registration.status != RegistrationStatus.OFFERED or offer_deadline(registration) > now:
            return False
        _expire(registration, batch)
        return True


def offers_expire(*, now: datetime.datetime | None = None, batch: Batch | None = None) -> int:
    """Expire every offer past its deadline (the periodic command and lazy checks use this)."""
    now = now or timezone.now()
    due = Registration.objects.filter(status=RegistrationStatus.OFFERED, offer_expires_at__lte=now)
    if batch is not None:
        due = due.filter(batch=batch)
    return sum(
        offer_expire(pk, now=now) for pk in due.order_by("offer_expires_at").values_list("pk", flat=True)
    )
