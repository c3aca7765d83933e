"""Shared parts of the training services: the batch lock, seats and the waiting list. Who may act
is the access policy's (``training.policy``), checked by each service."""

from __future__ import annotations

import datetime
from functools import partial

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.core import audit

from .. import conf, notifications
from ..events import Event
from ..models import SEAT_STATUSES, Batch, Registration, RegistrationStatus
from ..selectors import waitlist, waitlist_position


def lock_batch(batch: Batch) -> Batch:
    """Re-read the batch under a row lock: every change of seats is serialised per batch."""
    return Batch.objects.select_for_update(of=("self",)).select_related("programme").get(pk=batch.pk)


def seats_taken(batch: Batch) -> int:
    return batch.registrations.filter(status__in=SEAT_STATUSES).count()


def seats_and_waiting(batch: Batch) -> tuple[int, int]:
    """(seats taken, people on the waiting list ahead of a newcomer) in one statement, for a
    first-come registration: a newcomer has priority 0 and no rank, so everyone waiting with
    priority 0 or more is ahead (``waitlist`` order). Run it under the batch lock: a statement
    that started before the lock was granted would count from an older snapshot."""
    counts = batch.registrations.aggregate(
        taken=Count("pk", filter=Q(status__in=SEAT_STATUSES)),
        ahead=Count("pk", filter=Q(status=RegistrationStatus.WAITLISTED, priority__gte=0)),
    )
    return counts["taken"], counts["ahead"]


def offer_free_seats(
    batch: Batch, *, actor: User | None, now: datetime.datetime | None = None
) -> list[Registration]:
    """Offer each free seat to the next person on the waiting list. The caller holds the lock."""
    if not batch.waitlist_active:
        return []
    free = batch.capacity - seats_taken(batch)
    if free <= 0:
        return []
    now = now or timezone.now()
    offered: list[Registration] = []
    for registration in waitlist(batch).select_related("business__owner__user")[:free]:
        registration.status = RegistrationStatus.OFFERED
        registration.offered_at = now
        registration.offer_expires_at = now + datetime.timedelta(hours=conf.OFFER_HOURS)
        registration.save(update_fields=["status", "offered_at", "offer_expires_at"])
        registration.batch = batch
        audit.record(
            actor=actor,
            action=Event.OFFER_MADE,
            obj=registration,
            changes={"status": [RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED]},
            data={"expires_at": registration.offer_expires_at.isoformat()},
        )
        transaction.on_commit(partial(_after_offer, registration))
        offered.append(registration)
    return offered


def offer_deadline(registration: Registration) -> datetime.datetime:
    """An open offer's deadline (the database guarantees one: ``training_offer_has_deadline``)."""
    if registration.offer_expires_at is None:
        raise ValueError(f"offer {registration.pk} has no deadline")
    return registration.offer_expires_at


def _after_offer(registration: Registration) -> None:
    notifications.send_status(registration)
    schedule_offer_expiry(registration)


def schedule_offer_expiry(registration: Registration) -> None:
    """Queue the expiry at the deadline when the task backend can defer; otherwise the periodic
    ``expire_training_offers`` command and the lazy check on every view do it."""
    from ..tasks import offer_expire_task

    if offer_expire_task.get_backend().supports_defer:
        offer_expire_task.using(run_after=registration.offer_expires_at).enqueue(registration.pk)


def notify_status(registration: Registration) -> None:
    transaction.on_commit(
        lambda: notifications.send_status(registration, position=waitlist_position(registration))
    )
