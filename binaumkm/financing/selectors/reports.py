"""Reads for the financing reports: referrals -> approved -> disbursed by scheme, branch, kecamatan and
sector; days to a decision per branch; rejection reasons; turnover of financed UMKM against similar
ones. Every figure starts from the referrals the actor may report on."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Q, QuerySet, Sum

from binaumkm.core import policy
from binaumkm.core.policy import Actor
from binaumkm.registry.choices import KbliSection
from binaumkm.registry.models import Business, TurnoverReport

from .. import stats
from ..models import Referral, ReferralState, RejectionReason

S = ReferralState
REACHED_APPROVAL = Q(state__in=[S.APPROVED, S.DISBURSED, S.CLOSED])
DISBURSED = Q(state__in=[S.DISBURSED, S.CLOSED])
DIMENSIONS = {
    "scheme": ("scheme__name",),
    "branch": ("branch__provider__short_name", "branch__name"),
    "kecamatan": ("business__kelurahan__kecamatan__name",),
    "sector": ("business__kbli_section",),
}


def reportable(*, actor: Actor, filters: dict | None = None) -> QuerySet[Referral]:
    """Referrals that reached a bank (sent at least once)."""
    filters = filters or {}
    qs = policy.scope(actor, "report", Referral).filter(sent_at__isnull=False)
    if since := filters.get("since"):
        qs = qs.filter(sent_at__date__gte=since)
    if until := filters.get("until"):
        qs = qs.filter(sent_at__date__lte=until)
    return qs


def funnel(*, actor: Actor, dimension: str, filters: dict | None = None) -> list[dict]:
    fields = DIMENSIONS[dimension]
    rows = (
        reportable(actor=actor, filters=filters).order_by().values(*fields)
        .annotate(referred=Count("id"), approved=Count("id", filter=REACHED_APPROVAL),
                  disbursed=Count("id", filter=DISBURSED), rupiah=Sum("disbursed_amount", filter=DISBURSED))
        .order_by(*fields)
    )  # fmt: skip
    sectors = dict(KbliSection.choices)
    result = []
    for row in rows:
        label = " ".join(str(row[f] or "–") for f in fields)
        if dimension == "sector":
            label = str(sectors.get(row[fields[0]], label))
        result.append({"label": label, "referred": row["referred"], "approved": row["approved"],
                       "disbursed": row["disbursed"], "rupiah": row["rupiah"] or 0})  # fmt: skip
    return result


def decision_days(*, actor: Actor, filters: dict | None = None) -> list[dict]:
    """Per branch: decisions recorded, the median days from sending to the bank's decision, and
    referrals still waiting (the scorecard for the leadership's talks with banks)."""
    qs = reportable(actor=actor, filters=filters)
    decided = qs.filter(decided_at__isnull=False).values_list(
        "branch__provider__short_name", "branch__name", "sent_at", "decided_at", "state"
    )
    days: dict[tuple[str, str], list[float]] = defaultdict(list)
    rejected: dict[tuple[str, str], int] = defaultdict(int)
    for bank, branch, sent, decision, state in decided:
        if sent is None or decision is None:  # filtered out above; for the type checker
            continue
        days[(bank, branch)].append((decision - sent).total_seconds() / 86400)
        rejected[(bank, branch)] += state == S.REJECTED
    waiting = {
        (bank, branch): n
        for bank, branch, n in qs.filter(state__in=[S.SENT, S.RECEIVED, S.REVIEW]).order_by()
        .values_list("branch__provider__short_name", "branch__name").annotate(n=Count("id"))
    }  # fmt: skip
    rows = []
    for key in sorted(set(days) | set(waiting), key=lambda k: (stats.median(days.get(k, [])) or 0, k)):
        rows.append({"branch": " ".join(key), "bank": key[0], "office": key[1], "decisions": len(days.get(key, [])),
                     "median_days": stats.median(days.get(key, [])), "rejected": rejected.get(key, 0),
                     "waiting": waiting.get(key, 0)})  # fmt: skip
    return rows


def rejection_reasons(*, actor: Actor, filters: dict | None = None) -> list[tuple[str, int]]:
    counts = dict(
        reportable(actor=actor, filters=filters).filter(state=S.REJECTED).order_by()
        .values_list("rejection_reason").annotate(n=Count("id"))
    )  # fmt: skip
    return [
        (str(label), counts.get(value, 0)) for value, label in RejectionReason.choices if counts.get(value)
    ]


def turnover_comparison(*, actor: Actor, window: int, filters: dict | None = None) -> stats.Comparison:
    """Financed UMKM (disbursed) against unfinanced UMKM of the same sector and size class."""
    financed_rows = list(
        reportable(actor=actor, filters=filters).filter(DISBURSED)
        .values_list("business_id", "disbursed_on", "business__kbli_section", "business__size_class")
    )  # fmt: skip
    if not financed_rows:
        return stats.Comparison(0, None, 0, None)
    financed_ids = {row[0] for row in financed_rows}
    groups = {(section, size) for _b, _d, section, size in financed_rows}
    peers_by_group: dict[tuple, list[int]] = defaultdict(list)
    group_q = Q(pk__in=[])
    for section, size in groups:
        group_q |= Q(kbli_section=section, size_class=size)
    peers = (
        Business.objects.filter(group_q).exclude(pk__in=financed_ids)
        .exclude(financing_referrals__state__in=[S.DISBURSED, S.CLOSED])
        .order_by("pk").values_list("pk", "kbli_section", "size_class")
    )  # fmt: skip
    for pk, section, size in peers:
        peers_by_group[(section, size)].append(pk)
    anchors = [d.replace(day=1) for _b, d, _s, _z in financed_rows if d]
    first = stats.month_add(min(anchors), -window)
    last = stats.month_add(max(anchors), 2 * window)
    wanted = financed_ids | {pk for pks in peers_by_group.values() for pk in pks[:200]}
    series: dict[int, dict[datetime.date, int]] = defaultdict(dict)
    reports = TurnoverReport.objects.filter(period__gte=first, period__lte=last, business__in=wanted)
    for business_id, period, turnover in reports.values_list("business_id", "period", "turnover"):
        series[business_id][period] = turnover
    financed = [(b, d.replace(day=1), (s, z)) for b, d, s, z in financed_rows if d]
    return stats.compare(financed, peers_by_group, series, window=window)
