"""The supervisor's reads: load per mentor and overload, sessions per engagement, engagements
without contact, confirmed minutes per month (the honorarium report), and outcomes of completed
engagements against comparable UMKM that were not mentored. A fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from binaumkm.core import policy
from binaumkm.core.policy import Actor
from binaumkm.registry.models import Business, TurnoverReport
from binaumkm.registry.selectors import eligible_q

from .. import conf, outcomes
from ..models import Engagement, EngagementState, GoalStatus, Mentor, Session
from .common import with_load

OPEN = EngagementState.open_values()
COMPARABLES_PER_GROUP = 50
CHUNK = 5000


def _months_back(today: datetime.date, n: int) -> list[datetime.date]:
    first = today.replace(day=1)
    return [outcomes.add_months(first, -k) for k in range(n - 1, -1, -1)]


def mentor_loads_table(*, actor: Actor) -> list[Mentor]:
    """Every mentor with ``load``, ``open_sessions`` (sessions of their open engagements),
    ``share`` of capacity in percent and ``level`` ("over", "full", "near", "ok")."""
    mentors: list[Mentor] = list(
        with_load(policy.scope(actor, "view", Mentor))
        .annotate(open_sessions=Count("engagements__sessions", filter=Q(engagements__state__in=OPEN)))
        .select_related("user")
        .order_by("user__full_name", "id")
    )
    for m in mentors:
        share = round(100 * m.load / m.capacity) if m.capacity else 0  # type: ignore[attr-defined]
        m.share = share  # type: ignore[attr-defined]
        m.level = (  # type: ignore[attr-defined]
            "over" if m.load > m.capacity  # type: ignore[attr-defined]
            else "full" if m.load == m.capacity  # type: ignore[attr-defined]
            else "near" if share >= conf.NEAR_FULL_PERCENT
            else "ok"
        )  # fmt: skip
        m.sessions_per_engagement = (  # type: ignore[attr-defined]
            round(m.open_sessions / m.load, 1) if m.load else None  # type: ignore[attr-defined]
        )
    return mentors


def engagements_without_contact(*, actor: Actor, days: int) -> QuerySet[Engagement]:
    """Open engagements with no session for ``days`` days (or none since they began that long ago)."""
    since = timezone.localdate() - datetime.timedelta(days=days)
    return (
        policy.scope(actor, "supervise", Engagement)
        .filter(state__in=[EngagementState.INTAKE, EngagementState.ACTIVE, EngagementState.REFERRED])
        .filter(Q(last_contact_on__lt=since) | Q(last_contact_on__isnull=True, created_at__date__lt=since))
        .select_related("business__kelurahan", "mentor__user")
        .order_by("last_contact_on", "created_at", "id")
    )


def confirmed_minutes(*, actor: Actor, months: int = 6) -> dict[str, Any]:
    """Confirmed minutes per mentor per month over the last ``months`` months: {"months": [...],
    "rows": [(mentor name, [minutes per month], total)]}."""
    today = timezone.localdate()
    window = _months_back(today, months)
    rows = (
        policy.scope(actor, "view", Session)
        .filter(confirmed_at__isnull=False, held_on__gte=window[0])
        .annotate(month=TruncMonth("held_on"))
        .values_list("mentor_id", "mentor__user__full_name", "month")
        .annotate(minutes=Sum("minutes"))
    )
    table: dict[int, dict] = {}
    for mentor_id, name, month, minutes in rows:
        entry = table.setdefault(mentor_id, {"name": name, "minutes": defaultdict(int)})
        entry["minutes"][month] += minutes
    result = []
    for entry in sorted(table.values(), key=lambda e: e["name"]):
        per_month = [entry["minutes"].get(m, 0) for m in window]
        result.append((entry["name"], per_month, sum(per_month)))
    return {"months": window, "rows": result}


def honorarium(*, actor: Actor, month: datetime.date) -> list[dict[str, Any]]:
    """Per mentor, the month's confirmed sessions and minutes, and the honorarium (rupiah)."""
    start = month.replace(day=1)
    end = outcomes.add_months(start, 1)
    rows = (
        policy.scope(actor, "view", Session)
        .filter(confirmed_at__isnull=False, held_on__gte=start, held_on__lt=end)
        .values_list("mentor_id", "mentor__user__full_name")
        .annotate(sessions=Count("id"), minutes=Sum("minutes"))
        .order_by("mentor__user__full_name")
    )
    rate = conf.HONORARIUM_PER_HOUR
    return [
        {"mentor_id": pk, "name": name, "sessions": n, "minutes": minutes, "amount": minutes * rate // 60}
        for pk, name, n, minutes in rows
    ]


def outcome_summary(*, actor: Actor) -> outcomes.Summary:
    """Completed engagements against UMKM never mentored in the same sector and kecamatan."""
    rows = (
        policy.scope(actor, "supervise", Engagement)
        .filter(state=EngagementState.COMPLETED, started_on__isnull=False, ended_on__isnull=False)
        .annotate(
            goals_total=Count("goals", filter=~Q(goals__status=GoalStatus.CANCELLED)),
            goals_met=Count("goals", filter=Q(goals__status=GoalStatus.MET)),
        )
        .values_list(
            "business_id", "business__kbli_section", "business__kelurahan__kecamatan_id", "started_on", "ended_on",
            "goals_total", "goals_met",
        )
    )  # fmt: skip
    completed = [
        outcomes.Completed(b, sector, kec, started, ended, total, met)
        for b, sector, kec, started, ended, total, met in rows
        if started is not None and ended is not None
    ]
    if not completed:
        return outcomes.summarise([], {}, {}, months=conf.OUTCOME_MONTHS)
    groups = {(c.sector, c.kecamatan_id) for c in completed}
    comparables: dict[tuple[str, int], list[int]] = defaultdict(list)
    pool = (
        Business.objects.filter(eligible_q(), kbli_section__in={g[0] for g in groups})
        .filter(kelurahan__kecamatan_id__in={g[1] for g in groups})
        .exclude(pk__in=Engagement.objects.values("business_id"))
        .order_by("pk")
        .values_list("pk", "kbli_section", "kelurahan__kecamatan_id")
    )
    for pk, sector, kec in pool.iterator(chunk_size=2000):
        group = comparables.get((sector, kec))
        if (sector, kec) in groups and (group is None or len(group) < COMPARABLES_PER_GROUP):
            comparables[sector, kec].append(pk)
    first = min(outcomes.add_months(outcomes.month(c.started), -conf.OUTCOME_MONTHS) for c in completed)
    ids = sorted({c.business_id for c in completed} | {pk for group in comparables.values() for pk in group})
    series: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    for start in range(0, len(ids), CHUNK):
        for business_id, period, turnover in TurnoverReport.objects.filter(
            business_id__in=ids[start : start + CHUNK], period__gte=first
        ).values_list("business_id", "period", "turnover"):
            series[business_id][period] = turnover
    return outcomes.summarise(completed, series, comparables, months=conf.OUTCOME_MONTHS)
