"""Training's part of the to-do lists (issue 10, part 5): an owner is asked to accept or decline a seat
offer before it expires; staff see per batch the offers expiring within two days."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from binaumkm.training.models import BatchState, RegistrationStatus
from binaumkm.training.services import registrations
from binaumkm.training.tests.factories import RegistrationFactory, owner_with_business

pytestmark = pytest.mark.django_db


def offered(business, hours):
    return RegistrationFactory(
        business=business, batch__state=BatchState.ALLOCATED, status=RegistrationStatus.OFFERED,
        offered_at=timezone.now(), offer_expires_at=timezone.now() + datetime.timedelta(hours=hours),
    )  # fmt: skip


def training_todos(client, url):
    return [t for t in client.get(url).context["todos"] if t.module == "Pelatihan"]


def test_owner_is_asked_to_answer_a_seat_offer_until_answered(client, areas):
    user, business = owner_with_business()
    registration = offered(business, hours=30)
    client.force_login(user)
    home = reverse("registry:my_businesses")
    [item] = training_todos(client, home)
    assert item.urgent and item.due == registration.offer_expires_at
    assert item.url == reverse("training:my_registration", args=[registration.pk])
    assert registration.batch.programme.title in item.label
    registrations.offer_decline(actor=user, registration=registration)
    assert training_todos(client, home) == []


def test_an_expired_offer_is_not_asked_for(client, areas):
    user, business = owner_with_business()
    r = offered(business, hours=1)
    type(r).objects.filter(pk=r.pk).update(offer_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(user)
    assert training_todos(client, reverse("registry:my_businesses")) == []


def test_staff_see_offers_expiring_within_two_days_per_batch(staff_client, areas):
    _user, business = owner_with_business()
    _user2, other = owner_with_business()
    soon = offered(business, hours=20)
    offered(other, hours=20)  # another batch: its own line
    later = offered(owner_with_business()[1], hours=24 * 5)
    todos = training_todos(staff_client, reverse("registry:staff_dashboard"))
    assert len(todos) == 2
    [mine] = [t for t in todos if t.url == reverse("training:batch_detail", args=[soon.batch_id])]
    assert mine.label.startswith("1 tawaran kursi")
    assert not [t for t in todos if t.url.endswith(f"/{later.batch_id}/")]
    registrations.offer_accept(actor=soon.business.owner.user, registration=soon)
    assert len(training_todos(staff_client, reverse("registry:staff_dashboard"))) == 1
