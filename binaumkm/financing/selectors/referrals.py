"""Reads of referrals: the staff board, the bank officer's list, an owner's own, one referral with its
history; and what other pages gather (to-do items, a UMKM's timeline, the outcome funnel)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import policy
from binaumkm.core.hooks import TimelineEvent, Todo
from binaumkm.core.policy import Actor
from binaumkm.registry.models import Business

from .. import workflow
from ..models import (
    OPEN_STATES,
    WAITING_FOR_BANK,
    Consent,
    FollowUp,
    Referral,
    ReferralState,
    ReferralStep,
    Scheme,
)

RELATED = ("business__owner", "business__kelurahan__kecamatan", "scheme__provider", "branch__provider")
S = ReferralState


def _filtered(qs: QuerySet[Referral], filters: dict, *, now: datetime.datetime) -> QuerySet[Referral]:
    state = filters.get("state")
    if state == "terbuka":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state == "menunggu_bank":
        qs = qs.filter(state__in=WAITING_FOR_BANK)
    elif state == "terlambat":
        qs = qs.filter(overdue_q(now))
    elif state:
        qs = qs.filter(state=state)
    for name in ("scheme", "branch"):
        if value := filters.get(name):
            qs = qs.filter(**{name: value})
    if kecamatan := filters.get("kecamatan"):
        qs = qs.filter(business__kelurahan__kecamatan=kecamatan)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(
            Q(business__name__icontains=q)
            | Q(number__icontains=q)
            | Q(business__owner__full_name__icontains=q)
        )
    return qs


def overdue_q(now: datetime.datetime) -> Q:
    """Waiting for the bank longer than its scheme's service level (one term per scheme: few)."""
    condition = Q(pk__in=[])
    for pk, days in Scheme.objects.values_list("pk", "service_level_days"):
        condition |= Q(scheme_id=pk, state_changed_at__lt=now - datetime.timedelta(days=days))
    return Q(state__in=WAITING_FOR_BANK) & condition


def referral_board(*, actor: Actor, filters: dict | None = None, now=None) -> QuerySet[Referral]:
    now = now or timezone.now()
    qs = policy.scope(actor, "view", Referral).select_related(*RELATED)
    return _filtered(qs, filters or {}, now=now).order_by("-state_changed_at", "-id")


def bank_referrals(*, actor: Actor, filters: dict | None = None, now=None) -> QuerySet[Referral]:
    """Referrals sent to the officer's branches only."""
    now = now or timezone.now()
    qs = policy.scope(actor, "bank", Referral).select_related(*RELATED)
    return _filtered(qs, filters or {}, now=now).order_by("state_changed_at", "id")


def with_waiting(referrals: Iterable[Referral], now=None) -> list[Referral]:
    """Each referral with ``days_waiting`` (in its state) and ``overdue`` set, for lists."""
    now = now or timezone.now()
    rows = list(referrals)
    for r in rows:
        r.days_waiting = workflow.days_waiting(r.state_changed_at, now)  # type: ignore[attr-defined]
        r.overdue = workflow.is_overdue(r.state, r.state_changed_at, now, r.scheme.service_level_days)  # type: ignore[attr-defined]
    return rows


def referral_get(*, actor: Actor, pk: int, action: str = "view") -> Referral:
    return policy.get_object_or_404(actor, action, Referral.objects.select_related(*RELATED), pk=pk)


def referrals_owned(*, actor: Actor, business: Business | None = None) -> QuerySet[Referral]:
    qs = policy.scope(actor, "own", Referral).select_related(*RELATED)
    if business is not None:
        qs = qs.filter(business=business)
    return qs.order_by("-created_at", "-id")


def referral_steps(referral: Referral) -> QuerySet[ReferralStep]:
    return referral.steps.select_related("reverses", "actor").order_by("at", "id")


def live_consent(referral: Referral) -> Consent | None:
    return referral.consents.filter(withdrawn_at__isnull=True).first()


def referrals_of_business(*, actor: Actor, business: Business) -> QuerySet[Referral]:
    return policy.scope(actor, "view", Referral).filter(business=business).select_related(*RELATED)


# --- What other pages gather (AppConfig hooks) -----------------------------------------------------


def todo_items(*, actor: Actor) -> list[Todo]:
    now = timezone.now()
    items: list[Todo] = []
    if policy.holds(actor, "financing.handle_referral"):
        waiting = policy.scope(actor, "bank", Referral).filter(state__in=WAITING_FOR_BANK)
        for r in waiting.select_related("scheme", "business").order_by("state_changed_at")[:20]:
            overdue = workflow.is_overdue(r.state, r.state_changed_at, now, r.scheme.service_level_days)
            items.append(Todo(
                _("Rujukan %(number)s (%(business)s) menunggu %(days)d hari") % {
                    "number": r.number, "business": r.business.name, "days": workflow.days_waiting(r.state_changed_at, now)},
                reverse("financing:bank_detail", args=[r.pk]), due=r.state_changed_at, urgent=overdue, module="financing",
            ))  # fmt: skip
    if policy.holds(actor, "financing.send_referral"):
        ready = policy.scope(actor, "send", Referral).filter(state=S.READY).select_related("business")
        for r in ready.order_by("state_changed_at")[:20]:
            items.append(Todo(_("Kirim rujukan %(business)s ke bank") % {"business": r.business.name},
                              reverse("financing:referral_detail", args=[r.pk]), due=r.state_changed_at,
                              module="financing"))  # fmt: skip
    if policy.holds(actor, "financing.request_financing"):
        drafts = (
            policy.scope(actor, "own", Referral).filter(state__in=[S.DRAFT, S.READY]).select_related("scheme")
        )
        for r in drafts.order_by("created_at")[:20]:
            items.append(Todo(_("Lengkapi pengajuan %(scheme)s") % {"scheme": r.scheme.name},
                              reverse("financing:my_referral", args=[r.pk]), module="financing"))  # fmt: skip
    followups = policy.scope(actor, "record", FollowUp).filter(
        done_at__isnull=True, due_on__lte=timezone.localdate()
    )
    for f in followups.select_related("referral__business").order_by("due_on")[:20]:
        items.append(Todo(_("Tindak lanjut %(months)d bulan: %(business)s") % {
            "months": f.months, "business": f.referral.business.name},
            reverse("financing:followup_record", args=[f.pk]), due=f.due_on, module="financing"))  # fmt: skip
    return items


def business_timeline(business: Business, since=None) -> list[TimelineEvent]:
    steps = ReferralStep.objects.filter(referral__business=business).select_related("referral__scheme")
    if since is not None:
        steps = steps.filter(at__gte=since)
    return [
        TimelineEvent(
            step.at,
            "pembiayaan",
            f"{step.referral.scheme.name}: {S(step.to_state).label}",
            reverse("financing:referral_detail", args=[step.referral_id]),
        )  # fmt: skip
        for step in steps.order_by("at", "id")
    ]


def businesses_referred(since=None) -> QuerySet:
    qs = Referral.objects.exclude(sent_at__isnull=True)
    if since is not None:
        qs = qs.filter(sent_at__date__gte=since)
    return qs.values("business_id").distinct()


def businesses_with_disbursement(since=None) -> QuerySet:
    qs = Referral.objects.filter(state__in=[S.DISBURSED, S.CLOSED])
    if since is not None:
        qs = qs.filter(disbursed_on__gte=since)
    return qs.values("business_id").distinct()
