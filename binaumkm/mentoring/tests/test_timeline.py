"""One timeline per UMKM through every module's ``timeline`` hook (registry, training, partnerships,
consignment, mentoring): date order, staff and owner links, and a query count that does not grow
with the events; the facts and to-do hooks."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from binaumkm.consignment.tests.factories import AgreementFactory
from binaumkm.core.hooks import collect, timeline
from binaumkm.core.testing import assert_constant_queries
from binaumkm.mentoring.models import EngagementState
from binaumkm.partnerships.tests.factories import PartnershipFactory
from binaumkm.registry.models import BusinessStatusChange
from binaumkm.training.models import RegistrationStatus
from binaumkm.training.tests.factories import RegistrationFactory

from .factories import EngagementFactory, SessionFactory

pytestmark = pytest.mark.django_db
NOW = timezone.now


@pytest.fixture
def helped(owned_business, mentor, programme, staff_user):
    """A UMKM that every module has touched, a month apart each."""
    b = owned_business
    days = lambda n: NOW() - datetime.timedelta(days=n)  # noqa: E731
    type(b).objects.filter(pk=b.pk).update(created_at=days(300), verified_at=days(290))
    b.refresh_from_db()
    BusinessStatusChange.objects.create(
        business=b, old_status="aktif", new_status="stagnan", changed_at=days(250)
    )
    RegistrationFactory(
        business=b, status=RegistrationStatus.ACCEPTED, created_at=days(200), decided_at=days(190)
    )
    partnership = PartnershipFactory(business=b)
    type(partnership).objects.filter(pk=partnership.pk).update(created_at=days(150), activated_at=days(140))
    AgreementFactory(business=b, starts_on=(NOW() - datetime.timedelta(days=100)).date())
    engagement = EngagementFactory(business=b, mentor=mentor, programme=programme, started_on=days(50).date())
    type(engagement).objects.filter(pk=engagement.pk).update(created_at=days(60))
    SessionFactory(
        engagement=engagement, held_on=days(20).date(), confirmed_at=NOW(), private_notes="rahasia"
    )
    return b


def test_every_module_contributes_in_date_order(helped):
    events = timeline(helped)
    kinds = [e.kind for e in events]
    assert {"registri", "pelatihan", "kemitraan", "titip jual", "pendampingan"} <= set(kinds)
    assert [e.moment for e in events] == sorted((e.moment for e in events), reverse=True)
    labels = [e.label for e in events]
    assert labels[0] == "Sesi pendampingan: Kunjungan, 60 menit (dikonfirmasi)"
    assert labels[-1] == "Usaha terdaftar"
    assert all(e.url for e in events)
    assert not any("rahasia" in e.label for e in events)
    since = (NOW() - datetime.timedelta(days=70)).date()
    assert {e.kind for e in timeline(helped, since=since)} == {"pendampingan"}


def test_staff_and_owner_pages_link_to_their_own_records(client, helped, staff_user, owner_user):
    client.force_login(staff_user)
    html = client.get(reverse("registry:business_timeline", args=[helped.pk])).content.decode()
    engagement = helped.mentoring_engagements.get()
    assert reverse("mentoring:engagement_detail", args=[engagement.pk]) in html
    assert (
        "Dirujuk ke pendampingan"
        in client.get(reverse("registry:business_detail", args=[helped.pk])).content.decode()
    )
    client.force_login(owner_user)
    html = client.get(reverse("registry:my_business_timeline", args=[helped.pk])).content.decode()
    assert reverse("mentoring:my_engagement", args=[engagement.pk]) in html
    assert reverse("mentoring:engagement_detail", args=[engagement.pk]) not in html
    assert (
        "Linimasa pembinaan"
        in client.get(reverse("registry:my_business_detail", args=[helped.pk])).content.decode()
    )


def test_the_timeline_with_500_events_keeps_its_query_count(client, helped, staff_user, owner_user):
    engagement = helped.mentoring_engagements.get()

    def grow(n):
        have = len(timeline(helped))
        for k in range(n - have):
            SessionFactory(
                engagement=engagement, held_on=timezone.localdate() - datetime.timedelta(days=k % 300)
            )

    def fetch():
        client.force_login(staff_user)
        assert client.get(reverse("registry:business_timeline", args=[helped.pk])).status_code == 200
        assert client.get(reverse("registry:business_detail", args=[helped.pk])).status_code == 200
        client.force_login(owner_user)
        assert client.get(reverse("registry:my_business_timeline", args=[helped.pk])).status_code == 200
        render_to_string("registry/_timeline.html", {"events": timeline(helped), "owner": True})

    fetch()  # warm the per-process caches (content types, permissions) before counting
    assert_constant_queries(fetch, grow, small=20, large=500)
    assert len(timeline(helped)) == 500


def test_business_facts_say_who_was_mentored(helped, mentor, programme):
    from binaumkm.registry.tests.factories import BusinessFactory

    referred = EngagementFactory(business=BusinessFactory(), mentor=mentor, programme=programme,
                                 state=EngagementState.REFERRED, started_on=None)  # fmt: skip
    facts = dict(collect("business_facts", [helped.pk, referred.business_id]))
    assert facts["mentoring"] == {helped.pk: {"mentored": (NOW() - datetime.timedelta(days=50)).date()}}
    assert facts["registry"][helped.pk]["nib"] is False


def test_the_funnel_step_counts_businesses_mentored(helped):
    (step,) = dict(collect("outcome_steps"))["mentoring"]
    assert list(step.businesses(None)) == [{"business_id": helped.pk}]
