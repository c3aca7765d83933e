"""Follow-up after disbursement: staff assign, the assigned mentor records; others cannot."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.financing import services
from binaumkm.financing.events import Event
from binaumkm.financing.models import ReferralState

from .factories import referral_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def followup(world):
    referral = referral_to(ReferralState.DISBURSED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    first = referral.followups.order_by("months").first()
    first.due_on = first.due_on.replace(year=first.due_on.year - 1)  # due already
    first.save()
    return first


def test_assign_to_a_mentor_who_then_records(world, followup, client):
    mentor = make_user("pendamping", username="pendamping.x")
    other_mentor = make_user("pendamping", username="pendamping.y")
    with pytest.raises(ValidationError):
        services.followup_assign(actor=world.staff, followup=followup, assignee=world.owner)
    services.followup_assign(actor=world.staff, followup=followup, assignee=mentor)
    assert AuditEntry.objects.filter(action=Event.FOLLOWUP_ASSIGNED).exists()
    with pytest.raises(PermissionDenied):
        services.followup_record(actor=other_mentor, followup=followup, data={"still_operating": True})
    client.force_login(other_mentor)
    assert client.get(reverse("financing:followup_record", args=[followup.pk])).status_code == 404
    client.force_login(mentor)
    assert followup.referral.business.name in client.get(reverse("financing:followup_list")).content.decode()
    response = client.post(reverse("financing:followup_record", args=[followup.pk]),
                           {"still_operating": "1", "turnover": "12.500.000", "employees": "3", "collectability": "2"})  # fmt: skip
    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.still_operating, followup.turnover, followup.employees, followup.collectability) == (
        True,
        12_500_000,
        3,
        2,
    )
    assert followup.done_by == mentor and AuditEntry.objects.filter(action=Event.FOLLOWUP_RECORDED).exists()


def test_recording_needs_an_answer_and_a_valid_collectability(world, followup, client):
    client.force_login(world.staff)
    url = reverse("financing:followup_record", args=[followup.pk])
    response = client.post(url, {"turnover": "abc", "collectability": "9"})
    html = response.content.decode()
    assert response.status_code == 200 and "is-invalid" in html and 'value="abc"' in html
    followup.refresh_from_db()
    assert followup.done_at is None


def test_a_follow_up_far_in_the_future_cannot_be_recorded_yet(world, followup):
    later = followup.referral.followups.get(months=12)
    with pytest.raises(ValidationError, match="belum jatuh tempo"):
        services.followup_record(actor=world.staff, followup=later, data={"still_operating": True})
