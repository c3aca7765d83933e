"""The demo data: about 25 mentors, engagements in every state, a year of sessions, plans and goals;
the demo mentor has a caseload and the demo owner a session to confirm."""

import pytest
from django.urls import reverse

from binaumkm.accounts.models import User
from binaumkm.core.demo import DemoContext, seed_apps
from binaumkm.mentoring.models import Engagement, EngagementState, Goal, GoalStatus, Mentor, Session, Task
from binaumkm.mentoring.selectors import outcome_summary
from binaumkm.registry.demo import DEMO_OWNER_PHONE

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    ctx = DemoContext(umkm=3600, seed=2021)
    seed_apps(ctx, only=("core", "accounts", "registry", "mentoring"))
    return ctx


def test_demo_mentors_states_sessions_and_plans(demo, client):
    assert Mentor.objects.count() == 25
    assert all(m.expertise and m.kecamatan.exists() for m in Mentor.objects.prefetch_related("kecamatan"))
    states = set(Engagement.objects.values_list("state", flat=True))
    assert states == set(EngagementState.values)
    days = sorted(Session.objects.values_list("held_on", flat=True))
    assert (days[-1] - days[0]).days > 300 and Session.objects.count() > 500
    assert Session.objects.filter(confirmed_at__isnull=True).exists()
    assert Goal.objects.filter(status=GoalStatus.MET, met_automatically=True).exists()  # NIB goals proven
    assert Goal.objects.filter(status=GoalStatus.OPEN).exists() and Task.objects.exists()
    for mentor in Mentor.objects.all():  # the balancer kept every caseload within capacity
        assert mentor.engagements.filter(state__in=EngagementState.open_values()).count() <= mentor.capacity
    Mentor.objects.get(user__username="pendamping")
    client.login(username="pendamping", password="binaumkm-demo")
    assert "Dampingan saya" in client.get(reverse("mentoring:portal")).content.decode()
    client.login(username=DEMO_OWNER_PHONE, password="binaumkm-demo")
    assert "Konfirmasi sesi pendampingan" in client.get(reverse("registry:my_businesses")).content.decode()


def test_demo_outcomes_compare_mentored_and_comparable_umkm(demo):
    summary = outcome_summary(actor=User.objects.get(username="staf"))
    assert summary.completed > 0 and summary.measured == summary.completed
    assert summary.comparable_count > 0 and summary.mentored_change is not None
    assert summary.comparable_change is not None
