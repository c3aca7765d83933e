"""Engagements: assignment within the mentor's capacity (locked), intake with the baseline snapshot,
the state machine referred → intake → active ↔ on hold → completed | dropped, and goals that other
modules prove."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.validators import validate_no_html
from binaumkm.registry.choices import Verification
from binaumkm.registry.models import Business, TurnoverReport
from binaumkm.registry.selectors import ensure_eligible

from .. import baseline
from ..events import Event
from ..models import BalanceRun, Engagement, EngagementState, Goal, GoalStatus, Mentor, Programme
from ..selectors.common import business_facts

S = EngagementState
MAX_REASON = 500


def _notify_assigned(ids: list[int]) -> None:
    from ..tasks import assigned_notify_task

    transaction.on_commit(lambda: assigned_notify_task.enqueue(ids))


def ensure_capacity(mentor: Mentor, *, today: datetime.date | None = None) -> None:
    """Call with the mentor's row locked: refuses an inactive or away mentor, or a full caseload."""
    today = today or timezone.localdate()
    name = mentor.user.display_name
    if not mentor.is_active:
        raise ValidationError({"mentor": _("%(mentor)s tidak aktif sebagai pendamping.") % {"mentor": name}})
    if mentor.away_until and mentor.away_until >= today:
        raise ValidationError({"mentor": _("%(mentor)s tidak tersedia sampai %(date)s.") % {
            "mentor": name, "date": date_format(mentor.away_until, "j F Y")}})  # fmt: skip
    load = Engagement.objects.filter(mentor=mentor, state__in=S.open_values()).count()
    if load >= mentor.capacity:
        raise ValidationError({"mentor": _(
            "Kapasitas %(mentor)s sudah penuh (%(load)d dari %(capacity)d pendampingan aktif). Pilih pendamping lain."
        ) % {"mentor": name, "load": load, "capacity": mentor.capacity}})  # fmt: skip


@transaction.atomic
def engagement_assign(
    *,
    actor: User,
    business: Business,
    mentor: Mentor,
    programme: Programme,
    reasons: list | None = None,
    run: BalanceRun | None = None,
    notify: bool = True,
) -> Engagement:
    """Refer a UMKM to a mentor. The mentor's row is locked while the free slots are counted, so two
    members of staff giving away the last slot at once never both succeed."""
    policy.require(actor, "add", Engagement)
    mentor = Mentor.objects.select_for_update().select_related("user").get(pk=mentor.pk)
    ensure_capacity(mentor)
    ensure_eligible(business)
    if not programme.is_active:
        raise ValidationError({"programme": _("Program ini tidak aktif.")})
    if Engagement.objects.filter(business=business, state__in=S.open_values()).exists():
        raise ValidationError(
            {"business": _("“%(business)s” sedang didampingi.") % {"business": business.name}}
        )
    try:
        with transaction.atomic():
            engagement = Engagement.objects.create(
                business=business, mentor=mentor, programme=programme, reasons=reasons or [], balance_run=run,
                created_by=actor,
            )  # fmt: skip
    except IntegrityError as exc:  # another assignment of the same UMKM committed first
        raise ValidationError(
            {"business": _("“%(business)s” sedang didampingi.") % {"business": business.name}}
        ) from exc
    audit.record(actor=actor, action=Event.ENGAGEMENT_ASSIGNED, obj=engagement,
                 data={"mentor": str(mentor), "programme": str(programme), "run": run.pk if run else None})  # fmt: skip
    if notify:
        _notify_assigned([engagement.pk])
    return engagement


def _locked(engagement: Engagement) -> Engagement:
    return (
        Engagement.objects.select_for_update()
        .select_related("business", "programme", "mentor__user")
        .get(pk=engagement.pk)
    )


def _transition(
    actor: User, engagement: Engagement, allowed: Iterable[str], target: str
) -> tuple[Engagement, str]:
    policy.require(actor, "change", engagement)
    engagement = _locked(engagement)
    if engagement.state not in allowed:
        raise ValidationError(
            _("Pendampingan berstatus “%(state)s” tidak bisa diubah menjadi “%(target)s”.")
            % {"state": engagement.get_state_display(), "target": S(target).label}
        )
    return engagement, engagement.state


def _baseline(business: Business, today: datetime.date) -> dict[str, Any]:
    start = datetime.date(today.year - 1, today.month, 1) - datetime.timedelta(days=62)
    reports = list(
        TurnoverReport.objects.filter(business=business, period__gte=start).values_list("period", "turnover")
    )
    facts = business_facts([business.pk]).get(business.pk, {})
    marketplace = business.sells_online
    social = bool(business.instagram or business.tiktok or business.facebook or business.whatsapp)
    stage = facts.get("digital_stage") or baseline.digital_stage(marketplace=marketplace, social=social)
    if "financing_ready" in facts:  # the financing module's pre-check, when it is installed
        ready, source = bool(facts["financing_ready"]), "pembiayaan"
    else:  # the documents every scheme asks first: a NIB and a verified business
        ready, source = bool(business.nib) and business.verification == Verification.VERIFIED, "dasar"
    return baseline.snapshot(
        reports=reports, taken_on=today, employees=business.employees, nib=bool(business.nib), stage=stage,
        status=business.status, financing_ready=ready, financing_source=source,
    )  # fmt: skip


