"""Booth offers: accept, decline, expire (by the scheduled task, the periodic command or a lazy check
on sight), a no-show, and a further booth at another venue. Every freed booth goes to the next on the
waiting list at once, under the exhibition's lock."""

from __future__ import annotations

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy

from .. import notifications
from ..events import Event
from ..models import (
    HOLDING,
    Application,
    Assignment,
    AssignmentState,
    Booth,
    Exhibition,
    Release,
    State,
    Status,
)
from .common import ensure_state, lock_exhibition, offer_free_booths, release, when


def _reload(assignment: Assignment) -> Assignment:
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("application__business", "application__exhibition", "booth__venue")
        .get(pk=assignment.pk)
    )


def _set_status(application: Application, status: str) -> str:
    old = application.status
    application.status = status
    application.save(update_fields=["status"])
    return old


def _expire(assignment: Assignment, exhibition: Exhibition, *, now: datetime.datetime) -> None:
    release(assignment, Release.EXPIRED, now)
    old = _set_status(assignment.application, Status.EXPIRED)
    audit.record(
        actor=None,
        action=Event.OFFER_EXPIRED,
        obj=assignment.application,
        changes={"status": [old, Status.EXPIRED]},
        data={
            "booth": assignment.booth.code,
            "deadline": assignment.expires_at.isoformat() if assignment.expires_at else None,
        },
    )
    transaction.on_commit(partial(notifications.status_changed, assignment.application_id))
    offer_free_booths(exhibition, actor=None, now=now)


def offer_accept(*, actor: User, assignment: Assignment) -> Assignment:
    """Take the offered booth. An offer past its deadline is expired (and its booth passed on) and
    the acceptance refused with the time it expired."""
    policy.require(actor, "answer_offer", assignment.application)
    expired_at = None
    with transaction.atomic():
        exhibition = lock_exhibition(assignment.application.exhibition)
        assignment = _reload(assignment)
        if assignment.state != AssignmentState.HELD or assignment.expires_at is None:
            raise ValidationError(_("Tidak ada tawaran booth yang terbuka untuk pendaftaran ini."))
        now = timezone.now()
        if now >= assignment.expires_at:
            expired_at = assignment.expires_at
            _expire(assignment, exhibition, now=now)
        else:
            assignment.state, assignment.assigned_at = AssignmentState.ASSIGNED, now
            assignment.save(update_fields=["state", "assigned_at"])
            old = _set_status(assignment.application, Status.ACCEPTED)
            audit.record(
                actor=actor,
                action=Event.OFFER_ACCEPTED,
                obj=assignment.application,
                changes={"status": [old, Status.ACCEPTED]},
                data={"booth": assignment.booth.code},
            )
    if expired_at is not None:
        raise ValidationError(
            _(
                "Tawaran ini sudah kedaluwarsa pada %(when)s; booth-nya sudah ditawarkan ke pendaftar berikutnya."
            )
            % {"when": when(expired_at)}
        )
    return assignment


@transaction.atomic
def offer_decline(*, actor: User, assignment: Assignment) -> Assignment:
    """'Tidak bisa ikut': the booth goes to the next on the waiting list at once."""
    policy.require(actor, "answer_offer", assignment.application)
    exhibition = lock_exhibition(assignment.application.exhibition)
    assignment = _reload(assignment)
    if assignment.state != AssignmentState.HELD:
        raise ValidationError(_("Tidak ada tawaran booth yang terbuka untuk pendaftaran ini."))
    now = timezone.now()
    release(assignment, Release.DECLINED, now)
    old = _set_status(assignment.application, Status.DECLINED)
    audit.record(
        actor=actor,
        action=Event.OFFER_DECLINED,
        obj=assignment.application,
        changes={"status": [old, Status.DECLINED]},
        data={"booth": assignment.booth.code},
    )
    offer_free_booths(exhibition, actor=actor, now=now)
    return assignment


