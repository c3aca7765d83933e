"""List pages keep the same number of queries at 10 and at 500 rows."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from binaumkm.consignment.models import Outlet, Sale, Settlement, SettlementLine, StockEntry
from binaumkm.core.testing import assert_constant_queries, make_user
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

from . import bulk
from .factories import OutletFactory

pytestmark = pytest.mark.django_db


def fetch(client, url):
    def go():
        response = client.get(url)
        assert response.status_code == 200
        return response

    return go


def test_outlet_list(staff_client, areas):
    def grow(n):
        for _ in range(n - Outlet.objects.count()):
            OutletFactory()

    assert_constant_queries(fetch(staff_client, reverse("consignment:outlet_list")), grow)


def test_stock_page(client, partner_user, outlet):
    business = BusinessFactory()
    client.force_login(partner_user)

    def grow(n):
        bulk.stock(outlet, business, n - bulk_batches(business).count())

    assert_constant_queries(fetch(client, reverse("consignment:outlet_stock", args=[outlet.pk])), grow)


def test_sales_entry_page(client, partner_user, outlet):
    business = BusinessFactory()
    client.force_login(partner_user)

    def grow(n):
        bulk.stock(outlet, business, n - bulk_batches(business).count())

    assert_constant_queries(fetch(client, reverse("consignment:sales_entry", args=[outlet.pk])), grow)


def test_sales_list_and_ledger(client, partner_user, outlet):
    batch = bulk.stock(outlet, BusinessFactory(), 1)[0]
    client.force_login(partner_user)

    def grow_sales(n):
        bulk.sales(batch, n - Sale.objects.count())

    assert_constant_queries(fetch(client, reverse("consignment:sales_list", args=[outlet.pk])), grow_sales)

    def grow_entries(n):
        bulk.stock(outlet, batch.business, n - StockEntry.objects.count())

    assert_constant_queries(fetch(client, reverse("consignment:ledger", args=[outlet.pk])), grow_entries)


def test_settlement_detail_and_owner_overview(staff_client, client, outlet):
    businesses = bulk.businesses(500)
    made = bulk.settlement_lines(outlet, [])

    def grow(n):
        have = SettlementLine.objects.count()
        bulk_lines = businesses[have:n]
        SettlementLine.objects.bulk_create(
            [
                SettlementLine(
                    settlement=made,
                    business=b,
                    gross=10_000,
                    commission=2_000,
                    net=8_000,
                    quantity=1,
                    sale_count=1,
                )
                for b in bulk_lines
            ]  # fmt: skip
        )

    assert_constant_queries(
        fetch(staff_client, reverse("consignment:settlement_detail", args=[made.pk])), grow
    )

    def grow_settlements(n):
        have = Settlement.objects.count()
        Settlement.objects.bulk_create(
            [
                Settlement(
                    outlet=outlet,
                    period_start=date(2000, 1, 1) + timedelta(days=i),
                    period_end=date(2000, 1, 1) + timedelta(days=i),
                )
                for i in range(have, n)
            ]  # fmt: skip
        )

    assert_constant_queries(
        fetch(staff_client, reverse("consignment:outlet_settlements", args=[outlet.pk])), grow_settlements
    )
    assert_constant_queries(
        fetch(staff_client, reverse("consignment:settlement_create", args=[outlet.pk])), grow_settlements
    )

    owner_user = make_user("pemilik_umkm", username="+6281277770000", phone="+6281277770000")
    owner = OwnerFactory(user=owner_user)
    mine = BusinessFactory(owner=owner)
    client.force_login(owner_user)

    def grow_owner(n):
        bulk.stock(outlet, mine, n - bulk_batches(mine).count())

    assert_constant_queries(fetch(client, reverse("consignment:owner_overview")), grow_owner)


def bulk_batches(business):
    from binaumkm.consignment.models import Batch

    return Batch.objects.filter(business=business)


def test_outlet_detail_with_many_agreements_and_owner_sales(staff_client, client, outlet):
    from binaumkm.consignment.models import Agreement

    businesses = bulk.businesses(500, start=1000)

    def grow(n):
        have = Agreement.objects.count()
        Agreement.objects.bulk_create(
            [
                Agreement(outlet=outlet, business=b, commission_bp=2000, starts_on=date(2024, 1, 1))
                for b in businesses[have:n]
            ]
        )

    assert_constant_queries(fetch(staff_client, reverse("consignment:outlet_detail", args=[outlet.pk])), grow)

    owner_user = make_user("pemilik_umkm", username="+6281277770001", phone="+6281277770001")
    mine = BusinessFactory(owner=OwnerFactory(user=owner_user))
    batch = bulk.stock(outlet, mine, 1, quantity=1000)[0]
    client.force_login(owner_user)

    def grow_sales(n):
        bulk.sales(batch, n - Sale.objects.filter(business=mine).count())

    assert_constant_queries(fetch(client, reverse("consignment:owner_sales")), grow_sales)
