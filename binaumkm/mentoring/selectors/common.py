"""Reads every mentoring page shares: loads, neighbours, goals with the evidence of other modules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from binaumkm.core import geo
from binaumkm.core.hooks import collect
from binaumkm.core.models import Kecamatan, Kelurahan

from .. import baseline
from ..models import Engagement, EngagementState, Goal, GoalStatus, Mentor

OPEN = EngagementState.open_values()


def with_load(mentors: QuerySet[Mentor]) -> QuerySet[Mentor]:
    """Mentors annotated with ``load``: the engagements holding one of their slots."""
    return mentors.annotate(load=Count("engagements", filter=Q(engagements__state__in=OPEN), distinct=True))


def mentor_loads(mentor_ids: Iterable[int]) -> dict[int, int]:
    rows = (
        Engagement.objects.filter(mentor_id__in=list(mentor_ids), state__in=OPEN)
        .values_list("mentor_id")
        .annotate(n=Count("id"))
    )
    return dict(rows)


def kelurahan_neighbours() -> dict[int, frozenset[int]]:
    """{kelurahan id: ids of the kelurahan whose borders touch it} from the boundary file."""
    by_code = geo.neighbours_from_file(str(settings.BINAUMKM["BOUNDARY_FILE"]))
    ids = dict(Kelurahan.objects.values_list("code", "id"))
    return {
        ids[code]: frozenset(ids[n] for n in near if n in ids)
        for code, near in by_code.items()
        if code in ids
    }


def business_facts(business_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Every module's evidence about these businesses (``business_facts`` hooks), merged."""
    ids = list(business_ids)
    merged: dict[int, dict[str, Any]] = {pk: {} for pk in ids}
    if not ids:
        return merged
    for _label, contributed in collect("business_facts", ids):
        for pk, values in contributed.items():
            merged.setdefault(pk, {}).update(values)
    return merged


def goals_with_evidence(goals: list[Goal], engagements: dict[int, Engagement]) -> list[Goal]:
    """Set ``goal.proven`` on each goal: an open goal another module's data proves now (shown ticked at
    once; ``services.goals_check`` records it)."""
    automatic = [g for g in goals if g.fact and g.status == GoalStatus.OPEN]
    facts = business_facts({engagements[g.engagement_id].business_id for g in automatic})
    for goal in goals:
        goal.proven = False  # type: ignore[attr-defined]
        if goal in automatic:
            engagement = engagements[goal.engagement_id]
            goal.proven = baseline.fact_proven(  # type: ignore[attr-defined]
                goal.fact, facts.get(engagement.business_id, {}), engagement.baseline
            )
    return goals


def kecamatan_all() -> QuerySet[Kecamatan]:
    return Kecamatan.objects.order_by("name")
