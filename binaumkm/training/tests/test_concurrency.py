"""Real concurrency on PostgreSQL: a first-come rush for the last seats never overbooks."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory
from binaumkm.training.models import Registration, RegistrationStatus, SelectionMode
from binaumkm.training.tests.factories import BatchFactory

THREADS = 200
LAST_SEATS = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_200_concurrent_registrations_for_last_10_seats(areas):
    from binaumkm.core.testing import make_user

    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=LAST_SEATS + 5)
    # 5 seats are already taken: 10 remain.
    for business in BusinessFactory.create_batch(5):
        Registration.objects.create(batch=batch, business=business, status=RegistrationStatus.ACCEPTED)
    people = []
    for i in range(THREADS):
        user = make_user("pemilik_umkm", username=f"+62815{i:08d}", phone=f"+62815{i:08d}")
        people.append((user, BusinessFactory(owner=OwnerFactory(user=user))))

    barrier = threading.Barrier(THREADS)
    outcomes, errors = [], []
    url = reverse("training:batch_public", args=[batch.pk])

    def register(user, business):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=60)
            response = client.post(url, {"business": business.pk})
            outcomes.append(response.status_code)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=person) for person in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)

    assert errors == []
    assert outcomes.count(302) == THREADS  # every request ended in a clear result page, none failed
    fresh = Registration.objects.filter(batch=batch).exclude(business__in=[b for _u, b in people]).count()
    assert fresh == 5
    mine = Registration.objects.filter(batch=batch, business__in=[b for _u, b in people])
    assert mine.filter(status=RegistrationStatus.ACCEPTED).count() == LAST_SEATS
    assert mine.filter(status=RegistrationStatus.WAITLISTED).count() == THREADS - LAST_SEATS
    assert (
        Registration.objects.filter(batch=batch, status=RegistrationStatus.ACCEPTED).count() == batch.capacity
    )
