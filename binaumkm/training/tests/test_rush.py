"""The registration rush: the statements one registration costs, the waiting-list position the
e-mail gives, and the rush benchmark's invariant check."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binaumkm.training import services
from binaumkm.training.models import Registration, RegistrationStatus, SelectionMode
from binaumkm.training.rush_bench import check_batch
from binaumkm.training.tests.factories import BatchFactory, RegistrationFactory, owner_with_business

pytestmark = pytest.mark.django_db
S = RegistrationStatus
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")
# session, user, the permissions (one UNION), batch, its kecamatan rule, the chosen business (form), then
# in the service: the batch lock, earlier registrations, seats and waiting list, the INSERT, the
# audit entry. Was 19.
QUERY_BUDGET = 11


def _statements(queries) -> list[str]:
    return [q["sql"] for q in queries if not q["sql"].startswith(TRANSACTION_CONTROL)]


def _post_registration(batch, user, business):
    client = Client()
    client.force_login(user)
    url = reverse("training:batch_public", args=[batch.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"business": business.pk})
    assert response.status_code == 302, response.content.decode()[:500]
    return _statements(queries.captured_queries)


@pytest.mark.parametrize("seats", [5, 0], ids=["seat", "waiting-list"])
def test_registration_query_budget(areas, seats):
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=max(seats, 1))
    if seats == 0:
        RegistrationFactory(batch=batch, status=S.ACCEPTED)
    _post_registration(batch, *owner_with_business())  # warms the per-process content-type cache
    user, business = owner_with_business()
    statements = _post_registration(batch, user, business)
    assert len(statements) <= QUERY_BUDGET, "\n".join(s[:160] for s in statements)
    registration = Registration.objects.get(batch=batch, business=business)
    assert registration.status == (S.ACCEPTED if seats else S.WAITLISTED)
    assert "daftar tunggu nomor 2" in mail.outbox[-1].body if seats == 0 else True


def test_waitlist_position_in_the_email_counts_priority_ahead_and_behind(areas):
    """The newcomer's position comes from the same statement as the seat count: everyone waiting
    with priority 0 or more is ahead, a lowered priority is behind."""
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=1)
    RegistrationFactory(batch=batch, status=S.ACCEPTED)
    RegistrationFactory(batch=batch, status=S.WAITLISTED, priority=2)
    RegistrationFactory(batch=batch, status=S.WAITLISTED, priority=0)
    RegistrationFactory(batch=batch, status=S.WAITLISTED, priority=-1)
    RegistrationFactory(batch=batch, status=S.CANCELLED)
    user, business = owner_with_business()
    registration = services.registration_create(actor=user, batch=batch, business=business)
    assert registration.status == S.WAITLISTED
    assert services.waitlist_position(registration) == 3
    assert "daftar tunggu nomor 3" in mail.outbox[-1].body


def test_rush_check_refuses_an_overbooked_or_duplicated_batch(areas):
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=2)
    people = [owner_with_business()[1] for _ in range(3)]
    for business in people[:2]:
        RegistrationFactory(batch=batch, business=business, status=S.ACCEPTED)
    RegistrationFactory(batch=batch, business=people[2], status=S.WAITLISTED)
    assert check_batch(batch, [b.pk for b in people]) == {"seats": 2, "waiting": 1, "overbooked": 0}
    with pytest.raises(AssertionError, match="missing"):
        check_batch(batch, [b.pk for b in people] + [owner_with_business()[1].pk])
    Registration.objects.filter(business=people[2]).update(status=S.ACCEPTED)
    with pytest.raises(AssertionError, match="overbooked"):
        check_batch(batch, [b.pk for b in people])


@pytest.mark.parametrize("owner_loaded", [True, False], ids=["owner-loaded", "bare-row"])
def test_ownership_check_without_a_query_still_refuses_another_owners_business(areas, owner_loaded):
    """``may_register`` reads the owner the form's choices carry instead of asking the database;
    either way another owner's business is refused and one's own accepted."""
    from django.core.exceptions import PermissionDenied

    from binaumkm.registry.models import Business

    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=5)
    user, mine = owner_with_business()
    _other, theirs = owner_with_business()
    related = ("owner",) if owner_loaded else ()
    mine, theirs = (Business.objects.select_related(*related).get(pk=b.pk) for b in (mine, theirs))
    with pytest.raises(PermissionDenied):
        services.registration_create(actor=user, batch=batch, business=theirs)
    assert services.registration_create(actor=user, batch=batch, business=mine).status == S.ACCEPTED
