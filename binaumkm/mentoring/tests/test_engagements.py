"""Engagements: assignment within capacity, the state machine, the baseline at intake, goals from the
programme's templates and goals proven by other modules' data."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.mentoring import services
from binaumkm.mentoring.events import Event
from binaumkm.mentoring.models import Engagement, EngagementState, GoalStatus
from binaumkm.registry.models import TurnoverReport
from binaumkm.registry.tests.factories import BusinessFactory

from .factories import EngagementFactory, MentorFactory

S = EngagementState
pytestmark = pytest.mark.django_db


def assign(staff_user, business, mentor, programme):
    return services.engagement_assign(actor=staff_user, business=business, mentor=mentor, programme=programme)


def test_assignment_creates_a_referral_audits_it_and_tells_mentor_and_owner(
    staff_user, owned_business, mentor, programme
):
    mentor.user.email = "mentor@example.com"
    mentor.user.save()
    engagement = assign(staff_user, owned_business, mentor, programme)
    assert engagement.state == S.REFERRED
    assert AuditEntry.objects.filter(action=Event.ENGAGEMENT_ASSIGNED, object_id=str(engagement.pk)).exists()
    assert {m.to[0] for m in mail.outbox} == {"mentor@example.com", "sri@example.com"}


def test_a_full_mentor_is_refused_with_a_clear_message(staff_user, mentor, programme, areas):
    for _ in range(mentor.capacity):
        assign(staff_user, BusinessFactory(), mentor, programme)
    with pytest.raises(ValidationError) as exc:
        assign(staff_user, BusinessFactory(), mentor, programme)
    assert "sudah penuh (2 dari 2 pendampingan aktif)" in exc.value.message_dict["mentor"][0]


def test_closed_engagements_free_the_slot(staff_user, mentor, programme, areas):
    first = assign(staff_user, BusinessFactory(), mentor, programme)
    assign(staff_user, BusinessFactory(), mentor, programme)
    services.engagement_drop(actor=staff_user, engagement=first, reason="Pindah kota")
    assert assign(staff_user, BusinessFactory(), mentor, programme).state == S.REFERRED


def test_inactive_or_away_mentors_and_unverified_or_mentored_umkm_are_refused(
    staff_user, mentor, programme, areas
):
    mentor.away_until = timezone.localdate() + datetime.timedelta(days=3)
    mentor.save()
    with pytest.raises(ValidationError, match="tidak tersedia sampai"):
        assign(staff_user, BusinessFactory(), mentor, programme)
    mentor.away_until, mentor.is_active = None, False
    mentor.save()
    with pytest.raises(ValidationError, match="tidak aktif"):
        assign(staff_user, BusinessFactory(), mentor, programme)
    mentor.is_active = True
    mentor.save()
    with pytest.raises(ValidationError, match="belum terverifikasi"):
        assign(staff_user, BusinessFactory(verification="baru"), mentor, programme)
    business = BusinessFactory()
    assign(staff_user, business, mentor, programme)
    with pytest.raises(ValidationError, match="sedang didampingi"):
        assign(staff_user, business, MentorFactory(), programme)


def test_only_staff_assign(owner_user, owned_business, mentor, programme):
    with pytest.raises(PermissionDenied):
        assign(mentor.user, owned_business, mentor, programme)
    with pytest.raises(PermissionDenied):
        assign(owner_user, owned_business, mentor, programme)


def test_intake_takes_the_baseline_from_the_registry(staff_user, owned_business, mentor, programme):
    today = timezone.localdate()
    first = today.replace(day=1)
    for k, amount in enumerate([3_000_000, 4_000_000, 5_000_000, 9_000_000]):
        month = (first - datetime.timedelta(days=28 * k + 1)).replace(day=1) if k else first
        TurnoverReport.objects.create(business=owned_business, period=month, turnover=amount)
    owned_business.instagram = "batiksri"
    owned_business.save()
    engagement = services.engagement_intake(
        actor=mentor.user, engagement=assign(staff_user, owned_business, mentor, programme)
    )
    base = engagement.baseline
    assert engagement.state == S.INTAKE and engagement.baseline_at
    assert base["turnover_average"] == 4_000_000 and base["turnover_band"] == "lt5"
    assert base["nib"] is False and base["digital_stage"] == "media_sosial"
    assert base["financing_ready"] is False and base["financing_source"] == "dasar"
    assert base["employees"] == owned_business.employees
    assert AuditEntry.objects.filter(action=Event.ENGAGEMENT_INTAKE).exists()


def test_the_state_machine_and_its_refusals(staff_user, owned_business, mentor, programme):
    engagement = assign(staff_user, owned_business, mentor, programme)
    with pytest.raises(ValidationError, match="tidak bisa diubah menjadi “Aktif”"):
        services.engagement_activate(actor=mentor.user, engagement=engagement)
    engagement = services.engagement_intake(actor=mentor.user, engagement=engagement)
    engagement = services.engagement_activate(actor=mentor.user, engagement=engagement)
    assert engagement.state == S.ACTIVE and engagement.started_on == timezone.localdate()
    goals = {g.title: g for g in engagement.goals.all()}
    assert goals["Pembukuan rapi"].target_date == timezone.localdate() + datetime.timedelta(days=60)
    with pytest.raises(ValidationError) as exc:
        services.engagement_hold(actor=mentor.user, engagement=engagement, reason=" ")
    assert "reason" in exc.value.message_dict
    engagement = services.engagement_hold(actor=mentor.user, engagement=engagement, reason="Pemilik sakit")
    assert engagement.state == S.ON_HOLD
    engagement = services.engagement_activate(actor=mentor.user, engagement=engagement)
    assert engagement.goals.count() == 2  # resuming does not copy the templates again
    engagement = services.engagement_complete(actor=mentor.user, engagement=engagement)
    assert engagement.state == S.COMPLETED and engagement.ended_on
    with pytest.raises(ValidationError):
        services.engagement_drop(actor=staff_user, engagement=engagement, reason="x")
    events = set(AuditEntry.objects.values_list("action", flat=True))
    assert {Event.ENGAGEMENT_ACTIVATED, Event.ENGAGEMENT_HELD, Event.ENGAGEMENT_COMPLETED} <= events


def test_dropping_needs_a_reason_and_the_database_insists_too(staff_user, owned_business, mentor, programme):
    engagement = assign(staff_user, owned_business, mentor, programme)
    with pytest.raises(ValidationError):
        services.engagement_drop(actor=staff_user, engagement=engagement, reason="")
    engagement = services.engagement_drop(actor=staff_user, engagement=engagement, reason="Usaha tutup")
    assert (
        engagement.state == S.DROPPED and AuditEntry.objects.filter(action=Event.ENGAGEMENT_DROPPED).exists()
    )
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Engagement.objects.filter(pk=engagement.pk).update(drop_reason="")


def test_another_mentor_cannot_move_an_engagement(staff_user, owned_business, mentor, programme):
    engagement = assign(staff_user, owned_business, mentor, programme)
    with pytest.raises(PermissionDenied):
        services.engagement_intake(actor=MentorFactory().user, engagement=engagement)


def test_a_goal_is_met_automatically_when_the_nib_is_entered(staff_user, owned_business, mentor, programme):
    engagement = assign(staff_user, owned_business, mentor, programme)
    engagement = services.engagement_activate(
        actor=mentor.user, engagement=services.engagement_intake(actor=mentor.user, engagement=engagement)
    )
    nib_goal = engagement.goals.get(fact="nib")
    assert nib_goal.status == GoalStatus.OPEN
    owned_business.nib = "1234567890123"
    owned_business.save()
    assert services.goals_check() == 1
    nib_goal.refresh_from_db()
    assert nib_goal.status == GoalStatus.MET and nib_goal.met_automatically
    assert AuditEntry.objects.filter(action=Event.GOAL_PROVEN, actor__isnull=True).exists()
    assert services.goals_check() == 0


def test_turnover_back_to_baseline_is_proven_by_reports_after_intake(
    staff_user, owned_business, mentor, programme
):
    engagement = EngagementFactory(business=owned_business, mentor=mentor, programme=programme, baseline={
        "taken_on": "2026-01-10", "turnover_reference": 8_000_000})  # fmt: skip
    goal = engagement.goals.create(
        title="Omzet pulih", target_date=timezone.localdate(), fact="turnover_baseline"
    )
    month = timezone.localdate().replace(day=1)
    TurnoverReport.objects.create(business=owned_business, period=month, turnover=7_000_000)
    assert services.goals_check(engagements=[engagement]) == 0
    TurnoverReport.objects.filter(business=owned_business).update(turnover=9_000_000)
    assert services.goals_check(engagements=[engagement]) == 1
    goal.refresh_from_db()
    assert goal.status == GoalStatus.MET
