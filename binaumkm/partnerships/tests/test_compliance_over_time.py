"""Compliance judged with the facts of each day: a partnership counts on a day when its UMKM was
verified and not closed *on that day* (registry history), so "since" dates, day counts, letters and
the month-end chart never move into the past when a partner changes today."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from binaumkm.partnerships import compliance, selectors
from binaumkm.partnerships.compliance import Interval
from binaumkm.partnerships.services import letters
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory, partners
from binaumkm.registry import services as registry_services
from binaumkm.registry.history import Change, Timeline

D = datetime.date
START = D(2024, 1, 1)


# --- Property: the pure engine against an oracle written from the documented rules ---------------------

day_offsets = st.integers(min_value=0, max_value=60)


@st.composite
def worlds(draw):
    """Random partnerships of one store and random registry histories of their UMKM."""
    n_business = draw(st.integers(min_value=1, max_value=4))
    partnerships = []
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        start = START + datetime.timedelta(days=draw(day_offsets))
        length = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=40)))
        end = None if length is None else start + datetime.timedelta(days=length)
        partnerships.append(Interval(draw(st.integers(1, n_business)), start, end))
    histories = {}
    for business_id in range(1, n_business + 1):
        events = {}
        for key, values in (
            ("status", ["aktif", "stagnan", "tutup"]),
            ("verification", ["baru", "terverifikasi"]),
        ):
            offsets = sorted(draw(st.lists(day_offsets, max_size=3)))
            events[key] = [
                (START + datetime.timedelta(days=o), draw(st.sampled_from(values))) for o in offsets
            ]
        histories[business_id] = events
    return partnerships, histories, draw(st.integers(min_value=1, max_value=3))


def _timeline(events) -> Timeline:
    def changes(pairs):
        out, previous = [], ""
        for day, value in pairs:
            out.append(Change(day, previous, value))
            previous = value
        return tuple(out)

    return Timeline("aktif", "terverifikasi", changes(events["status"]), changes(events["verification"]))


def _oracle_value(pairs, day, current):
    if not pairs:
        return current
    before = [value for when, value in pairs if when <= day]
    return before[-1] if before else pairs[0][1]


def _oracle_count(partnerships, histories, day) -> int:
    counting = set()
    for iv in partnerships:
        events = histories[iv.business_id]
        verified = _oracle_value(events["verification"], day, "terverifikasi") == "terverifikasi"
        open_ = _oracle_value(events["status"], day, "aktif") != "tutup"
        if iv.start <= day and (iv.end is None or day < iv.end) and verified and open_:
            counting.add(iv.business_id)
    return len(counting)


@settings(max_examples=200, deadline=None)
@given(worlds(), day_offsets)
def test_state_and_since_follow_each_days_registry_facts(world, today_offset):
    partnerships, histories, required = world
    today = START + datetime.timedelta(days=today_offset)
    ranges = {b: _timeline(events).eligible_ranges() for b, events in histories.items()}
    state = compliance.evaluate(
        compliance.counting(partnerships, ranges), required=required, start=START, today=today
    )
    ok = [_oracle_count(partnerships, histories, START + datetime.timedelta(days=i)) >= required
          for i in range(today_offset + 1)]  # fmt: skip
    since = today_offset
    while since > 0 and ok[since - 1] == ok[today_offset]:
        since -= 1
    assert state.compliant == ok[today_offset]
    assert state.active == _oracle_count(partnerships, histories, today)
    assert state.since == START + datetime.timedelta(days=since)
    assert state.days_in_state == today_offset - since


@settings(max_examples=100, deadline=None)
@given(worlds(), st.lists(st.tuples(day_offsets, st.one_of(st.none(), day_offsets)), min_size=1, max_size=4))
def test_month_end_series_counts_each_store_open_on_that_day(world, store_dates):
    partnerships, histories, required = world
    ranges = {b: _timeline(events).eligible_ranges() for b, events in histories.items()}
    intervals = compliance.counting(partnerships, ranges)
    stores = []
    for i, (opened, closed) in enumerate(store_dates):
        closed_on = None if closed is None or closed <= opened else START + datetime.timedelta(days=closed)
        stores.append((i, START + datetime.timedelta(days=opened), closed_on, required))
    days = [START + datetime.timedelta(days=d) for d in (0, 20, 31, 45, 59)]
    series = compliance.series(stores, {s[0]: intervals for s in stores}, days=days)
    for day, ok, short in series:
        open_stores = [s for s in stores if s[1] <= day and (s[2] is None or day < s[2])]
        expected_ok = len(open_stores) if _oracle_count(partnerships, histories, day) >= required else 0
        assert (ok, short) == (expected_ok, len(open_stores) - expected_ok)


# --- The scenarios of issue 18 ---------------------------------------------------------------------


@pytest.mark.django_db
def test_regression_partner_closed_today_makes_the_store_non_compliant_since_today(areas, staff_user):
    """Issue 18, scenario 1: compliant since 2022-03-25 with 5 partners; one partner closes today. The
    store is non-compliant since today (0 days), not since the start of its history, and the letter
    issued today records today; a partner un-verified later does not change the letter."""
    today = timezone.localdate()
    store = StoreFactory(opened_on=D(2022, 1, 1))
    found = partners(store, 4, start=D(2022, 1, 10)) + partners(store, 1, start=D(2022, 3, 25))
    before = selectors.store_compliance(actor=staff_user, store=store, today=today)
    assert (before.compliant, before.since) == (True, D(2022, 3, 25))

    registry_services.business_set_status(actor=staff_user, business=found[0].business, status="tutup")
    state = selectors.store_compliance(actor=staff_user, store=store, today=today)
    assert (state.compliant, state.active, state.since, state.days_out_of_compliance) == (False, 4, today, 0)
    assert selectors.store_compliance(
        actor=staff_user, store=store, today=today - datetime.timedelta(days=1)
    ).compliant

    letter = letters.letter_create(actor=staff_user, store=store, today=today)
    assert (letter.non_compliant_since, letter.active_partners) == (today, 4)
    registry_services.business_set_status(actor=staff_user, business=found[1].business, status="tutup")
    letter.refresh_from_db()
    assert (letter.non_compliant_since, letter.active_partners) == (today, 4)


@pytest.mark.django_db
def test_regression_chart_keeps_a_closed_store_in_the_months_it_was_open(areas, staff_user):
    """Issue 18, scenario 3: the dashboard's default "open stores" filter must not drop a store closed
    in August from the January–July month-ends of the chart."""
    open_store = StoreFactory(opened_on=D(2025, 1, 1))
    partners(open_store, 5, start=D(2025, 1, 1))
    StoreFactory(opened_on=D(2025, 1, 1), status="tutup", closed_on=D(2026, 8, 15))  # no partners
    overview = selectors.compliance_overview(actor=staff_user, filters={}, today=D(2026, 12, 1))
    by_month = {day.month: (ok, short) for day, ok, short in overview.chart}
    assert by_month[1] == (1, 1) and by_month[7] == (1, 1)
    assert by_month[8] == (1, 0) and by_month[12] == (1, 0)
    assert overview.total == 1  # the list itself still shows open stores only


@pytest.mark.django_db
def test_a_partner_verified_later_counts_only_from_its_verification(areas, staff_user):
    store = StoreFactory(opened_on=D(2022, 1, 1))
    partners(store, 4, start=D(2022, 1, 10))
    late = PartnershipFactory(store=store, start_date=D(2022, 1, 10))
    late.business.verification = "baru"
    late.business.save()
    registry_services.business_verify(actor=staff_user, business=late.business)
    today = timezone.localdate()
    state = selectors.store_compliance(actor=staff_user, store=store, today=today)
    assert (state.compliant, state.since) == (True, today)
