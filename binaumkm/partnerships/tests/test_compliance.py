"""The compliance rules: distinct verified UMKM, only active partnerships, ended ones stop counting
on their end date; status history derived from start and end events."""

import datetime

import pytest

from binaumkm.partnerships import compliance, selectors
from binaumkm.partnerships.compliance import Interval
from binaumkm.partnerships.models import PartnershipStatus
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory, partners
from binaumkm.registry.tests.factories import BusinessFactory

D = datetime.date
TODAY = D(2026, 6, 1)


# --- Pure engine -----------------------------------------------------------------------------------


def test_count_is_of_distinct_umkm():
    intervals = [Interval(1, D(2025, 1, 1)), Interval(1, D(2025, 2, 1)), Interval(2, D(2025, 1, 1))]
    assert compliance.count_on(intervals, D(2025, 3, 1)) == 2


def test_ended_partnership_stops_counting_on_its_end_date():
    intervals = [Interval(1, D(2025, 1, 1), D(2025, 5, 10))]
    assert compliance.count_on(intervals, D(2025, 5, 9)) == 1
    assert compliance.count_on(intervals, D(2025, 5, 10)) == 0


def test_future_start_does_not_count_yet():
    assert compliance.count_on([Interval(1, D(2026, 7, 1))], TODAY) == 0


def test_history_periods_and_since():
    five = [Interval(b, D(2024, 3, 1)) for b in range(1, 5)] + [Interval(5, D(2024, 6, 1), D(2025, 2, 1))]
    state = compliance.evaluate(five, required=5, start=D(2024, 1, 1), today=TODAY)
    assert [(p.start, p.end, p.compliant) for p in state.periods] == [
        (D(2024, 1, 1), D(2024, 6, 1), False),
        (D(2024, 6, 1), D(2025, 2, 1), True),
        (D(2025, 2, 1), None, False),
    ]
    assert (state.active, state.compliant, state.since) == (4, False, D(2025, 2, 1))
    assert state.days_out_of_compliance == (TODAY - D(2025, 2, 1)).days
    assert state.periods[0].low == 0 and state.periods[0].high == 4


def test_same_business_overlapping_is_one_partner():
    intervals = [Interval(1, D(2024, 1, 1), D(2024, 12, 1)), Interval(1, D(2024, 6, 1))]
    segments = compliance.segments(intervals, start=D(2024, 1, 1), today=TODAY)
    assert segments == [(D(2024, 1, 1), None, 1)]  # never 2, never a gap


def test_month_ends_and_series():
    days = compliance.month_ends(D(2026, 3, 15), 3)
    assert days == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 15)]
    stores = [(1, D(2020, 1, 1), None, 1), (2, D(2026, 2, 10), None, 1), (3, D(2020, 1, 1), D(2026, 2, 1), 1)]
    series = compliance.series(stores, {1: [Interval(9, D(2026, 2, 1))]}, days=days)
    assert series == [(days[0], 0, 2), (days[1], 1, 1), (days[2], 1, 1)]


# --- From the database -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_only_active_partnerships_with_verified_open_umkm_count(areas, staff_user):
    store = StoreFactory()
    partners(store, 3)
    PartnershipFactory(store=store, status=PartnershipStatus.PROPOSED)
    PartnershipFactory(store=store, status=PartnershipStatus.ACCEPTED)
    PartnershipFactory(store=store, status=PartnershipStatus.CONFIRMED)
    PartnershipFactory(store=store, status=PartnershipStatus.DECLINED)
    PartnershipFactory(store=store, business=BusinessFactory(verification="baru"))
    PartnershipFactory(store=store, business=BusinessFactory(status="tutup"))
    state = selectors.store_compliance(actor=staff_user, store=store, today=TODAY)
    assert (state.active, state.compliant) == (3, False)
    partners(store, 2)
    assert selectors.store_compliance(actor=staff_user, store=store, today=TODAY).compliant


@pytest.mark.django_db
def test_two_partnerships_with_one_umkm_count_once(areas, staff_user):
    store = StoreFactory()
    business = BusinessFactory()
    partners(store, 4)
    PartnershipFactory(store=store, business=business, status=PartnershipStatus.ENDED, end_date=D(2027, 1, 1))
    PartnershipFactory(store=store, business=business, start_date=D(2021, 1, 1))
    assert selectors.store_compliance(actor=staff_user, store=store, today=TODAY).active == 5
    third = BusinessFactory()
    PartnershipFactory(store=store, business=third, status=PartnershipStatus.ENDED, end_date=D(2026, 5, 1))
    assert selectors.store_compliance(actor=staff_user, store=store, today=TODAY).active == 5


@pytest.mark.django_db
def test_ended_partnership_makes_store_non_compliant_from_end_date(areas, staff_user):
    store = StoreFactory()
    partners(store, 4)
    ended = PartnershipFactory(store=store, status=PartnershipStatus.ENDED, end_date=D(2026, 3, 1))
    assert selectors.store_compliance(actor=staff_user, store=store, today=D(2026, 2, 28)).compliant
    state = selectors.store_compliance(actor=staff_user, store=store, today=D(2026, 3, 1))
    assert not state.compliant and state.since == D(2026, 3, 1) and state.days_in_state == 0
    assert ended.end_date == state.since


@pytest.mark.django_db
def test_minimum_is_a_setting_per_store_type(areas, staff_user, settings, monkeypatch):
    store = StoreFactory(store_type="hypermarket")
    partners(store, 5)
    assert selectors.store_compliance(actor=staff_user, store=store, today=TODAY).compliant
    settings.BINAUMKM = {**settings.BINAUMKM, "PARTNERSHIPS": {"MIN_PARTNERS_BY_TYPE": {"hypermarket": 8}}}
    state = selectors.store_compliance(actor=staff_user, store=store, today=TODAY)
    assert (state.required, state.compliant) == (8, False)
    # The environment variable is read when the value is used (same name as before the settings helper).
    monkeypatch.setenv("BINAUMKM_PARTNERSHIPS_MIN_PARTNERS", "3")
    assert selectors.store_compliance(actor=staff_user, store=StoreFactory(), today=TODAY).required == 3
