"""The daily run: expire referrals nobody moved for too long, and remind bank officers and staff of
referrals waiting longer than their scheme's service level."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from binaumkm.core import audit

from .. import conf, workflow
from ..events import Event
from ..models import WAITING_FOR_BANK, Referral
from .referrals import referral_expire


def referrals_expire(*, now: datetime.datetime | None = None) -> int:
    """Open referrals left in draft, ready or approved longer than ``EXPIRY_DAYS`` expire."""
    now = now or timezone.now()
    expired = 0
    for state, days in dict(conf.EXPIRY_DAYS).items():
        stale = Referral.objects.filter(
            state=state, state_changed_at__lt=now - datetime.timedelta(days=int(days))
        )
        for referral in stale.order_by("pk"):
            referral_expire(actor=None, referral=referral)
            expired += 1
    return expired


def referrals_due_reminder(now: datetime.datetime) -> list[Referral]:
    repeat = datetime.timedelta(days=conf.REMINDER_REPEAT_DAYS)
    waiting = Referral.objects.filter(state__in=WAITING_FOR_BANK).select_related(
        "scheme", "branch__provider", "business"
    )
    return [
        r for r in waiting.order_by("state_changed_at")
        if workflow.is_overdue(r.state, r.state_changed_at, now, r.scheme.service_level_days)
        and (r.reminded_at is None or r.reminded_at < max(r.state_changed_at, now - repeat))
    ]  # fmt: skip


def referrals_remind(*, now: datetime.datetime | None = None) -> int:
    """E-mail the branch's officers and the agency's staff about each overdue referral (again every
    ``REMINDER_REPEAT_DAYS``)."""
    from ..notifications import overdue_notify

    now = now or timezone.now()
    sent = 0
    for referral in referrals_due_reminder(now):
        with transaction.atomic():
            addresses = overdue_notify(referral, now=now)
            Referral.objects.filter(pk=referral.pk).update(reminded_at=now)
            audit.record(actor=None, action=Event.REFERRAL_REMINDED, obj=referral,
                         data={"days": workflow.days_waiting(referral.state_changed_at, now), "to": len(addresses)})  # fmt: skip
        sent += 1
    return sent
