"""Matchmaking against the database: who is a candidate, reports of what cannot be filled, offers in
bulk (checked again), and the explanation carried to the owner."""

import datetime

import pytest
from django.core import mail

from binaumkm.core.models import AuditEntry, Kelurahan
from binaumkm.partnerships.events import Event
from binaumkm.partnerships.models import MatchRun, Partnership, PartnershipStatus
from binaumkm.partnerships.services import matchmaking
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory, partners
from binaumkm.registry.tests.factories import BusinessFactory, ProductFactory

pytestmark = pytest.mark.django_db


def ready_food(**business):
    b = BusinessFactory(**business)
    ProductFactory(
        business=b, category="makanan", pirt_number="206337201234521", halal_number="ID33720000012345"
    )
    return b


def test_candidates_are_verified_open_and_retail_ready(staff_user, areas):
    store = StoreFactory()
    partners(store, 3)
    good = ready_food()
    ready_food(verification="baru")  # unverified
    ready_food(status="tutup")  # closed
    no_licence = BusinessFactory()
    ProductFactory(business=no_licence, category="makanan")  # food without P-IRT/BPOM
    service_only = BusinessFactory()
    ProductFactory(business=service_only, category="jasa")  # not sold in a minimarket
    no_price = BusinessFactory()
    ProductFactory(business=no_price, category="kerajinan", price=0)
    run = matchmaking.match_run_create(actor=staff_user, stores=[store])
    assert [p["business"] for p in run.proposals] == [good.pk]
    assert run.unfilled == [{"store": store.pk, "store_name": store.name, "open": 1}]
    assert run.stats["demand"] == 2 and run.stats["filled"] == 1
    assert AuditEntry.objects.filter(action=Event.MATCH_RUN, object_id=str(run.pk)).exists()


def test_licence_on_the_business_counts_for_its_food_products(staff_user, areas):
    store = StoreFactory()
    b = BusinessFactory(pirt_number="206337201234521", pirt_expiry=datetime.date(2099, 1, 1))
    ProductFactory(business=b, category="makanan")
    expired = BusinessFactory(pirt_number="206337201234522", pirt_expiry=datetime.date(2020, 1, 1))
    ProductFactory(business=expired, category="makanan")
    run = matchmaking.match_run_create(actor=staff_user, stores=[store])
    assert [p["business"] for p in run.proposals] == [b.pk]


def test_existing_partners_offers_and_declines_are_not_proposed_again(staff_user, areas):
    store = StoreFactory()
    partnered, offered, declined, fresh = (ready_food() for _ in range(4))
    PartnershipFactory(store=store, business=partnered)
    PartnershipFactory(store=store, business=offered, status=PartnershipStatus.PROPOSED)
    PartnershipFactory(store=store, business=declined, status=PartnershipStatus.DECLINED)
    run = matchmaking.match_run_create(actor=staff_user, stores=[store])
    assert [p["business"] for p in run.proposals] == [fresh.pk]
    # 5 required - 1 active - 1 offer under way = 3 wanted, 1 found
    assert run.unfilled[0]["open"] == 2


def test_nearer_umkm_ranks_first_and_reasons_say_why(staff_user, areas):
    kel = Kelurahan.objects.select_related("kecamatan").get(name="Kauman")
    store = StoreFactory(kelurahan=kel)
    partners(store, 4)
    far = ready_food(kelurahan=Kelurahan.objects.exclude(kecamatan=kel.kecamatan).first())
    near = ready_food(kelurahan=kel)
    run = matchmaking.match_run_create(actor=staff_user, stores=[store])
    assert [p["business"] for p in run.proposals] == [near.pk]
    codes = [code for code, _ in run.proposals[0]["reasons"]]
    assert (
        "same_kelurahan" in codes
        and "halal" in codes
        and far.pk not in [p["business"] for p in run.proposals]
    )


def test_all_non_compliant_stores_at_once_and_compliant_ones_skipped(staff_user, areas):
    compliant = StoreFactory()
    partners(compliant, 5)
    short_a, short_b = StoreFactory(), StoreFactory()
    partners(short_a, 4)
    partners(short_b, 3)
    for _ in range(6):
        ready_food()
    run = matchmaking.match_run_create(actor=staff_user)
    stores = {p["store"] for p in run.proposals}
    assert stores == {short_a.pk, short_b.pk}
    assert sum(1 for p in run.proposals if p["store"] == short_b.pk) == 2
    assert run.unfilled == []


def test_offers_in_bulk_are_checked_again_and_notify_owners(
    staff_user, areas, django_capture_on_commit_callbacks
):
    store = StoreFactory()
    partners(store, 3)
    a = ready_food()
    a.owner.email = "pemilik@example.com"
    a.owner.save()
    b = ready_food()
    run = matchmaking.match_run_create(actor=staff_user, stores=[store])
    assert len(run.proposals) == 2
    b.verification = "ditolak"  # changed since the run
    b.save()
    with django_capture_on_commit_callbacks(execute=True):
        created, refused = matchmaking.offers_from_run(actor=staff_user, run=run, indexes=[0, 1], form="konsinyasi",
                                                       start_date=datetime.date(2026, 7, 1))  # fmt: skip
    assert [p.business for p in created] == [a]
    assert "belum terverifikasi" in refused[0][1]
    offer = created[0]
    assert offer.status == PartnershipStatus.PROPOSED and offer.match_run == run and offer.reasons
    assert offer.products.count() == 1
    run.refresh_from_db()
    assert run.offered == [run.proposals.index(next(p for p in run.proposals if p["business"] == a.pk))]
    assert [m.to for m in mail.outbox] == [["pemilik@example.com"]]
    # Offering the same proposal again does nothing.
    again, _ = matchmaking.offers_from_run(actor=staff_user, run=run, indexes=[0, 1], form="konsinyasi",
                                           start_date=datetime.date(2026, 7, 1))  # fmt: skip
    assert again == [] and Partnership.objects.filter(business=a).count() == 1


def test_capacity_per_umkm_across_stores(staff_user, areas, monkeypatch):
    from binaumkm.partnerships import conf

    stores = [StoreFactory() for _ in range(4)]
    only = ready_food()
    run = matchmaking.match_run_create(actor=staff_user, stores=stores)
    assert len(run.proposals) == conf.MATCH_NEW_STORES_PER_UMKM == 2
    PartnershipFactory.create_batch(6, business=only)  # already at the maximum
    assert MatchRun.objects.count() == 1
    run = matchmaking.match_run_create(actor=staff_user, stores=stores)
    assert run.proposals == []


def test_offer_refused_when_the_pair_was_recorded_meanwhile(staff_user, areas):
    store = StoreFactory()
    partners(store, 4)
    business = ready_food()
    run = matchmaking.match_run_create(actor=staff_user, stores=[store])
    PartnershipFactory(store=store, business=business, status=PartnershipStatus.PROPOSED)
    created, refused = matchmaking.offers_from_run(actor=staff_user, run=run, indexes=[0], form="pasokan",
                                                   start_date=datetime.date(2026, 7, 1))  # fmt: skip
    assert created == [] and "sudah bermitra atau sedang ditawari" in refused[0][1]
    assert AuditEntry.objects.filter(action=Event.OFFER_CREATED).count() == 0
