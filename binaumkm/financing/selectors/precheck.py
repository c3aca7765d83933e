"""The evidence the pre-check reads, gathered for many businesses in a few queries: the registry's
record, the document file, credits disbursed through earlier referrals, and other modules' facts
(``business_facts`` hooks: completed training, later mentoring). Turns it into the plain data
``financing.eligibility`` judges."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, QuerySet
from django.utils import timezone

from binaumkm.core.conf import site
from binaumkm.core.hooks import collect
from binaumkm.registry.models import Business, TurnoverReport

from .. import eligibility
from ..eligibility import Applicant, Assessment, Context, Credit, Paper, Terms
from ..models import Document, DocumentKind, DocumentState, Referral, ReferralState, Scheme, SchemeKind


def city_context(today: datetime.date | None = None, amount: int | None = None) -> Context:
    values = site()
    return Context(
        today=today or timezone.localdate(),
        city_nik_prefix=str(values["CITY_CODE"]).replace(".", "")[:4],
        city_name=str(values["CITY_NAME"]),
        amount=amount,
    )


def terms_of(scheme: Scheme) -> Terms:
    return Terms.build(
        scheme_id=scheme.pk, name=scheme.name, family=scheme.family, amount_min=scheme.amount_min,
        amount_max=scheme.amount_max, rules=scheme.rules or [], documents=scheme.documents or [],
    )  # fmt: skip


def _started(
    year_founded, binaan_since, first_turnover, paper_dates, today
) -> tuple[datetime.date, str] | None:
    """The earliest day the business is known to have been running, and what shows it."""
    candidates = []
    if first_turnover:
        candidates.append((first_turnover, "turnover"))
    candidates += [(day, "document") for day in paper_dates if day]
    if binaan_since:
        candidates.append((binaan_since, "binaan"))
    if year_founded:
        # Founded some time that year: at the latest on its last day.
        candidates.append((min(datetime.date(year_founded, 12, 31), today), "year_founded"))
    return min(candidates) if candidates else None


def applicants(businesses: QuerySet[Business], *, today: datetime.date) -> dict[int, Applicant]:
    """Every business of ``businesses`` as an ``Applicant``: five queries plus one per module hook,
    whatever their number (the businesses are passed to the database as a subquery)."""
    ids = businesses.order_by().values("pk")
    rows = list(
        Business.objects.filter(pk__in=ids).values_list(
            "pk",
            "verification",
            "status",
            "size_class",
            "owner_id",
            "owner__nik",
            "year_founded",
            "binaan_since",
        )
    )
    first_turnover = dict(
        TurnoverReport.objects.filter(business__in=ids).order_by().values("business")
        .annotate(first=Min("period")).values_list("business", "first")
    )  # fmt: skip
    papers: dict[int, dict[str, Paper]] = {}
    paper_dates: dict[int, list[datetime.date]] = {}
    documents = (
        Document.objects.filter(business__in=ids, replaced_at__isnull=True)
        .exclude(state=DocumentState.REJECTED)
        .order_by("uploaded_at", "id")
        .values_list("business_id", "kind", "state", "issued_on", "expires_on", "address_in_city")
    )
    for business_id, kind, state, issued, expires, in_city in documents:  # the latest of a kind wins
        papers.setdefault(business_id, {})[kind] = Paper(
            kind, state == DocumentState.VERIFIED, issued, expires, in_city
        )
        if kind in (DocumentKind.NIB, DocumentKind.SKU) and issued:
            paper_dates.setdefault(business_id, []).append(issued)
    credits: dict[int, list[Credit]] = {}
    owner_ids = Business.objects.filter(pk__in=ids).values("owner_id")
    disbursed = Referral.objects.filter(
        state=ReferralState.DISBURSED, scheme__kind=SchemeKind.LOAN, business__owner__in=owner_ids
    ).values_list(
        "business__owner_id", "scheme__family", "scheme__name", "branch__provider__short_name", "disbursed_on"
    )
    for owner_id, family, scheme, bank, since in disbursed:
        credits.setdefault(owner_id, []).append(Credit(family, f"{scheme} ({bank})", since))
    facts: dict[int, dict[str, Any]] = {}
    business_ids = [row[0] for row in rows]
    for _label, contributed in collect("business_facts", business_ids):
        for business_id, values in contributed.items():
            facts.setdefault(business_id, {}).update(values)
    found = {}
    for pk, verification, status, size_class, owner_id, nik, year_founded, binaan_since in rows:
        found[pk] = Applicant(
            business_id=pk, verification=verification, status=status, size_class=size_class, nik=nik,
            started=_started(year_founded, binaan_since, first_turnover.get(pk), paper_dates.get(pk, ()), today),
            papers=papers.get(pk, {}), facts=facts.get(pk, {}), credits=tuple(credits.get(owner_id, ())),
        )  # fmt: skip
    return found


def schemes_active() -> QuerySet[Scheme]:
    return (
        Scheme.objects.filter(is_active=True)
        .select_related("provider")
        .order_by("provider__name", "amount_max", "name")
    )


@dataclass
class SchemeCheck:
    scheme: Scheme
    assessment: Assessment


def business_precheck(
    business: Business, *, schemes=None, today: datetime.date | None = None
) -> list[SchemeCheck]:
    """One business against every active scheme (or ``schemes``), every reason explained."""
    ctx = city_context(today)
    app = applicants(Business.objects.filter(pk=business.pk), today=ctx.today)[business.pk]
    schemes = list(schemes if schemes is not None else schemes_active())
    return [SchemeCheck(s, eligibility.assess(app, terms_of(s), ctx)) for s in schemes]


def assessment_for(business: Business, scheme: Scheme, *, amount: int | None = None,
                   today: datetime.date | None = None) -> Assessment:  # fmt: skip
    ctx = city_context(today, amount)
    app = applicants(Business.objects.filter(pk=business.pk), today=ctx.today)[business.pk]
    return eligibility.assess(app, terms_of(scheme), ctx)


def group_statuses(
    businesses: QuerySet[Business], schemes: list[Scheme], *, today: datetime.date | None = None
) -> tuple[dict[int, Applicant], dict[int, dict[int, str]]]:
    """The status of every business for every scheme (no explanations): the group pre-check and the
    benchmark. Returns (applicants, {scheme id: {business id: status}})."""
    ctx = city_context(today)
    found = applicants(businesses, today=ctx.today)
    statuses: dict[int, dict[int, str]] = {}
    assess = eligibility.assess
    for scheme in schemes:
        terms = terms_of(scheme)
        statuses[scheme.pk] = {pk: assess(app, terms, ctx, explain=False).status for pk, app in found.items()}
    return found, statuses


def status_counts(statuses: dict[int, str]) -> dict[str, int]:
    counts = Counter(statuses.values())
    return {status: counts.get(status, 0) for status in eligibility.STATUS_LABELS}


def explain(app: Applicant, scheme: Scheme, *, today: datetime.date | None = None) -> Assessment:
    return eligibility.assess(app, terms_of(scheme), city_context(today))


def referral_checklist(referral: Referral, *, today: datetime.date | None = None) -> dict[str, Any]:
    """The referral's checklist now: the pre-check with its amount, and the papers it rests on."""
    assessment = assessment_for(referral.business, referral.scheme, amount=referral.amount, today=today)
    kinds = {
        k for group in referral.scheme.documents or [] for k in group.get("any", [])
        if group.get("above") is None or referral.amount > int(group["above"])
    }  # fmt: skip
    papers = (
        Document.objects.filter(business=referral.business, kind__in=kinds, replaced_at__isnull=True)
        .exclude(state=DocumentState.REJECTED).order_by("kind", "-uploaded_at")
    )  # fmt: skip
    return {
        "checked_on": (today or timezone.localdate()).isoformat(),
        "status": assessment.status,
        "items": [{"rule": r.rule, "met": r.met, "text": r.text, "step": r.step} for r in assessment.reasons],
        "documents": [{"id": d.pk, "kind": d.kind, "label": d.get_kind_display(), "verified": d.state == DocumentState.VERIFIED,
                       "expires_on": d.expires_on.isoformat() if d.expires_on else None} for d in papers],
    }  # fmt: skip


@dataclass
class GroupPage:
    """The group pre-check: counts per status, and one page of businesses with their reasons."""

    scheme: Scheme
    counts: dict[str, int]
    total: int
    page: Any  # a Paginator page of (business, Assessment)


def precheck_page(
    businesses: QuerySet[Business], scheme: Scheme, *, result: str = "", page_number=None, per_page: int = 25
) -> GroupPage:
    from django.core.paginator import Paginator

    ctx = city_context()
    found, statuses = group_statuses(businesses, [scheme], today=ctx.today)
    mine = statuses[scheme.pk]
    chosen = [pk for pk in businesses.values_list("pk", flat=True) if not result or mine.get(pk) == result]
    page = Paginator(chosen, per_page).get_page(page_number)
    objects = businesses.model.objects.select_related("owner", "kelurahan__kecamatan").in_bulk(
        list(page.object_list)
    )
    terms = terms_of(scheme)
    page.object_list = [(objects[pk], eligibility.assess(found[pk], terms, ctx)) for pk in page.object_list]
    return GroupPage(scheme, status_counts(mine), len(mine), page)
