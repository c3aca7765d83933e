"""Real concurrency on PostgreSQL: officers pressing "record disbursement" at the same moment never
make a referral reach "disbursed" twice."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.financing.events import Event
from binaumkm.financing.models import FollowUp, Referral, ReferralState

from .factories import officer, referral_to

REQUESTS = 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_referral_cannot_reach_disbursed_twice(world):
    """Twelve requests from the branch's officers race for one approved referral: one records the
    disbursal, the others get a clear refusal. Both the row lock and the database's unique index on
    the disbursal step stand behind this; the test fails only if both are gone."""
    referral = referral_to(ReferralState.APPROVED, owner=world.owner, business=world.business, scheme=world.scheme,
                           branch=world.branch, staff=world.staff, officer=world.officer)  # fmt: skip
    officers = [world.officer] + [officer(world.branch, f"petugas.konkuren{i}") for i in range(3)]
    url = reverse("financing:bank_step", args=[referral.pk, "cairkan"])
    barrier = threading.Barrier(REQUESTS)
    outcomes, errors = [], []

    def disburse(i):
        try:
            client = Client()
            client.force_login(officers[i % len(officers)])
            barrier.wait(timeout=60)
            response = client.post(url, {"amount": "25.000.000", "disbursed_on": timezone.localdate().isoformat(),
                                         "contract_number": f"AK-{i}"}, follow=True)  # fmt: skip
            outcomes.append((response.status_code, "Pencairan dicatat." in response.content.decode()))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=disburse, args=(i,)) for i in range(REQUESTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)

    assert errors == []
    assert [status for status, _ok in outcomes] == [200] * REQUESTS  # every request ended in a clear page
    assert sum(ok for _status, ok in outcomes) == 1
    referral.refresh_from_db()
    assert referral.state == ReferralState.DISBURSED
    assert referral.steps.filter(to_state=ReferralState.DISBURSED).count() == 1
    assert AuditEntry.objects.filter(action=Event.REFERRAL_DISBURSED, object_id=str(referral.pk)).count() == 1
    assert FollowUp.objects.filter(referral=referral).count() == 3
    assert Referral.objects.filter(pk=referral.pk, contract_number__startswith="AK-").count() == 1
