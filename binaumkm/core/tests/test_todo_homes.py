"""The owner's and staff's start pages are to-do lists gathered from every module (issue 10, part 5):
each item appears while its condition holds and disappears once it is done; the page's query count
does not grow with the number of items."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binaumkm.core.testing import assert_constant_queries
from binaumkm.partnerships.models import PartnershipStatus
from binaumkm.partnerships.tests.factories import PartnershipFactory
from binaumkm.registry import services
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business
from binaumkm.registry.tests.factories import BusinessFactory
from binaumkm.training.models import RegistrationStatus
from binaumkm.training.tests.factories import RegistrationFactory, owner_with_business

pytestmark = pytest.mark.django_db

HOME = reverse("registry:my_businesses")


def todo_labels(client) -> list[str]:
    response = client.get(HOME)
    assert response.status_code == 200
    return [item.label for item in response.context["todos"]]


def test_this_months_turnover_is_asked_until_reported(client, areas):
    user, business = owner_with_business()
    client.force_login(user)
    [item] = [t for t in client.get(HOME).context["todos"] if "omzet" in t.label]
    assert business.name in item.label
    assert item.url == reverse("registry:my_turnover", args=[business.pk])
    month = timezone.localdate().replace(day=1)
    services.turnover_report_save(actor=user, business=business, period=month, turnover=5_000_000)
    assert not [label for label in todo_labels(client) if "omzet" in label]


def test_last_months_report_does_not_count_and_a_closed_business_is_not_asked(client, staff_user, areas):
    user, business = owner_with_business()
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    services.turnover_report_save(actor=user, business=business, period=last_month.replace(day=1), turnover=1)
    client.force_login(user)
    assert [label for label in todo_labels(client) if "omzet" in label]
    services.business_set_status(actor=staff_user, business=business, status=BusinessStatus.CLOSED)
    assert not [label for label in todo_labels(client) if "omzet" in label]


def test_staff_see_verifications_waiting_until_verified(staff_client, staff_user, areas):
    business = BusinessFactory(verification=Verification.NEW)
    response = staff_client.get(reverse("registry:staff_dashboard"))
    [item] = [t for t in response.context["todos"] if "verifikasi" in t.label]
    assert item.label.startswith("1 ") and item.url.endswith("?verification=baru")
    assert "Yang perlu Anda lakukan" in response.content.decode()
    services.business_verify(actor=staff_user, business=business)
    response = staff_client.get(reverse("registry:staff_dashboard"))
    assert not [t for t in response.context["todos"] if "verifikasi" in t.label]


def test_owner_home_orders_urgent_first_and_links_each_item(client, areas):
    user, business = owner_with_business()
    offer = PartnershipFactory(business=business, status=PartnershipStatus.PROPOSED)
    client.force_login(user)
    todos = client.get(HOME).context["todos"]
    assert todos[0].urgent and offer.store.name in todos[0].label
    assert todos[0].url == reverse("partnerships:my_offer", args=[offer.pk])
    assert not todos[-1].urgent  # the turnover report comes after the offer to answer


def test_owner_home_query_count_does_not_grow_with_items(client, areas):
    user, business = owner_with_business()
    owner = business.owner
    client.force_login(user)

    def grow(n):
        for _ in range(n - Business.objects.filter(owner=owner).count()):
            extra = BusinessFactory(owner=owner)
            PartnershipFactory(business=extra, status=PartnershipStatus.PROPOSED)
            RegistrationFactory(
                business=extra, status=RegistrationStatus.OFFERED,
                offer_expires_at=timezone.now() + datetime.timedelta(hours=30),
            )  # fmt: skip

    def fetch():
        assert client.get(HOME).status_code == 200

    assert_constant_queries(fetch, grow, small=3, large=30)
    assert len(client.get(HOME).context["todos"]) > 30
