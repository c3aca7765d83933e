"""The registry remembers: verification and status are dated history, and "what was business X on
day D" is answered from it (one business, or many businesses and days in a few queries)."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from binaumkm.core.testing import make_user
from binaumkm.registry import selectors, services
from binaumkm.registry.history import BusinessState, Change, Timeline
from binaumkm.registry.models import Business, BusinessStatusChange, BusinessVerificationChange
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

D = datetime.date
STATUSES = ["aktif", "stagnan", "tutup"]
VERIFICATIONS = ["baru", "terverifikasi", "ditolak"]


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# --- Pure: property test against an oracle written from the documented rule ---------------------------

days = st.dates(min_value=D(2024, 1, 1), max_value=D(2024, 3, 1))


def _changes(values):
    return st.lists(st.tuples(days, st.sampled_from(values)), max_size=6).map(
        lambda items: sorted(items, key=lambda item: item[0])
    )


def oracle(events, day, current):
    """The documented rule, written independently: the last change made on or before the day; before
    the first change its old value (the value it was registered with); no history: today's value."""
    if not events:
        return current
    on_or_before = [value for when, value in events if when <= day]
    return on_or_before[-1] if on_or_before else events[0][1]


def _as_changes(events):
    """Registration first (old ""), then each change from the previous value."""
    out, previous = [], ""
    for when, value in events:
        out.append(Change(when, previous, value))
        previous = value
    return tuple(out)


@settings(max_examples=300, deadline=None)
@given(_changes(STATUSES), _changes(VERIFICATIONS), st.sampled_from(STATUSES), st.sampled_from(VERIFICATIONS))
def test_state_on_a_day_and_eligible_ranges_follow_the_documented_rule(status, verification, cur_s, cur_v):
    timeline = Timeline(cur_s, cur_v, _as_changes(status), _as_changes(verification))
    ranges = timeline.eligible_ranges()
    day = D(2023, 12, 25)
    while day <= D(2024, 3, 8):
        state = timeline.on(day)
        assert state == BusinessState(oracle(status, day, cur_s), oracle(verification, day, cur_v))
        expected = state.verification == "terverifikasi" and state.status != "tutup"
        in_range = any((a is None or a <= day) and (b is None or day < b) for a, b in ranges)
        assert in_range == expected, (day, ranges)
        day += datetime.timedelta(days=1)


def test_a_business_without_history_is_today_on_every_day():
    timeline = Timeline("tutup", "terverifikasi")
    assert timeline.on(D(2000, 1, 1)) == BusinessState("tutup", "terverifikasi")
    assert timeline.eligible_ranges() == []


# --- The services write the history ------------------------------------------------------------------


@pytest.mark.django_db
def test_verification_decisions_are_kept_as_dated_history(areas, staff_user):
    owner = make_user("pemilik_umkm", username="+6281200000012", phone="+6281200000012")
    data = {"name": "Batik Lama", "address": "Jl. Baru 1", "kelurahan": BusinessFactory.build().kelurahan,
            "kbli_section": "C", "employees": 1}  # fmt: skip
    business = services.business_create(actor=owner, owner=OwnerFactory(user=owner), data=data)
    services.business_reject(actor=staff_user, business=business, reason="KTP buram")
    services.business_update(
        actor=owner, business=Business.objects.get(pk=business.pk), data={"address": "Jl. 2"}
    )
    services.business_verify(actor=staff_user, business=Business.objects.get(pk=business.pk))
    rows = BusinessVerificationChange.objects.filter(business=business).order_by("changed_at", "id")
    assert [(r.old_verification, r.new_verification) for r in rows] == [
        ("", "baru"),
        ("baru", "ditolak"),
        ("ditolak", "baru"),
        ("baru", "terverifikasi"),
    ]
    assert rows[1].note == "KTP buram" and rows[3].changed_by == staff_user


@pytest.mark.django_db
def test_state_of_a_business_on_a_past_day(areas):
    business = BusinessFactory(status="tutup", verification="terverifikasi")
    BusinessVerificationChange.objects.bulk_create([
        BusinessVerificationChange(business=business, old_verification="", new_verification="baru", changed_at=at(D(2024, 1, 1))),
        BusinessVerificationChange(business=business, old_verification="baru", new_verification="terverifikasi", changed_at=at(D(2024, 2, 1))),
    ])  # fmt: skip
    BusinessStatusChange.objects.bulk_create([
        BusinessStatusChange(business=business, old_status="", new_status="aktif", changed_at=at(D(2024, 1, 1))),
        BusinessStatusChange(business=business, old_status="aktif", new_status="tutup", changed_at=at(D(2025, 6, 18), 23)),
    ])  # fmt: skip
    state = selectors.business_state_on
    assert state(business=business, day=D(2024, 1, 15)) == BusinessState("aktif", "baru")
    assert state(business=business, day=D(2025, 6, 18)) == BusinessState("tutup", "terverifikasi")  # WIB day
    assert state(business=business, day=D(2025, 6, 17)).eligible
    assert selectors.business_timelines([business.pk])[business.pk].eligible_ranges() == [
        (D(2024, 2, 1), D(2025, 6, 18))
    ]


@pytest.mark.django_db
def test_bulk_states_take_a_constant_number_of_queries(areas, django_assert_num_queries):
    businesses = BusinessFactory.create_batch(6)
    for b in businesses:
        BusinessStatusChange.objects.create(
            business=b, old_status="", new_status="aktif", changed_at=at(D(2024, 1, 1))
        )
    pairs = [(b.pk, D(2024, 1, d)) for b in businesses for d in (1, 2, 3)]
    with django_assert_num_queries(3):
        states = selectors.business_states_on(pairs)
    assert len(states) == 18 and all(s.eligible for s in states.values())


@pytest.mark.django_db
def test_migration_backfills_verification_history_from_verified_at(areas):
    migration = importlib.import_module("binaumkm.registry.migrations.0006_verification_history")
    new = BusinessFactory(verification="baru")
    verified = BusinessFactory(verification="terverifikasi")
    Business.objects.filter(pk=verified.pk).update(
        created_at=at(D(2024, 1, 1)), verified_at=at(D(2024, 5, 2))
    )
    migration.backfill(apps, None)
    rows = BusinessVerificationChange.objects.order_by("business_id", "changed_at", "id")
    assert [(r.business_id, r.old_verification, r.new_verification) for r in rows] == [
        (new.pk, "", "baru"),
        (verified.pk, "", "baru"),
        (verified.pk, "baru", "terverifikasi"),
    ]
    timeline = selectors.business_timelines([verified.pk])[verified.pk]
    assert timeline.on(D(2024, 5, 1)).verification == "baru"
    assert timeline.on(D(2024, 5, 2)).verification == "terverifikasi"


@pytest.mark.django_db
def test_staff_page_shows_the_verification_history(areas, staff_user, client):
    business = BusinessFactory(verification="baru")
    services.business_reject(actor=staff_user, business=business, reason="Alamat kurang")
    services.business_verify(actor=staff_user, business=Business.objects.get(pk=business.pk))
    client.force_login(staff_user)
    from django.urls import reverse

    html = client.get(reverse("registry:business_detail", args=[business.pk])).content.decode()
    assert "Riwayat verifikasi" in html
    assert "Ditolak</strong> · Alamat kurang" in html and "Terverifikasi</strong>" in html
