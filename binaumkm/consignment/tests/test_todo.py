"""Consignment's part of the to-do lists (issue 10, part 5): the outlet partner is asked to record
sales when stock sits with no sale for a week and to pay settlements; the owner sees payouts due,
then paid (for two weeks, to check the money arrived)."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from binaumkm.consignment.models import Sale
from binaumkm.consignment.services import ledger, settlement
from binaumkm.core.testing import assert_constant_queries, make_user

from .factories import AgreementProductFactory, deliver, last_month

pytestmark = pytest.mark.django_db


def todos(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [t for t in response.context["todos"] if t.module == "Titip jual"]


@pytest.fixture
def stocked(staff_user, item):
    deliver(staff_user, item, 10, on=last_month()[0])
    return item


def sell(actor, item, day):
    return ledger.sale_record(
        actor=actor, outlet=item.agreement.outlet, product=item.product, quantity=1, sold_on=day
    )


def test_partner_is_asked_to_record_sales_until_a_sale_is_recorded(client, partner_user, stocked, outlet):
    client.force_login(partner_user)
    home = reverse("consignment:outlet_stock", args=[outlet.pk])
    [item] = todos(client, home)
    assert outlet.name in item.label and item.url == reverse("consignment:sales_entry", args=[outlet.pk])
    sell(partner_user, stocked, timezone.localdate())
    assert todos(client, home) == []
    # A week later with no new sale the question comes back (the list kept a minute has long expired).
    Sale.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    cache.clear()
    assert len(todos(client, home)) == 1


def test_partner_pays_a_settlement_and_the_owner_sees_due_then_paid(
    client, partner_user, staff_user, stocked, outlet
):
    start, end = last_month()
    sell(staff_user, stocked, start)
    made = settlement.settlement_create(actor=staff_user, outlet=outlet, period_start=start, period_end=end)
    client.force_login(partner_user)
    home = reverse("consignment:outlet_stock", args=[outlet.pk])
    [pay] = [t for t in todos(client, home) if made.reference in t.label]
    assert pay.urgent and "Rp40.000" in pay.label  # Rp50.000 less 20 % commission
    owner = make_user("pemilik_umkm", username="+6281299990001", phone="+6281299990001")
    business = stocked.agreement.business
    business.owner.user = owner
    business.owner.save()
    client.force_login(owner)
    my_home = reverse("registry:my_businesses")
    [due] = todos(client, my_home)
    assert "belum diterima" in due.label and "Rp40.000" in due.label
    assert due.url == reverse("consignment:owner_overview")
    line = made.lines.get()
    settlement.settlement_line_pay(
        actor=staff_user, line=line, paid_on=timezone.localdate(), reference="TRF-1"
    )
    [paid] = todos(client, my_home)
    assert "dibayar" in paid.label and "belum" not in paid.label
    client.force_login(partner_user)
    assert not [t for t in todos(client, home) if made.reference in t.label]


def test_staff_opening_the_outlet_page_do_not_get_the_partners_list(staff_client, stocked, outlet):
    response = staff_client.get(reverse("consignment:outlet_stock", args=[outlet.pk]))
    assert response.context["todos"] is None and "Yang perlu Anda lakukan" not in response.content.decode()


def test_outlet_home_query_count_does_not_grow_with_items(client, partner_user, staff_user, outlet):
    client.force_login(partner_user)

    def grow(n):
        for _ in range(n - outlet.agreements.count()):
            deliver(staff_user, AgreementProductFactory(agreement__outlet=outlet), 2)

    def fetch():
        assert client.get(reverse("consignment:outlet_stock", args=[outlet.pk])).status_code == 200

    assert_constant_queries(fetch, grow, small=2, large=12)
