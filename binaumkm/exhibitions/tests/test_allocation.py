"""The fair booth allocation as a service: inputs, quotas by kecamatan and sector, first-timers and
rotation, curation as weight or threshold, the published seed, reproducibility, booths offered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from binaumkm.core.allocation import allocate
from binaumkm.core.models import AuditEntry, Kelurahan
from binaumkm.exhibitions import services
from binaumkm.exhibitions.events import Event
from binaumkm.exhibitions.models import Application, Assignment, AssignmentState, State, Status, Tier
from binaumkm.exhibitions.services.allocation import _inputs, months_before, tiers_for
from binaumkm.exhibitions.tests.factories import (
    VenueFactory,
    apply,
    curator_for,
    exhibition_with_booths,
    owner_with_business,
    to_allocation,
)

pytestmark = pytest.mark.django_db
S = Status


def _kel(kecamatan):
    return Kelurahan.objects.filter(kecamatan__name=kecamatan).order_by("code").first()


@pytest.fixture
def contest(areas, staff_user):
    """4 booths; 6 applicants from Laweyan (crafts), 2 from Jebres (food): curated and awaiting the draw."""
    exhibition = exhibition_with_booths(4, kecamatan_quota_percent=50, sector_quota_percent=50)
    curator = curator_for(exhibition)
    for _ in range(6):
        apply(*owner_with_business(kelurahan=_kel("Laweyan"), category="kerajinan"), exhibition)
    for _ in range(2):
        apply(*owner_with_business(kelurahan=_kel("Jebres"), category="makanan"), exhibition)
    return to_allocation(staff_user, exhibition, curator)


def _placements():
    return list(Application.objects.order_by("id").values_list("id", "status", "rank", "pool"))


def _booths():
    return sorted(Assignment.objects.values_list("application_id", "booth__code"))


def test_republishing_with_the_same_seed_and_inputs_gives_the_same_allocation(contest, staff_user):
    preview = services.allocation_preview(actor=staff_user, exhibition=contest, seed=2024)
    assert Application.objects.filter(status=S.CURATED).count() == 8  # a preview writes nothing
    with transaction.atomic():
        services.allocation_publish(
            actor=staff_user, exhibition=contest, seed=2024, digest=preview.result.digest
        )
        first, first_booths = _placements(), _booths()
        transaction.set_rollback(True)
    contest.refresh_from_db()
    assert contest.state == State.ALLOCATION and not Assignment.objects.exists()
    services.allocation_publish(actor=staff_user, exhibition=contest, seed=2024)
    assert _placements() == first and _booths() == first_booths
    # Anyone with the published seed and inputs reproduces it with the engine itself.
    contest.refresh_from_db()
    assert contest.allocation_seed == 2024 and contest.allocation_summary["digest"] == preview.result.digest
    # A different seed gives a different lottery order.
    with transaction.atomic():
        Application.objects.filter(exhibition=contest).update(status=S.CURATED)
        applicants, quotas, booths, *_ = _inputs(contest)
        other = allocate(applicants, seats=4, quotas=quotas, seed=2025)
        same = allocate(applicants, seats=4, quotas=quotas, seed=2024)
        transaction.set_rollback(True)
    assert [p.id for p in same.placements] == [row[0] for row in sorted(first, key=lambda r: r[2])]
    assert [p.id for p in other.placements] != [p.id for p in same.placements]


def test_publish_offers_booths_with_deadlines_and_a_waiting_list(contest, staff_user):
    draw = services.allocation_publish(actor=staff_user, exhibition=contest, seed=7)
    contest.refresh_from_db()
    assert contest.state == State.CONFIRMED
    offered = Application.objects.filter(status=S.OFFERED)
    assert offered.count() == 4 and Application.objects.filter(status=S.WAITLISTED).count() == 4
    held = Assignment.objects.filter(state=AssignmentState.HELD)
    assert held.count() == 4 and len({a.booth_id for a in held}) == 4
    assert all(a.expires_at > a.offered_at for a in held)
    # 50% of 4 booths per kecamatan: the eligible binaan are 6 in Laweyan and 2 in Jebres, so 2:0 by
    # largest remainder; 50% per sector, split evenly: one for crafts, one for food.
    assert draw.quota_seats == {"kecamatan": 2, "sektor": 2}
    assert draw.result.quotas == {"kecamatan": {_kel("Laweyan").kecamatan_id: 2, _kel("Jebres").kecamatan_id: 0},
                                  "sektor": {"kerajinan": 1, "makanan": 1}}  # fmt: skip
    sectors = set(offered.values_list("sector", flat=True))
    assert sectors == {"kerajinan", "makanan"}, "each sector's reserve was met"
    assert offered.filter(sector="makanan", pool="sektor").exists()
    assert AuditEntry.objects.filter(action=Event.ALLOCATION_PUBLISHED).get().data["seed"] == 7
    assert AuditEntry.objects.filter(action=Event.OFFER_MADE).count() == 4


def test_a_second_draw_is_refused_and_nothing_is_reshuffled(contest, staff_user):
    services.allocation_publish(actor=staff_user, exhibition=contest, seed=1)
    before = _placements()
    contest.refresh_from_db()
    for attempt in (
        lambda: services.allocation_publish(actor=staff_user, exhibition=contest, seed=2),
        lambda: services.allocation_preview(actor=staff_user, exhibition=contest, seed=2),
    ):
        with pytest.raises(ValidationError, match="tidak diacak ulang"):
            attempt()
    assert _placements() == before


def test_a_stale_preview_is_not_published(contest, staff_user):
    preview = services.allocation_preview(actor=staff_user, exhibition=contest, seed=5)
    Application.objects.filter(pk=preview.result.placements[-1].id).update(curation_score=99)
    with pytest.raises(ValidationError, match="berubah sejak pratinjau"):
        services.allocation_publish(
            actor=staff_user, exhibition=contest, seed=5, digest=preview.result.digest
        )


def test_first_timers_come_first_and_rotation_last(areas, staff_user):
    today = datetime.date(2026, 6, 1)
    exhibition = exhibition_with_booths(
        1, kecamatan_quota_percent=0, sector_quota_percent=0, rotation_months=6
    )
    VenueFactory(exhibition=exhibition, start_date=today, end_date=today)  # the first day counts
    people = [owner_with_business() for _ in range(3)]
    # One exhibited 2 months before (rotation), one 2 years before (returning), one never (first-timer).
    for (_user, business), start in zip(
        people[:2], (datetime.date(2026, 4, 1), datetime.date(2024, 4, 1)), strict=True
    ):
        past = exhibition_with_booths(1, state=State.REPORTED)
        past.venues.update(start_date=start, end_date=start)
        Application.objects.create(
            exhibition=past, business=business, sector="kerajinan", status=S.CHECKED_IN
        )
    exhibition.venues.update(start_date=today, end_date=today)
    tiers = tiers_for(exhibition, [b.pk for _u, b in people])
    assert tiers == {people[0][1].pk: Tier.ROTATION, people[1][1].pk: Tier.RETURNING}
    assert months_before(today, 6) == datetime.date(2025, 12, 1)
    curator = curator_for(exhibition)
    for user, business in people:
        apply(user, business, exhibition)
    to_allocation(staff_user, exhibition, curator)
    for seed in range(10):  # whatever the draw, the first-timer is ranked first and rotation last
        draw = services.allocation_preview(actor=staff_user, exhibition=exhibition, seed=seed)
        order = [Application.objects.get(pk=p.id).business_id for p in draw.result.placements]
        assert order == [people[2][1].pk, people[1][1].pk, people[0][1].pk]


def test_curation_threshold_keeps_low_scores_out_of_the_draw(areas, staff_user):
    exhibition = exhibition_with_booths(2, curation_threshold=60)
    curator = curator_for(exhibition)
    low = apply(*owner_with_business(), exhibition)
    high = apply(*owner_with_business(), exhibition)
    services.exhibition_close_call(actor=staff_user, exhibition=exhibition)
    criteria = list(exhibition.criteria.values_list("pk", flat=True))
    services.review_save(actor=curator, application=low, scores=dict.fromkeys(criteria, 2))  # 25 / 100
    services.review_save(actor=curator, application=high, scores=dict.fromkeys(criteria, 5))  # 100 / 100
    services.curation_close(actor=staff_user, exhibition=exhibition)
    low.refresh_from_db(), high.refresh_from_db()
    assert (low.status, low.curation_score) == (S.NOT_PASSED, 25.0)
    assert (high.status, high.curation_score) == (S.CURATED, 100.0)
    exhibition.refresh_from_db()
    draw = services.allocation_publish(actor=staff_user, exhibition=exhibition, seed=3)
    assert [p.id for p in draw.result.placements] == [high.pk]


def test_curation_score_as_weight_favours_higher_scores(areas, staff_user):
    exhibition = exhibition_with_booths(1, curation_weighted=True)
    curator = curator_for(exhibition)
    weak, strong = apply(*owner_with_business(), exhibition), apply(*owner_with_business(), exhibition)
    services.exhibition_close_call(actor=staff_user, exhibition=exhibition)
    criteria = list(exhibition.criteria.values_list("pk", flat=True))
    services.review_save(actor=curator, application=weak, scores=dict.fromkeys(criteria, 2))  # 25
    services.review_save(actor=curator, application=strong, scores=dict.fromkeys(criteria, 4))  # 75
    services.curation_close(actor=staff_user, exhibition=exhibition)
    exhibition.refresh_from_db()
    applicants, quotas, *_ = _inputs(exhibition)
    wins = sum(
        allocate(applicants, seats=1, quotas=quotas, seed=s).selected[0].id == strong.pk for s in range(400)
    )
    assert 260 < wins < 340  # weight 0.75 vs 0.25: about three in four


def test_curation_cannot_close_while_someone_is_unscored(areas, staff_user):
    exhibition = exhibition_with_booths(1)
    apply(*owner_with_business(), exhibition)
    services.exhibition_close_call(actor=staff_user, exhibition=exhibition)
    exhibition.refresh_from_db()
    with pytest.raises(ValidationError, match="1 pendaftar yang memenuhi syarat belum dinilai"):
        services.curation_close(actor=staff_user, exhibition=exhibition)
