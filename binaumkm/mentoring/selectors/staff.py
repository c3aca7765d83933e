"""Reads of the back office and the mentor's pages: mentors, programmes, engagements, balancing runs."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from binaumkm.core import policy
from binaumkm.core.policy import Actor

from ..models import (
    BalanceRun,
    Engagement,
    EngagementState,
    Goal,
    GoalStatus,
    GoalTemplate,
    Mentor,
    Programme,
    Session,
    Task,
)
from .common import goals_with_evidence, with_load

# --- Mentors and programmes -------------------------------------------------------------------------


def mentor_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[Mentor]:
    filters = filters or {}
    qs = with_load(policy.scope(actor, "view", Mentor)).select_related("user", "home_kelurahan")
    qs = qs.prefetch_related("kecamatan")
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(user__full_name__icontains=q)
    if kecamatan := filters.get("kecamatan"):
        qs = qs.filter(kecamatan=kecamatan)
    if topic := filters.get("topic"):
        qs = qs.filter(pk__in=_with_topic(topic))
    if filters.get("active") == "1":
        qs = qs.filter(is_active=True)
    return qs.order_by("user__full_name", "id")


def _with_topic(topic: str) -> list[int]:
    """Mentor ids with this expertise (a JSON list: filtered in Python, the table is small)."""
    return [
        pk for pk, expertise in Mentor.objects.values_list("pk", "expertise") if topic in (expertise or [])
    ]


def mentor_get(*, actor: Actor, pk: int, action: str = "view") -> Mentor:
    qs = with_load(Mentor.objects.select_related("user", "home_kelurahan").prefetch_related("kecamatan"))
    return policy.get_object_or_404(actor, action, qs, pk=pk)


def mentor_own(*, actor: Actor) -> Mentor | None:
    """The actor's own mentor record (None when staff have not registered them yet)."""
    return (
        with_load(policy.scope(actor, "view", Mentor).filter(user_id=getattr(actor, "pk", 0) or 0))
        .select_related("user")
        .first()
    )


def programme_list(*, actor: Actor) -> QuerySet[Programme]:
    return (
        policy.scope(actor, "view", Programme)
        .annotate(engagements_count=Count("engagements"))
        .prefetch_related("goal_templates")
        .order_by("-is_active", "name")
    )


def programme_get(*, actor: Actor, pk: int, action: str = "view") -> Programme:
    return policy.get_object_or_404(
        actor, action, Programme.objects.prefetch_related("goal_templates"), pk=pk
    )


def programmes_active(*, actor: Actor) -> QuerySet[Programme]:
    return policy.scope(actor, "view", Programme).filter(is_active=True).order_by("name")


def goal_template_get(*, actor: Actor, pk: int) -> GoalTemplate:
    return policy.get_object_or_404(actor, "change", GoalTemplate.objects.select_related("programme"), pk=pk)


# --- Engagements --------------------------------------------------------------------------------------


def _engagements(qs: QuerySet[Engagement]) -> QuerySet[Engagement]:
    return qs.select_related("business__kelurahan__kecamatan", "business__owner", "mentor__user", "programme")


def engagement_list(*, actor: Actor, filters: dict | None = None) -> QuerySet[Engagement]:
    filters = filters or {}
    qs = _engagements(policy.scope(actor, "view", Engagement)).annotate(
        sessions_count=Count("sessions", distinct=True),
    )
    if state := filters.get("state"):
        qs = qs.filter(state=state)
    if mentor := filters.get("mentor"):
        qs = qs.filter(mentor=mentor)
    if kecamatan := filters.get("kecamatan"):
        qs = qs.filter(business__kelurahan__kecamatan=kecamatan)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(business__name__icontains=q) | Q(mentor__user__full_name__icontains=q))
    return qs.order_by("-created_at", "-id")


def engagement_get(*, actor: Actor, pk: int, action: str = "view") -> Engagement:
    return policy.get_object_or_404(actor, action, _engagements(Engagement.objects.all()), pk=pk)


