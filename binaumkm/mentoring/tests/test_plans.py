"""Mentors and programmes (staff), goals, tasks and planned visits."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from binaumkm.accounts.roles import Role
from binaumkm.core.models import AuditEntry, Kecamatan
from binaumkm.core.testing import make_user
from binaumkm.mentoring import services
from binaumkm.mentoring.events import Event
from binaumkm.mentoring.models import GoalStatus, Mentor

from .factories import EngagementFactory, MentorFactory, kelurahan

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def mentor_data(**overrides):
    return {"full_name": "Bambang", "phone": "+6281299990001", "email": "", "expertise": ["kemasan"],
            "sectors": ["C"], "kecamatan": list(Kecamatan.objects.all()[:2]), "home_kelurahan": None,
            "capacity": 8, "is_active": True, "away_until": None, **overrides}  # fmt: skip


def test_staff_register_a_mentor_with_a_mentor_account(staff_user, areas):
    mentor = services.mentor_create(actor=staff_user, data=mentor_data())
    assert mentor.user.has_perm("mentoring.work_own_engagements") and mentor.kecamatan.count() == 2
    assert AuditEntry.objects.filter(action=Event.MENTOR_CREATED).exists()
    with pytest.raises(ValidationError, match="sudah terdaftar sebagai pendamping"):
        services.mentor_create(actor=staff_user, data=mentor_data())
    updated = services.mentor_update(actor=staff_user, mentor=mentor, data=mentor_data(
        capacity=3, away_until=TODAY() + datetime.timedelta(days=5), home_kelurahan=kelurahan("Pajang")))  # fmt: skip
    assert (updated.capacity, updated.home_kelurahan.name) == (3, "Pajang")
    assert AuditEntry.objects.filter(action=Event.MENTOR_UPDATED).exists()


@pytest.mark.parametrize(
    "field, value", [("expertise", []), ("capacity", 0), ("capacity", 201), ("kecamatan", [])]
)
def test_bad_mentor_data_is_refused(staff_user, areas, field, value):
    with pytest.raises(ValidationError) as exc:
        services.mentor_create(actor=staff_user, data=mentor_data(**{field: value}))
    assert field in exc.value.message_dict
    assert not Mentor.objects.exists()


def test_mentors_cannot_manage_mentors(areas):
    with pytest.raises(PermissionDenied):
        services.mentor_create(actor=MentorFactory().user, data=mentor_data())


def test_programmes_and_their_templates(staff_user):
    programme = services.programme_create(actor=staff_user, data={"name": "Go Digital", "description": ""})
    with pytest.raises(ValidationError, match="Sudah ada program"):
        services.programme_create(actor=staff_user, data={"name": "go digital"})
    services.programme_update(actor=staff_user, programme=programme, data={"name": "Go Digital 2026"})
    template = services.goal_template_add(actor=staff_user, programme=programme, title="Penjualan online pertama",
                                          day_offset=60, fact="first_online_sale")  # fmt: skip
    with pytest.raises(ValidationError):
        services.goal_template_add(actor=staff_user, programme=programme, title="x", day_offset=0)
    services.goal_template_remove(actor=staff_user, template=template)
    assert not programme.goal_templates.exists()
    events = set(AuditEntry.objects.values_list("action", flat=True))
    assert {Event.PROGRAMME_CREATED, Event.PROGRAMME_UPDATED, Event.GOAL_TEMPLATE_ADDED,
            Event.GOAL_TEMPLATE_REMOVED} <= events  # fmt: skip


def test_goals_tasks_and_visits(owned_business, mentor, programme, owner_user):
    engagement = EngagementFactory(business=owned_business, mentor=mentor, programme=programme)
    goal = services.goal_add(
        actor=mentor.user, engagement=engagement, title="Ikut pameran", target_date=TODAY()
    )
    services.goal_mark_met(actor=mentor.user, goal=goal)
    goal.refresh_from_db()
    assert goal.status == GoalStatus.MET and not goal.met_automatically
    with pytest.raises(ValidationError, match="sudah tercapai"):
        services.goal_mark_met(actor=mentor.user, goal=goal)
    mine = services.task_add(actor=mentor.user, engagement=engagement, title="Hitung HPP", assignee="pendamping",
                             due_on=TODAY())  # fmt: skip
    theirs = services.task_add(actor=mentor.user, engagement=engagement, title="Foto produk", assignee="pemilik",
                               due_on=TODAY())  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.task_done(actor=owner_user, task=mine)  # the owner ticks only the owner's tasks
    assert services.task_done(actor=owner_user, task=theirs).done_by == owner_user
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.task_done(actor=mentor.user, task=theirs)
    with pytest.raises(ValidationError, match="sudah lewat"):
        services.engagement_plan_visit(
            actor=mentor.user, engagement=engagement, on=TODAY() - datetime.timedelta(days=1)
        )
    services.engagement_plan_visit(actor=mentor.user, engagement=engagement, on=TODAY())
    events = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        Event.GOAL_ADDED,
        Event.GOAL_MET,
        Event.TASK_ADDED,
        Event.TASK_DONE,
        Event.VISIT_PLANNED,
    } <= events


def test_an_owner_cannot_plan_for_the_mentor(owned_business, mentor, programme, owner_user):
    engagement = EngagementFactory(business=owned_business, mentor=mentor, programme=programme)
    with pytest.raises(PermissionDenied):
        services.goal_add(actor=owner_user, engagement=engagement, title="x", target_date=TODAY())
    with pytest.raises(PermissionDenied):
        services.task_add(actor=make_user(Role.STORE_PARTNER, username="toko"), engagement=engagement, title="x",
                          assignee="pemilik", due_on=TODAY())  # fmt: skip
