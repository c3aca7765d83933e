"""The kept compliance of each store (``compliance_state``): the dashboard reads one row per store;
a change to a partnership, a store or one of its UMKM is seen on the next read, in the same
transaction as the change; the daily refresh judges every store in a few queries."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from binaumkm.partnerships import selectors, services
from binaumkm.partnerships.models import ComplianceState, PartnershipStatus
from binaumkm.partnerships.tests.factories import StoreFactory, partners
from binaumkm.registry.choices import BusinessStatus
from binaumkm.registry.services import business_set_status

pytestmark = pytest.mark.django_db


def row_of(staff, store):
    (row,) = list(selectors.compliance_overview(actor=staff, filters={"q": store.name}).rows)
    return row


def test_the_dashboard_reads_a_kept_row_and_judges_only_what_is_missing(staff_user, areas):
    store = StoreFactory(name="Toko Kept")
    partners(store, 5)
    assert not ComplianceState.objects.filter(store=store).exists()
    assert row_of(staff_user, store).state.compliant  # first read judges and keeps it
    kept = ComplianceState.objects.get(store=store)
    assert (kept.as_of, kept.active, kept.required) == (timezone.localdate(), 5, 5)
    with CaptureQueriesContext(connection) as queries:
        row_of(staff_user, store)
    assert not any("INSERT" in q["sql"] for q in queries), "a current row is read, not judged again"


def test_ending_a_partnership_is_seen_at_once(staff_user, areas):
    store = StoreFactory(name="Toko Berakhir")
    active = partners(store, 5)
    assert row_of(staff_user, store).state.compliant
    services.partnership_end(
        actor=staff_user, partnership=active[0], end_date=timezone.localdate(), reason="Toko tutup rak."
    )
    state = row_of(staff_user, store).state
    assert (state.compliant, state.active) == (False, 4)


def test_a_closed_umkm_stops_counting_for_its_stores(staff_user, areas):
    store = StoreFactory(name="Toko UMKM Tutup")
    first, *_ = partners(store, 5, start=datetime.date(2020, 1, 1))
    assert row_of(staff_user, store).state.active == 5
    business_set_status(
        actor=staff_user, business=first.business, status=BusinessStatus.CLOSED, reason="Bangkrut"
    )
    assert row_of(staff_user, store).state.active == 4


def test_a_kept_row_of_yesterday_is_judged_again(staff_user, areas):
    store = StoreFactory(name="Toko Kemarin")
    partners(store, 2)
    row_of(staff_user, store)
    ComplianceState.objects.filter(store=store).update(
        as_of=timezone.localdate() - datetime.timedelta(days=1), days_in_state=0
    )
    state = row_of(staff_user, store).state
    assert state.as_of == timezone.localdate() and state.days_in_state > 0


def test_a_changed_minimum_judges_again(staff_user, areas, settings):
    store = StoreFactory(name="Toko Aturan", store_type="minimarket")
    partners(store, 5)
    assert row_of(staff_user, store).state.compliant
    settings.BINAUMKM = {**settings.BINAUMKM, "PARTNERSHIPS": {"MIN_PARTNERS_BY_TYPE": {"minimarket": 6}}}
    state = row_of(staff_user, store).state
    assert (state.required, state.compliant) == (6, False)


def test_the_daily_refresh_judges_every_store_in_a_few_queries(areas):
    for i in range(30):
        partners(StoreFactory(), i % 7, status=PartnershipStatus.ACTIVE)
    with CaptureQueriesContext(connection) as queries:
        call_command("compliance_refresh", stdout=io.StringIO())
    assert ComplianceState.objects.count() == 30
    assert len(queries) <= 12