def offer_expire(assignment_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Expire one offer if its deadline has passed (safe to call any number of times)."""
    now = now or timezone.now()
    with transaction.atomic():
        found = (
            Assignment.objects.filter(pk=assignment_id, state=AssignmentState.HELD)
            .select_related("application__exhibition")
            .first()
        )
        if found is None:
            return False
        exhibition = lock_exhibition(found.application.exhibition)
        assignment = _reload(found)
        if (
            assignment.state != AssignmentState.HELD
            or assignment.expires_at is None
            or assignment.expires_at > now
        ):
            return False
        _expire(assignment, exhibition, now=now)
        return True


def offers_expire(*, now: datetime.datetime | None = None, exhibition: Exhibition | None = None) -> int:
    """Expire every offer past its deadline (the periodic command and the lazy checks use this)."""
    now = now or timezone.now()
    due = Assignment.objects.filter(state=AssignmentState.HELD, expires_at__lte=now)
    if exhibition is not None:
        due = due.filter(application__exhibition=exhibition)
    return sum(offer_expire(pk, now=now) for pk in due.order_by("expires_at").values_list("pk", flat=True))


@transaction.atomic
def no_show(*, actor: User, assignment: Assignment) -> Assignment:
    """Staff mark an exhibitor who did not come: the booth is released and offered on at once (a
    short offer while the exhibition runs)."""
    policy.require(actor, "change", assignment)
    exhibition = lock_exhibition(assignment.application.exhibition)
    ensure_state(exhibition, State.CONFIRMED, State.RUNNING)
    assignment = _reload(assignment)
    if assignment.state != AssignmentState.ASSIGNED:
        raise ValidationError(_("Booth ini tidak sedang ditetapkan untuk peserta."))
    if assignment.check_ins.exists():
        raise ValidationError(_("Peserta ini sudah tercatat hadir di booth."))
    now = timezone.now()
    release(assignment, Release.NO_SHOW, now)
    application = assignment.application
    still = application.assignments.filter(state__in=HOLDING).exists()
    old = application.status
    if not still:
        _set_status(application, Status.NO_SHOW)
    audit.record(
        actor=actor,
        action=Event.NO_SHOW,
        obj=application,
        changes={"status": [old, application.status]},
        data={"booth": assignment.booth.code},
    )
    offer_free_booths(exhibition, actor=actor, now=now)
    return assignment


@transaction.atomic
def booth_assign_extra(*, actor: User, application: Application, booth: Booth) -> Assignment:
    """Give an exhibitor a further booth at another venue of the same exhibition (one UMKM may serve
    several venues). The database refuses a booth held twice or two booths at one venue."""
    policy.require(actor, "change", application)
    exhibition = lock_exhibition(application.exhibition)
    ensure_state(exhibition, State.CONFIRMED, State.RUNNING)
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if application.status not in (Status.ACCEPTED, Status.CHECKED_IN):
        raise ValidationError(_("Booth tambahan hanya untuk peserta yang sudah menerima booth."))
    booth = Booth.objects.select_related("venue").get(pk=booth.pk)
    if booth.venue.exhibition_id != exhibition.pk or booth.blocked:
        raise ValidationError({"booth": _("Pilih booth bebas dari pameran ini.")})
    if booth.assignments.filter(state__in=HOLDING).exists():
        raise ValidationError(
            {"booth": _("Booth %(code)s sudah ditawarkan atau dipakai.") % {"code": booth.code}}
        )
    if application.assignments.filter(state__in=HOLDING, venue=booth.venue).exists():
        raise ValidationError(
            {"booth": _("Peserta ini sudah punya booth di %(venue)s.") % {"venue": booth.venue.name}}
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                application=application, booth=booth, venue=booth.venue, state=AssignmentState.ASSIGNED,
                offered_at=now, assigned_at=now,
            )  # fmt: skip
    except IntegrityError as exc:  # the last guard: a booth is never held twice
        raise ValidationError(
            {"booth": _("Booth %(code)s baru saja diambil.") % {"code": booth.code}}
        ) from exc
    audit.record(
        actor=actor,
        action=Event.BOOTH_ASSIGNED,
        obj=application,
        data={"booth": booth.code, "venue": booth.venue.name},
    )
    return assignment
