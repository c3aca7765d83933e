"""The demo data: Solo's past exhibitions with budgets, booths, the real allocation and sales, reported;
one open call in progress that the demo owner can apply to."""

import datetime

import pytest
from django.urls import reverse

from binaumkm.accounts.models import User
from binaumkm.core.demo import DemoContext, seed_apps
from binaumkm.exhibitions import selectors
from binaumkm.exhibitions.models import (
    Application,
    Assignment,
    AssignmentState,
    Exhibition,
    SalesReport,
    State,
    Tier,
)
from binaumkm.registry.demo import DEMO_OWNER_PHONE

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    ctx = DemoContext(umkm=400, seed=2021)
    seed_apps(ctx, only=("core", "accounts", "registry", "exhibitions"))
    return ctx


def test_demo_has_solos_past_exhibitions_and_an_open_call(demo, client):
    past = Exhibition.objects.filter(state=State.REPORTED)
    recent = past.get(name__startswith="Bazar UMKM Benteng Vastenburg")  # last season, whatever the year
    assert set(past.values_list("name", flat=True)) == {
        "UKM Expo 2019",
        "Bazar UMKM ASEAN Para Games 2022",
        "Pameran UMKM G20 Loji Gandrung",
        recent.name,
    }
    last_day = max(recent.venues.values_list("end_date", flat=True))
    assert demo.today - datetime.timedelta(days=90) < last_day < demo.today
    assert recent.reported_at.date() < demo.today
    para = past.get(name__contains="Para Games")
    assert para.venues.count() == 4 and para.kind == "bazaar"
    assert past.get(name__contains="G20").co_hosts == ["Bank Indonesia Solo"]
    staff = User.objects.get(username="staf")
    for exhibition in past:
        assert exhibition.allocation_seed is not None and exhibition.budget_lines.exists()
        outcome = selectors.outcome(actor=staff, exhibition=exhibition)
        assert outcome.totals.gross > 0 and outcome.realised > 0 and outcome.return_per_rupiah
        holding = Assignment.objects.filter(
            application__exhibition=exhibition, state=AssignmentState.ASSIGNED
        )
        assert len(set(holding.values_list("booth_id", flat=True))) == holding.count()
    # One UMKM served two venues of the Para Games bazaar.
    assert any(
        a.assignments.filter(state=AssignmentState.ASSIGNED).count() == 2 for a in para.applications.all()
    )
    assert SalesReport.objects.count() > 100
    # Returning exhibitors (from 2019) and rotation (Para Games, three months before the G20 event).
    assert para.applications.filter(tier=Tier.RETURNING).exists()
    assert Application.objects.filter(exhibition__name__contains="G20", tier=Tier.ROTATION).exists()
    open_call = Exhibition.objects.get(state=State.OPEN_CALL)
    assert open_call.call_is_open() and open_call.applications.count() > 10
    assert not Application.objects.filter(
        exhibition=open_call, business__owner__user__phone=DEMO_OWNER_PHONE
    ).exists()
    # Pages render on the demo: the report, its PDF, and the open call for the demo owner.
    client.force_login(staff)
    assert client.get(reverse("exhibitions:report", args=[para.pk])).status_code == 200
    assert client.get(reverse("exhibitions:report_pdf", args=[para.pk])).content.startswith(b"%PDF")
    client.force_login(User.objects.get(phone=DEMO_OWNER_PHONE))
    html = client.get(reverse("exhibitions:exhibition_public", args=[open_call.pk])).content.decode()
    assert "Kirim pendaftaran" in html
