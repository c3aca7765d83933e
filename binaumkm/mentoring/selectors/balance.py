"""Reads for the balancer: which UMKM need a mentor, and the plain data the pure ``balancing``
module works on (cases, mentors with their load, neighbouring kelurahan)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from binaumkm.core.policy import Actor
from binaumkm.registry.models import Business, TurnoverReport
from binaumkm.registry.selectors import business_list, eligible_q, with_online_shop

from .. import baseline
from ..balancing import Case, MentorSlot
from ..models import Engagement, EngagementState, Mentor
from .common import mentor_loads

CHUNK = 5000
RECENT_MONTHS = 3


def balance_candidates(*, actor: Actor, filters: dict[str, Any]) -> QuerySet[Business]:
    """Verified, open UMKM the actor may see, without an open engagement, filtered by kecamatan,
    kelurahan, sector and status; ``never_mentored`` leaves out any UMKM mentored before."""
    registry_filters = {k: filters.get(k) for k in ("kecamatan", "kelurahan", "kbli_section", "status")}
    qs = business_list(actor=actor, filters=registry_filters).filter(eligible_q())
    qs = qs.exclude(
        pk__in=Engagement.objects.filter(state__in=EngagementState.open_values()).values("business_id")
    )
    if filters.get("never_mentored"):
        qs = qs.exclude(pk__in=Engagement.objects.values("business_id"))
    return qs


def balance_cases(business_ids: list[int]) -> tuple[list[Case], dict[int, str]]:
    """(the cases, {business id: name}) for these UMKM: a few queries per 5,000."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - (RECENT_MONTHS - 1)
    recent_since = datetime.date(index // 12, index % 12 + 1, 1)
    cases, names = [], {}
    for start in range(0, len(business_ids), CHUNK):
        chunk = business_ids[start : start + CHUNK]
        reporting = set(
            TurnoverReport.objects.filter(business_id__in=chunk, period__gte=recent_since)
            .values_list("business_id", flat=True)
            .distinct()
        )
        previous: dict[int, set[int]] = {}
        for business_id, mentor_id in Engagement.objects.filter(business_id__in=chunk).values_list(
            "business_id", "mentor_id"
        ):
            previous.setdefault(business_id, set()).add(mentor_id)
        rows = with_online_shop(Business.objects.filter(pk__in=chunk)).values_list(  # type: ignore[misc]  # annotated
            "pk", "name", "kelurahan_id", "kelurahan__kecamatan_id", "kbli_section", "nib", "status",
            "pirt_number", "bpom_number", "halal_number", "has_online_shop",
        )  # fmt: skip
        for pk, name, kel, kec, sector, nib, status, pirt, bpom, halal, shop in rows:
            needs = baseline.needs_of(
                nib=bool(nib), sector=sector, food_licence=bool(pirt or bpom or halal), marketplace=shop,
                stagnant=status == "stagnan", reports_recently=pk in reporting,
            )  # fmt: skip
            cases.append(Case(pk, kel, kec, needs, sector, frozenset(previous.get(pk, ()))))
            names[pk] = name
    cases.sort(key=lambda c: c.business_id)
    return cases, names


def balance_mentors(*, today: datetime.date | None = None) -> tuple[list[MentorSlot], dict[int, str]]:
    """Active mentors not away, with their load: (slots, {mentor id: name})."""
    today = today or timezone.localdate()
    mentors = list(
        Mentor.objects.filter(is_active=True)
        .exclude(away_until__gte=today)
        .select_related("user")
        .order_by("pk")
    )
    loads = mentor_loads(m.pk for m in mentors)
    served: dict[int, set[int]] = {}
    for mentor_id, kecamatan_id in Mentor.kecamatan.through.objects.filter(
        mentor_id__in=[m.pk for m in mentors]
    ).values_list("mentor_id", "kecamatan_id"):
        served.setdefault(mentor_id, set()).add(kecamatan_id)
    slots = [
        MentorSlot(
            mentor_id=m.pk,
            home_kelurahan_id=m.home_kelurahan_id,
            kecamatan_ids=frozenset(served.get(m.pk, ())),
            expertise=frozenset(m.expertise or ()),
            sectors=frozenset(m.sectors or ()),
            load=loads.get(m.pk, 0),
            capacity=m.capacity,
        )  # fmt: skip
        for m in mentors
    ]
    return slots, {m.pk: m.user.display_name for m in mentors}