@transaction.atomic
def engagement_intake(*, actor: User, engagement: Engagement) -> Engagement:
    """The first meeting: the baseline snapshot is taken from the registry as it is today."""
    engagement, old = _transition(actor, engagement, [S.REFERRED], S.INTAKE)
    now = timezone.now()
    engagement.baseline = _baseline(engagement.business, timezone.localdate())
    engagement.baseline_at = now
    engagement.state = S.INTAKE
    engagement.save(update_fields=["baseline", "baseline_at", "state", "updated_at"])
    audit.record(actor=actor, action=Event.ENGAGEMENT_INTAKE, obj=engagement,
                 changes={"state": [old, engagement.state]}, data={"baseline": engagement.baseline})  # fmt: skip
    return engagement


@transaction.atomic
def engagement_activate(*, actor: User, engagement: Engagement) -> Engagement:
    """Intake → active (the plan's goals are created from the programme's templates, dated from
    today), or on hold → active again."""
    engagement, old = _transition(actor, engagement, [S.INTAKE, S.ON_HOLD], S.ACTIVE)
    engagement.state = S.ACTIVE
    engagement.hold_reason = ""
    created = []
    if engagement.started_on is None:
        engagement.started_on = timezone.localdate()
        for template in engagement.programme.goal_templates.all():
            created.append(Goal(
                engagement=engagement, title=template.title, fact=template.fact,
                target_date=engagement.started_on + datetime.timedelta(days=template.day_offset),
            ))  # fmt: skip
        Goal.objects.bulk_create(created)
    engagement.save(update_fields=["state", "hold_reason", "started_on", "updated_at"])
    audit.record(actor=actor, action=Event.ENGAGEMENT_ACTIVATED, obj=engagement,
                 changes={"state": [old, engagement.state]}, data={"goals": len(created)})  # fmt: skip
    if created:
        goals_check(engagements=[engagement])
    return engagement


def _reason(reason: str, field: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: _("Tuliskan alasannya.")})
    if len(reason) > MAX_REASON:
        raise ValidationError({field: _("Alasan paling banyak %(n)d karakter.") % {"n": MAX_REASON}})
    validate_no_html(reason)
    return reason


@transaction.atomic
def engagement_hold(*, actor: User, engagement: Engagement, reason: str) -> Engagement:
    engagement, old = _transition(actor, engagement, [S.ACTIVE], S.ON_HOLD)
    engagement.hold_reason = _reason(reason, "reason")
    engagement.state = S.ON_HOLD
    engagement.save(update_fields=["state", "hold_reason", "updated_at"])
    audit.record(actor=actor, action=Event.ENGAGEMENT_HELD, obj=engagement,
                 changes={"state": [old, engagement.state]}, data={"reason": engagement.hold_reason})  # fmt: skip
    return engagement


@transaction.atomic
def engagement_complete(*, actor: User, engagement: Engagement) -> Engagement:
    engagement, old = _transition(actor, engagement, [S.ACTIVE, S.ON_HOLD], S.COMPLETED)
    goals_check(engagements=[engagement])
    engagement.state = S.COMPLETED
    engagement.ended_on = timezone.localdate()
    engagement.next_visit_on = None
    engagement.save(update_fields=["state", "ended_on", "next_visit_on", "updated_at"])
    met = engagement.goals.filter(status=GoalStatus.MET).count()
    audit.record(actor=actor, action=Event.ENGAGEMENT_COMPLETED, obj=engagement,
                 changes={"state": [old, engagement.state]}, data={"goals_met": met})  # fmt: skip
    return engagement


@transaction.atomic
def engagement_drop(*, actor: User, engagement: Engagement, reason: str) -> Engagement:
    engagement, old = _transition(actor, engagement, S.open_values(), S.DROPPED)
    engagement.drop_reason = _reason(reason, "reason")
    engagement.state = S.DROPPED
    engagement.ended_on = timezone.localdate()
    engagement.next_visit_on = None
    engagement.save(update_fields=["state", "drop_reason", "ended_on", "next_visit_on", "updated_at"])
    audit.record(actor=actor, action=Event.ENGAGEMENT_DROPPED, obj=engagement,
                 changes={"state": [old, engagement.state]}, data={"reason": engagement.drop_reason})  # fmt: skip
    return engagement


@transaction.atomic
def goals_check(*, engagements: Iterable[Engagement] | None = None) -> int:
    """Record as met every open goal of an open engagement that another module's data now proves
    (NIB present, turnover back to baseline, first online sale, financing referral sent). Returns the
    number of goals met. Run after sessions and state changes, and daily for all."""
    goals = Goal.objects.filter(status=GoalStatus.OPEN).exclude(fact="").select_related("engagement")
    if engagements is not None:
        goals = goals.filter(engagement__in=[e.pk for e in engagements])
    else:
        goals = goals.filter(engagement__state__in=[S.INTAKE, S.ACTIVE, S.ON_HOLD])
    goals_list = list(goals)
    facts = business_facts({g.engagement.business_id for g in goals_list})
    today, met = timezone.localdate(), 0
    for goal in goals_list:
        evidence = facts.get(goal.engagement.business_id, {})
        if baseline.fact_proven(goal.fact, evidence, goal.engagement.baseline):
            goal.status, goal.met_on, goal.met_automatically = GoalStatus.MET, today, True
            goal.save(update_fields=["status", "met_on", "met_automatically"])
            audit.record(actor=None, action=Event.GOAL_PROVEN, obj=goal.engagement,
                         data={"goal": goal.title, "fact": goal.fact})  # fmt: skip
            met += 1
    return met