def engagement_detail(engagement: Engagement) -> dict[str, Any]:
    """What the staff and mentor page shows: sessions (private notes included), goals with their
    evidence, tasks, totals. A handful of queries, whatever the number of sessions."""
    sessions = list(
        engagement.sessions.select_related("mentor__user", "recorded_by").order_by("-held_on", "-id")
    )
    goals = goals_with_evidence(list(engagement.goals.all()), {engagement.pk: engagement})
    tasks = list(engagement.tasks.select_related("done_by"))
    return {
        "sessions": sessions,
        "goals": goals,
        "tasks": tasks,
        "minutes": sum(s.minutes for s in sessions),
        "confirmed_minutes": sum(s.minutes for s in sessions if s.confirmed_at),
        "today": timezone.localdate(),
    }


def engagement_previous(engagement: Engagement) -> QuerySet[Engagement]:
    """The UMKM's earlier engagements (continuity: who mentored it before)."""
    return (
        Engagement.objects.filter(business_id=engagement.business_id)
        .exclude(pk=engagement.pk)
        .select_related("mentor__user", "programme")
        .order_by("-created_at")
    )


def balance_run_get(*, actor: Actor, pk: int, action: str = "view") -> BalanceRun:
    return policy.get_object_or_404(actor, action, BalanceRun.objects.select_related("programme"), pk=pk)


def balance_runs(*, actor: Actor) -> QuerySet[BalanceRun]:
    return policy.scope(actor, "view", BalanceRun).select_related("created_by", "programme")[:10]


# --- The mentor's portal ----------------------------------------------------------------------------


def portal(*, actor: Actor, mentor: Mentor) -> dict[str, Any]:
    """Today's and this week's visits, the caseload with days since the last contact, overdue
    tasks and goals: a fixed number of queries."""
    today = timezone.localdate()
    week_end = today + datetime.timedelta(days=6)
    caseload = list(
        _engagements(policy.scope(actor, "view", Engagement))
        .filter(mentor=mentor, state__in=EngagementState.open_values())
        .annotate(sessions_count=Count("sessions"), minutes=Sum("sessions__minutes"))
        .order_by("last_contact_on", "id")
    )
    for engagement in caseload:
        contact = engagement.last_contact_on or engagement.created_at.date()
        engagement.days_since_contact = (today - contact).days  # type: ignore[attr-defined]
    tasks = list(
        policy.scope(actor, "view", Task)
        .filter(engagement__mentor=mentor, done_at__isnull=True, due_on__lt=today)
        .filter(engagement__state__in=EngagementState.open_values())
        .select_related("engagement__business")
        .order_by("due_on", "id")[:50]
    )
    goals = list(
        policy.scope(actor, "view", Goal)
        .filter(engagement__mentor=mentor, status=GoalStatus.OPEN, target_date__lt=today)
        .filter(engagement__state__in=EngagementState.open_values())
        .select_related("engagement__business")
        .order_by("target_date", "id")[:50]
    )
    return {
        "today": today,
        "visits_today": [e for e in caseload if e.next_visit_on == today],
        "visits_week": [e for e in caseload if e.next_visit_on and today < e.next_visit_on <= week_end],
        "caseload": caseload,
        "overdue_tasks": tasks,
        "overdue_goals": goals,
        "unconfirmed": policy.scope(actor, "view", Session)
        .filter(mentor=mentor, confirmed_at__isnull=True)
        .count(),
    }


def session_recent(*, actor: Actor, engagement: Engagement) -> Session | None:
    return (
        policy.scope(actor, "view", Session).filter(engagement=engagement).order_by("-held_on", "-id").first()
    )


def goal_get(*, actor: Actor, pk: int) -> Goal:
    return policy.get_object_or_404(actor, "change", Goal.objects.select_related("engagement"), pk=pk)


def task_get(*, actor: Actor, pk: int) -> Task:
    """A task the actor may tick: staff and the mentor any of theirs, the owner the owner's tasks."""
    return policy.get_object_or_404(actor, "done", Task.objects.select_related("engagement"), pk=pk)


def engagement_visible(*, actor: Actor, pk: int) -> bool:
    """Does the actor reach the engagement's staff/mentor page (else they are its owner)?"""
    return policy.scope(actor, "view", Engagement).filter(pk=pk).exists()


def mentor_choices() -> list[tuple[int, str, int, int]]:
    """(id, name, load, capacity) of active mentors, for staff changing a proposed mentor."""
    return [
        (m.pk, m.user.display_name, m.load, m.capacity)  # type: ignore[attr-defined]
        for m in with_load(Mentor.objects.filter(is_active=True))
        .select_related("user")
        .order_by("user__full_name")
    ]
