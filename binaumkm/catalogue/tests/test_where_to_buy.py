"""'Where to buy it in Solo': the stores displaying a product (active partnerships of open stores)
and the outlets holding it in stock now (consignment balances), gathered through the
``where_to_buy`` hook of each module."""

import pytest
from django.urls import reverse

from binaumkm.catalogue import selectors
from binaumkm.consignment.models import Outlet
from binaumkm.consignment.tests.factories import AgreementProductFactory, days_ago, deliver
from binaumkm.core.testing import assert_constant_queries, make_user
from binaumkm.partnerships.models import PartnershipStatus
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory

from .factories import public_listing

pytestmark = pytest.mark.django_db


def test_the_product_page_lists_the_stores_displaying_it_and_the_outlets_holding_it(client, staff_user):
    listing = public_listing(name="Serabi Notosuman")
    business, product = listing.business, listing.product
    shown = PartnershipFactory(store=StoreFactory(name="Indomaret Slamet Riyadi"), business=business)
    shown.products.add(product)
    ended = PartnershipFactory(
        store=StoreFactory(name="Alfamart Lama"), business=business, status=PartnershipStatus.ENDED
    )
    ended.products.add(product)
    closed = PartnershipFactory(store=StoreFactory(name="Toko Tutup", status="tutup"), business=business)
    closed.products.add(product)
    item = AgreementProductFactory(
        agreement__outlet__name="Hotel Alila", agreement__business=business, product=product
    )
    deliver(staff_user, item, 5)
    sold_out = AgreementProductFactory(
        agreement__outlet__name="Hotel Habis", agreement__business=business, product=product
    )
    deliver(staff_user, sold_out, 3, expiry=days_ago(1))  # expired stock is not for sale
    AgreementProductFactory(
        agreement__outlet__name="Pusat Oleh-oleh Kosong", agreement__business=business, product=product
    )

    page = client.get(reverse("catalogue:listing", args=[listing.pk, listing.slug])).content.decode()
    assert "Indomaret Slamet Riyadi" in page and "Hotel Alila" in page
    for absent in ("Alfamart Lama", "Toko Tutup", "Hotel Habis", "Pusat Oleh-oleh Kosong"):
        assert absent not in page
    Outlet.objects.filter(name="Hotel Alila").update(is_active=False)
    assert [p.name for p in selectors.where_to_buy(listing)] == ["Indomaret Slamet Riyadi"]


def test_the_hook_answers_in_a_fixed_number_of_queries():
    listings = []
    make_user("staf_dinas", username="staf-w")

    def grow(n):
        while len(listings) < n:
            listing = public_listing(name=f"Produk {len(listings)}")
            PartnershipFactory(business=listing.business).products.add(listing.product)
            listings.append(listing)

    from binaumkm.core import hooks

    assert_constant_queries(
        lambda: hooks.where_to_buy([item.product_id for item in listings]), grow, small=2, large=12
    )
