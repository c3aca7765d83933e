"""Shared parts of the exhibition services: the exhibition lock, free booths, and offering freed
booths to the waiting list. Who may act is the access policy's (``exhibitions.policy``)."""

from __future__ import annotations

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit

from .. import conf, notifications
from ..booths import FreeBooth, Wish, best_booth
from ..events import Event
from ..models import HOLDING, Application, Assignment, AssignmentState, Booth, Exhibition, Pool, State, Status


def when(dt: datetime.datetime) -> str:
    return f"{date_format(localtime(dt), 'j F Y H.i')} WIB"


def lock_exhibition(exhibition: Exhibition) -> Exhibition:
    """Re-read the exhibition under a row lock: every change of booths and offers is serialised per
    exhibition (two declines never offer their booths to the same person)."""
    return Exhibition.objects.select_for_update(of=("self",)).get(pk=exhibition.pk)


def ensure_state(exhibition: Exhibition, *states: str) -> None:
    if exhibition.state not in states:
        raise ValidationError(
            _("Langkah ini tidak dapat dilakukan saat pameran berstatus “%(state)s”.")
            % {"state": exhibition.get_state_display()}
        )


def holding_q():
    return Exists(Assignment.objects.filter(booth=OuterRef("pk"), state__in=HOLDING))


def free_booths(exhibition: Exhibition) -> list[FreeBooth]:
    """Booths nobody holds and staff have not blocked, as plain tuples for ``booths.assign``."""
    venue_order = {
        pk: i
        for i, pk in enumerate(exhibition.venues.order_by("start_date", "id").values_list("pk", flat=True))
    }
    rows = (
        Booth.objects.filter(venue__exhibition=exhibition, blocked=False)
        .exclude(holding_q())
        .values_list("id", "venue_id", "code", "category__electricity_watts", "category__sectors")
    )
    return [
        FreeBooth(pk, venue, venue_order.get(venue, 0), code, watts > 0, tuple(sectors or ()))
        for pk, venue, code, watts, sectors in rows
    ]


def wish_of(application: Application) -> Wish:
    return Wish(
        application.pk, application.preferred_venue_id, application.needs_electricity, application.sector
    )


def offer_deadline(exhibition: Exhibition, now: datetime.datetime) -> datetime.datetime:
    hours = conf.OFFER_HOURS_DURING_EVENT if exhibition.state == State.RUNNING else conf.OFFER_HOURS
    return now + datetime.timedelta(hours=hours)


def waitlist(exhibition: Exhibition):
    return exhibition.applications.filter(status=Status.WAITLISTED).order_by("rank", "id")


def offer_free_booths(
    exhibition: Exhibition, *, actor: User | None, now: datetime.datetime | None = None
) -> list[Assignment]:
    """Offer each free booth to the next on the waiting list. The caller holds the exhibition lock."""
    if not exhibition.waitlist_active:
        return []
    free = free_booths(exhibition)
    if not free:
        return []
    now = now or timezone.now()
    offered: list[Assignment] = []
    for application in waitlist(exhibition).select_related("business__owner__user")[: len(free)]:
        booth = best_booth(wish_of(application), free)
        if booth is None:
            break
        free.remove(booth)
        offered.append(make_offer(exhibition, application, booth.id, booth.venue_id, actor=actor, now=now,
                                  from_waitlist=True))  # fmt: skip
    return offered


def make_offer(
    exhibition: Exhibition,
    application: Application,
    booth_id: int,
    venue_id: int,
    *,
    actor: User | None,
    now: datetime.datetime,
    from_waitlist: bool,
) -> Assignment:
    assignment = Assignment.objects.create(
        application=application,
        booth_id=booth_id,
        venue_id=venue_id,
        state=AssignmentState.HELD,
        offered_at=now,
        expires_at=offer_deadline(exhibition, now),
    )
    old = application.status
    application.status = Status.OFFERED
    if from_waitlist:
        application.pool = Pool.WAITLIST
    application.save(update_fields=["status", "pool"])
    audit.record(
        actor=actor,
        action=Event.OFFER_MADE,
        obj=application,
        changes={"status": [old, application.status]},
        data={
            "booth_id": booth_id,
            "expires_at": assignment.expires_at.isoformat() if assignment.expires_at else None,
        },
    )
    transaction.on_commit(partial(after_offer, assignment.pk))
    return assignment


def after_offer(assignment_id: int) -> None:
    notifications.offer_made(assignment_id)
    schedule_offer_expiry(assignment_id)


def schedule_offer_expiry(assignment_id: int) -> None:
    """Queue the expiry at the deadline when the task backend can defer; otherwise the periodic
    ``expire_exhibition_offers`` command and the lazy check on every page that shows an offer do it."""
    from ..tasks import offer_expire_task

    if not offer_expire_task.get_backend().supports_defer:
        return
    deadline = Assignment.objects.filter(pk=assignment_id).values_list("expires_at", flat=True).first()
    if deadline is not None:
        offer_expire_task.using(run_after=deadline).enqueue(assignment_id)


def release(assignment: Assignment, reason: str, now: datetime.datetime) -> None:
    assignment.state = AssignmentState.RELEASED
    assignment.release_reason = reason
    assignment.released_at = now
    assignment.save(update_fields=["state", "release_reason", "released_at"])
