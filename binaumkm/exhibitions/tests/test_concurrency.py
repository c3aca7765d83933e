"""Real concurrency on PostgreSQL: owners accept (some tapping twice) and decline their booth offers at
the same instant while the waiting list is served. No booth is ever held twice (a database
constraint, the last guard), nobody gets two offers, every request ends in a clear answer."""

import datetime
import threading
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binaumkm.exhibitions.models import HOLDING, Application, Assignment, AssignmentState, State, Status
from binaumkm.exhibitions.tests.factories import exhibition_with_booths, owner_with_business

PER_VENUE = 8  # booths at each of the two venues, every one held by an open offer
WAITING = 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_accepts_and_declines_never_hold_a_booth_twice(areas):
    exhibition = exhibition_with_booths(PER_VENUE, venues=2, state=State.CONFIRMED)
    booths = list(exhibition.venues.order_by("id").first().booths.order_by("code")) + list(
        exhibition.venues.order_by("id").last().booths.order_by("code")
    )
    now = timezone.now()
    offers = []
    for rank, booth in enumerate(booths, start=1):
        user, business = owner_with_business()
        app = Application.objects.create(exhibition=exhibition, business=business, sector="kerajinan",
                                         status=Status.OFFERED, rank=rank)  # fmt: skip
        Assignment.objects.create(application=app, booth=booth, venue=booth.venue, state=AssignmentState.HELD,
                                  offered_at=now, expires_at=now + datetime.timedelta(hours=48))  # fmt: skip
        offers.append((user, app))
    waiting = []
    for rank in range(len(booths) + 1, len(booths) + 1 + WAITING):
        _user, business = owner_with_business()
        waiting.append(Application.objects.create(exhibition=exhibition, business=business, sector="kerajinan",
                                                  status=Status.WAITLISTED, rank=rank))  # fmt: skip
    # Half of each venue's exhibitors accept (tapping the button twice), the other half decline.
    requests = []
    for i, (user, app) in enumerate(offers):
        assignment = app.assignments.get()
        if i % 2 == 0:
            requests += [(user, reverse("exhibitions:offer_accept", args=[app.pk]), assignment.pk)] * 2
        else:
            requests.append((user, reverse("exhibitions:offer_decline", args=[app.pk]), assignment.pk))

    barrier = threading.Barrier(len(requests))
    outcomes, errors = [], []

    def post(user, url, assignment_id):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=60)
            outcomes.append(client.post(url, {"assignment": assignment_id}).status_code)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=r) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)

    assert errors == []
    assert outcomes == [302] * len(requests)  # every request ended in a clear answer, none failed
    holding = Assignment.objects.filter(application__exhibition=exhibition, state__in=HOLDING)
    assert max(Counter(holding.values_list("booth_id", flat=True)).values()) == 1
    assert holding.count() == len(booths)  # every booth still in use: accepted or re-offered
    accepted = Application.objects.filter(exhibition=exhibition, status=Status.ACCEPTED)
    assert accepted.count() == len(booths) // 2
    assert holding.filter(state=AssignmentState.ASSIGNED).count() == len(booths) // 2
    # The waiting list was served in order, each of the first eight offered exactly one booth.
    offered = Counter(holding.filter(application__in=waiting).values_list("application_id", flat=True))
    assert sorted(offered) == [a.pk for a in waiting[: len(booths) // 2]]
    assert set(offered.values()) == {1}
    assert (
        Application.objects.filter(
            pk__in=[a.pk for a in waiting[len(booths) // 2 :]], status=Status.WAITLISTED
        ).count()
        == 4
    )
