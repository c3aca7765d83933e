"""Real concurrency on PostgreSQL: the last free slot of a mentor given away twice at the same moment
(two members of staff confirming their proposals), and a rush of thirty: one succeeds, the others get
a clear message, the capacity holds. The mentor's row lock in ``engagement_assign`` is what serialises
them: without it both count one free slot and both write."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from binaumkm.accounts.roles import Role
from binaumkm.core.testing import make_user
from binaumkm.mentoring import services
from binaumkm.mentoring.models import Engagement, EngagementState
from binaumkm.registry.tests.factories import BusinessFactory

from .factories import EngagementFactory, MentorFactory, ProgrammeFactory, kelurahan


def run_together(jobs):
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def work(i, job):
        try:
            barrier.wait(timeout=60)
            results[i] = job()
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert errors == []
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_giving_away_the_last_slot_at_once(areas):
    programme = ProgrammeFactory()
    mentor = MentorFactory(home_kelurahan=kelurahan("Pajang"), capacity=2)
    EngagementFactory(mentor=mentor, programme=programme, state=EngagementState.ACTIVE)  # one slot left
    staff = [make_user(Role.STAFF, username=f"staf.{i}") for i in (1, 2)]
    runs = [
        services.balance_run_create(actor=user, programme=programme, scope="Pajang",
                                    business_ids=[BusinessFactory(kelurahan=kelurahan("Pajang")).pk])
        for user in staff
    ]  # fmt: skip
    assert all(run.proposals[0]["mentor"] == mentor.pk for run in runs)

    def confirm(user, run):
        def job():
            client = Client()
            client.force_login(user)
            response = client.post(
                reverse("mentoring:balance_confirm", args=[run.pk]), {"all": "1"}, follow=True
            )
            return response.content.decode()

        return job

    pages = run_together([confirm(user, run) for user, run in zip(staff, runs, strict=True)])
    succeeded = [p for p in pages if "1 UMKM dirujuk ke pendamping" in p]
    refused = [p for p in pages if "sudah penuh (2 dari 2 pendampingan aktif). Pilih pendamping lain." in p]
    assert len(succeeded) == 1 and len(refused) == 1
    assert Engagement.objects.filter(mentor=mentor, state__in=EngagementState.open_values()).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_rush_of_thirty_assignments_for_one_slot(areas):
    programme = ProgrammeFactory()
    mentor = MentorFactory(capacity=1)
    staff = make_user(Role.STAFF, username="staf.rush")
    businesses = BusinessFactory.create_batch(30)

    def assign(business):
        def job():
            try:
                services.engagement_assign(actor=staff, business=business, mentor=mentor, programme=programme)
            except ValidationError as exc:
                return exc.messages[0]
            return "ok"

        return job

    results = run_together([assign(b) for b in businesses])
    assert results.count("ok") == 1
    assert all("sudah penuh" in r for r in results if r != "ok")
    assert Engagement.objects.filter(mentor=mentor).count() == 1
