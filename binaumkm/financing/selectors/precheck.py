"""The evidence the pre-check reads, gathered for many businesses in a few queries: the registry's
record, the document file, credits disbursed through earlier referrals, and other modules' facts
(``business_facts`` hooks: completed training, later mentoring). Turns it into the plain data
``financing.eligibility`` judges."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Min, Prefetch, QuerySet
from django.utils import timezone

from binaumkm.core.conf import site
from binaumkm.core.hooks import collect
from binaumkm.registry.models import Business, TurnoverReport

from .. import eligibility, screening
from ..eligibility import Applicant, Assessment, Context, Credit, Paper, Terms
from ..models import Branch, Document, DocumentState, Referral, ReferralState, Scheme, SchemeKind


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


@dataclass
class Evidence:
    """What the pre-check reads about a group of businesses, gathered in a few queries."""

    rows: list[tuple]  # (pk, verification, status, size_class, owner_id, nik, year_founded, binaan_since)
    first_turnover: dict[int, datetime.date]
    papers: dict[int, dict[str, Paper]]  # the current, not rejected paper of each kind
    credits: dict[int, tuple[Credit, ...]]  # by owner: productive loans disbursed and not closed
    facts: dict[int, dict[str, Any]]  # from other modules' ``business_facts`` hooks


def evidence(businesses: QuerySet[Business]) -> Evidence:
    """Five queries plus one per module hook, whatever the number of businesses (they reach the
    database as a subquery, never as a list of ids)."""
    ids = businesses.order_by().values("pk")
    rows = list(
        Business.objects.filter(pk__in=ids).order_by("pk").values_list(
            "pk", "verification", "status", "size_class", "owner_id", "owner__nik", "year_founded", "binaan_since"
        )
    )  # fmt: skip
    first_turnover = dict(
        TurnoverReport.objects.filter(business__in=ids).order_by().values("business")
        .annotate(first=Min("period")).values_list("business", "first")
    )  # fmt: skip
    papers: dict[int, dict[str, Paper]] = {}
    documents = (
        Document.objects.filter(business__in=ids, replaced_at__isnull=True)
        .exclude(state=DocumentState.REJECTED)
        .order_by("id")  # uploaded in this order: the latest of a kind wins below
        .values_list("business_id", "kind", "state", "issued_on", "expires_on", "address_in_city")
    )
    for business_id, kind, state, issued, expires, in_city in documents:
        papers.setdefault(business_id, {})[kind] = Paper(
            kind, state == DocumentState.VERIFIED, issued, expires, in_city
        )
    credits: dict[int, list[Credit]] = {}
    disbursed = Referral.objects.filter(
        state=ReferralState.DISBURSED, scheme__kind=SchemeKind.LOAN,
        business__owner__in=Business.objects.filter(pk__in=ids).values("owner_id"),
    ).values_list("business__owner_id", "scheme__family", "scheme__name", "branch__provider__short_name", "disbursed_on")  # fmt: skip
    for owner_id, family, scheme, bank, since in disbursed:
        credits.setdefault(owner_id, []).append(Credit(family, f"{scheme} ({bank})", since))
    facts: dict[int, dict[str, Any]] = {}
    for _label, contributed in collect("business_facts", businesses.order_by().values_list("pk", flat=True)):
        for business_id, values in contributed.items():
            facts.setdefault(business_id, {}).update(values)
    return Evidence(rows, first_turnover, papers, {k: tuple(v) for k, v in credits.items()}, facts)


def applicant(found: Evidence, row: tuple, today: datetime.date) -> Applicant:
    pk, verification, status, size_class, owner_id, nik, year_founded, binaan_since = row
    papers = found.papers.get(pk, {})
    return Applicant(
        business_id=pk, verification=verification, status=status, size_class=size_class, nik=nik,
        started=eligibility.business_started(year_founded=year_founded, binaan_since=binaan_since,
                                             first_turnover=found.first_turnover.get(pk), papers=papers, today=today),
        papers=papers, facts=found.facts.get(pk, {}), credits=found.credits.get(owner_id, ()),
    )  # fmt: skip


def applicants(businesses: QuerySet[Business], *, today: datetime.date) -> dict[int, Applicant]:
    """Every business of ``businesses`` as an ``Applicant`` (for explanations)."""
    found = evidence(businesses)
    return {row[0]: applicant(found, row, today) for row in found.rows}


def schemes_active() -> QuerySet[Scheme]:
    return (
        Scheme.objects.filter(is_active=True).select_related("provider")
        .prefetch_related(Prefetch("branches", Branch.objects.filter(is_active=True).select_related("provider")))
        .order_by("-kind", "amount_max", "name")
    )  # fmt: skip


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
) -> tuple[Evidence, dict[int, dict[int, str]]]:
    """The status of every business for every scheme (no explanations), a rule at a time over the
    whole group (``financing.screening``): the group pre-check and the benchmark.
    Returns (the evidence, {scheme id: {business id: status}})."""
    ctx = city_context(today)
    found = evidence(businesses)
    cols = screening.columns(found.rows, first_turnover=found.first_turnover, papers=found.papers,
                             credits=found.credits, facts=found.facts, ctx=ctx)  # fmt: skip
    ids = [row[0] for row in found.rows]
    return found, {s.pk: dict(zip(ids, screening.statuses(cols, terms_of(s)), strict=True)) for s in schemes}


def status_counts(statuses: dict[int, str]) -> dict[str, int]:
    counts = Counter(statuses.values())
    return {status: counts.get(status, 0) for status in eligibility.STATUS_LABELS}


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
    """Statuses of the whole group (counts, filter by result), reasons for one page of it."""
    ctx = city_context()
    found, statuses = group_statuses(businesses, [scheme], today=ctx.today)
    mine = statuses[scheme.pk]
    chosen = [pk for pk in businesses.values_list("pk", flat=True) if not result or mine.get(pk) == result]
    page = Paginator(chosen, per_page).get_page(page_number)
    objects = Business.objects.select_related("owner", "kelurahan__kecamatan").in_bulk(list(page.object_list))
    rows = {row[0]: row for row in found.rows}
    terms = terms_of(scheme)
    explained: list[Any] = [
        (objects[pk], eligibility.assess(applicant(found, rows[pk], ctx.today), terms, ctx))
        for pk in page.object_list
    ]
    page.object_list = explained
    return GroupPage(scheme, status_counts(mine), len(mine), page)
