"""What mentoring contributes to pages that gather every module (AppConfig hooks): to-do items, a
UMKM's timeline, evidence for other modules, the outcome funnel. A few queries each."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binaumkm.core import policy
from binaumkm.core.hooks import TimelineEvent, Todo
from binaumkm.core.policy import Actor
from binaumkm.registry.models import Business

from ..models import Assignee, Engagement, EngagementState, Session, Task
from ..policy import MENTOR_OWN, OWNER_OWN

FACTS_CHUNK = 5000


def todo_items(*, actor: Actor) -> list[Todo]:
    items: list[Todo] = []
    today = timezone.localdate()
    if policy.holds(actor, MENTOR_OWN):
        portal = reverse("mentoring:portal")
        mine = policy.scope(actor, "view", Engagement).filter(
            mentor__user_id=getattr(actor, "pk", 0) or 0, state__in=EngagementState.open_values()
        )
        visits = mine.filter(next_visit_on=today).count()
        if visits:
            items.append(Todo(ngettext("%(n)d kunjungan hari ini", "%(n)d kunjungan hari ini", visits) % {"n": visits},
                              portal, due=today, urgent=True, module="mentoring"))  # fmt: skip
        for task in (
            policy.scope(actor, "view", Task)
            .filter(engagement__in=mine, assignee=Assignee.MENTOR, done_at__isnull=True, due_on__lt=today)
            .select_related("engagement__business")
            .order_by("due_on")[:10]
        ):
            items.append(Todo(_("Tugas terlambat: %(task)s (%(business)s)") % {
                "task": task.title, "business": task.engagement.business.name},
                reverse("mentoring:engagement_detail", args=[task.engagement_id]), due=task.due_on, urgent=True,
                module="mentoring"))  # fmt: skip
    if policy.holds(actor, OWNER_OWN):
        for session in (
            policy.scope(actor, "confirm", Session)
            .filter(confirmed_at__isnull=True)
            .select_related("engagement__business")
            .only("id", "held_on", "mode", "engagement__id", "engagement__business__name")
            .order_by("held_on")[:10]
        ):
            items.append(Todo(_("Konfirmasi sesi pendampingan %(date)s (%(business)s)") % {
                "date": session.held_on.strftime("%d-%m-%Y"), "business": session.engagement.business.name},
                reverse("mentoring:my_engagement", args=[session.engagement_id]), due=session.held_on,
                module="mentoring"))  # fmt: skip
        for task in (
            policy.scope(actor, "own", Task)
            .filter(assignee=Assignee.OWNER, done_at__isnull=True, due_on__lt=today)
            .filter(engagement__state__in=EngagementState.open_values())
            .select_related("engagement__business")
            .order_by("due_on")[:10]
        ):
            items.append(Todo(_("Tugas dari pendamping terlambat: %(task)s") % {"task": task.title},
                              reverse("mentoring:my_engagement", args=[task.engagement_id]), due=task.due_on,
                              urgent=True, module="mentoring"))  # fmt: skip
    return items


def business_timeline(business: Business, since: datetime.date | None = None) -> list[TimelineEvent]:
    """Engagement steps and sessions of one UMKM: two queries, whatever their number. Labels never
    carry notes or summaries (the owner's timeline shows the same labels)."""
    events = []
    engagements = Engagement.objects.filter(business=business).select_related("mentor__user", "programme")
    for e in engagements:
        staff_url = reverse("mentoring:engagement_detail", args=[e.pk])
        owner_url = reverse("mentoring:my_engagement", args=[e.pk])
        names = {"programme": e.programme.name, "mentor": e.mentor.user.display_name}
        events.append(TimelineEvent(e.created_at, "pendampingan",
                                    _("Dirujuk ke pendampingan %(programme)s (%(mentor)s)") % names, staff_url, owner_url))  # fmt: skip
        if e.started_on:
            events.append(TimelineEvent(e.started_on, "pendampingan",
                                        _("Pendampingan %(programme)s mulai aktif") % names, staff_url, owner_url))  # fmt: skip
        if e.ended_on and e.state in (EngagementState.COMPLETED, EngagementState.DROPPED):
            label = (
                _("Pendampingan %(programme)s selesai")
                if e.state == EngagementState.COMPLETED
                else _("Pendampingan %(programme)s berhenti")
            )
            events.append(TimelineEvent(e.ended_on, "pendampingan", label % names, staff_url, owner_url))
    sessions = Session.objects.filter(engagement__business=business).only(
        "id", "engagement_id", "held_on", "mode", "minutes", "confirmed_at"
    )
    if since is not None:
        sessions = sessions.filter(held_on__gte=since)
    for s in sessions.order_by("held_on", "id"):
        values = {"mode": s.get_mode_display(), "minutes": s.minutes}
        label = (_("Sesi pendampingan: %(mode)s, %(minutes)d menit (dikonfirmasi)") if s.confirmed_at
                 else _("Sesi pendampingan: %(mode)s, %(minutes)d menit")) % values  # fmt: skip
        events.append(TimelineEvent(s.held_on, "pendampingan", label,
                                    reverse("mentoring:engagement_detail", args=[s.engagement_id]),
                                    reverse("mentoring:my_engagement", args=[s.engagement_id])))  # fmt: skip
    if since is not None:
        events = [e for e in events if e.moment.date() >= since]
    return events


def business_mentoring_facts(business_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """{business id: {"mentored": the date its latest engagement became active}}."""
    ids = list(business_ids)
    facts: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), FACTS_CHUNK):
        rows = (
            Engagement.objects.filter(
                business_id__in=ids[start : start + FACTS_CHUNK], started_on__isnull=False
            )
            .order_by("business_id", "started_on")
            .values_list("business_id", "started_on")
        )
        for business_id, started_on in rows:  # ordered: the latest wins
            facts[business_id] = {"mentored": started_on}
    return facts


def businesses_mentored(since: datetime.date | None = None) -> QuerySet:
    qs = Engagement.objects.filter(started_on__isnull=False)
    if since is not None:
        qs = qs.filter(started_on__gte=since)
    return qs.values("business_id").distinct()
