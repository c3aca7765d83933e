"""Seats held = accepted + open offers, everywhere seats are reported (the coverage report); reserve
shares count only the UMKM who can take part (verified, active or stagnant)."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.registry.tests.factories import BusinessFactory
from binaumkm.training import services
from binaumkm.training.coverage import coverage_report
from binaumkm.training.models import BatchState, RegistrationStatus
from binaumkm.training.tests.factories import (
    BatchFactory,
    RegistrationFactory,
    close_window,
    owner_with_business,
)

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def test_regression_a_cancellation_with_a_pending_offer_keeps_the_seat_total(areas, staff_user):
    """Issue 18, scenario 4: 3 seats taken; one participant cancels and the freed seat is offered to
    the first on the waiting list. The coverage report still counts 3 seats (the offer holds one)."""
    batch = BatchFactory(capacity=3, state=BatchState.ALLOCATED)
    accepted = [RegistrationFactory(batch=batch, status=S.ACCEPTED) for _ in range(3)]
    waiting = RegistrationFactory(batch=batch, status=S.WAITLISTED, rank=4)
    assert coverage_report().total.seats == 3
    user = accepted[0].business.owner.user or staff_user
    services.registration_cancel(actor=user, registration=accepted[0], reason="sakit")
    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    assert coverage_report().total.seats == 3


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(list(S.values)), min_size=1, max_size=12))
def test_seats_held_are_accepted_plus_open_offers(areas, statuses):
    with transaction.atomic():
        batch = BatchFactory(capacity=20, state=BatchState.CLOSED)
        for status in statuses:
            deadline = timezone.now() + datetime.timedelta(days=2) if status == S.OFFERED else None
            RegistrationFactory(batch=batch, status=status, offer_expires_at=deadline)
        expected = sum(1 for s in statuses if s in (S.ACCEPTED, S.OFFERED))  # the documented rule
        assert coverage_report().total.seats == expected
        transaction.set_rollback(True)


def test_reserve_shares_count_only_businesses_that_can_take_part(areas):
    """A batch without a status rule: closed or unverified businesses do not earn their kecamatan seats."""
    laweyan = Kelurahan.objects.filter(kecamatan__name="Laweyan").order_by("code").first()
    jebres = Kelurahan.objects.filter(kecamatan__name="Jebres").order_by("code").first()
    BusinessFactory.create_batch(2, kelurahan=laweyan, status="aktif")
    BusinessFactory.create_batch(1, kelurahan=laweyan, status="stagnan")
    BusinessFactory.create_batch(5, kelurahan=jebres, status="tutup")
    BusinessFactory.create_batch(2, kelurahan=jebres, verification="baru")
    BusinessFactory.create_batch(1, kelurahan=jebres)
    batch = BatchFactory(statuses=[], verified_only=False)
    user, business = owner_with_business(kelurahan=jebres)
    services.registration_create(actor=user, batch=batch, business=business)
    _applicants, shares = services.allocation_inputs(close_window(batch))
    names = dict(Kecamatan.objects.values_list("pk", "name"))
    assert {names[k]: n for k, n in shares.items()} == {"Laweyan": 3, "Jebres": 2}


def test_demo_past_allocations_see_businesses_as_they_were_then(areas):
    """The demo's past batches take their pool, shares and lottery weights from the registry state on
    the batch's closing day: a business closed today was open (and weighed as active) in 2021."""
    import random

    from binaumkm.registry.models import BusinessStatusChange, BusinessVerificationChange
    from binaumkm.training.demo import _Plan

    def at(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))

    closed_now, stagnant_later = BusinessFactory(status="tutup"), BusinessFactory(status="stagnan")
    for b in (closed_now, stagnant_later):
        BusinessVerificationChange.objects.create(
            business=b, old_verification="", new_verification="baru", changed_at=at(datetime.date(2021, 1, 4))
        )
        BusinessVerificationChange.objects.create(
            business=b,
            old_verification="baru",
            new_verification="terverifikasi",
            changed_at=at(datetime.date(2021, 1, 9)),
        )
        BusinessStatusChange.objects.create(
            business=b, old_status="", new_status="aktif", changed_at=at(datetime.date(2021, 1, 4))
        )
        BusinessStatusChange.objects.create(
            business=b, old_status="aktif", new_status=b.status, changed_at=at(datetime.date(2023, 5, 1))
        )
    plan = _Plan(random.Random(1))
    then = {b[0]: b[3] for b in plan.eligible([], day=datetime.date(2021, 6, 1))}
    assert then == {closed_now.pk: "aktif", stagnant_later.pk: "aktif"}
    assert {b[0]: b[3] for b in plan.eligible([])} == {stagnant_later.pk: "stagnan"}
    assert plan.eligible([], day=datetime.date(2021, 1, 5)) == []  # not yet verified
