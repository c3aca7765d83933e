"""The access rules of consignment (``consignment.policy``): permissions held through roles decide,
an outlet partner acts only for the outlets linked to them, an owner sees only their own goods, and
a city that takes a permission away from a role takes the action away."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from binaumkm.consignment import selectors
from binaumkm.consignment.services import ledger
from binaumkm.core import policy
from binaumkm.core.testing import make_user
from binaumkm.registry.tests.factories import OwnerFactory

from .factories import AgreementProductFactory, OutletFactory, days_ago, deliver

pytestmark = pytest.mark.django_db


def take_away(role: str, codename: str) -> None:
    """What a city does on the "Peran dan izin" page."""
    group = Group.objects.get(name=role)
    group.permissions.remove(Permission.objects.get(content_type__app_label="consignment", codename=codename))


def fresh(user):
    """The same account as a new request sees it (Django caches permissions per user object)."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def two_outlets(staff_user, partner_user, item):
    """``item``'s outlet (linked to ``partner_user``) and another outlet with its own partner, both stocked."""
    deliver(staff_user, item, 10, on=days_ago(30))
    other_item = AgreementProductFactory(agreement__outlet=OutletFactory())
    deliver(staff_user, other_item, 10, on=days_ago(30))
    other_partner = make_user("mitra_outlet", username="mitra2", phone="+6281300000002")
    other_item.agreement.outlet.partners.add(other_partner)
    return item, other_item, other_partner


def test_a_partner_cannot_act_for_another_outlet(partner_user, staff_user, two_outlets):
    mine, theirs, _other_partner = two_outlets
    other_outlet = theirs.agreement.outlet
    with pytest.raises(PermissionDenied):
        ledger.sale_record(
            actor=partner_user, outlet=other_outlet, product=theirs.product, quantity=1, sold_on=days_ago(1)
        )
    batch = theirs.batches.get()
    with pytest.raises(PermissionDenied):
        ledger.return_record(
            actor=partner_user, batch=batch, quantity=1, returned_on=days_ago(1), reason_code="rusak"
        )
    (sale,) = ledger.sale_record(
        actor=staff_user, outlet=other_outlet, product=theirs.product, quantity=1, sold_on=days_ago(1)
    )
    with pytest.raises(PermissionDenied):
        ledger.sale_cancel(actor=partner_user, sale=sale, reason="bukan punya saya")
    with pytest.raises(PermissionDenied):
        ledger.adjustment_record(
            actor=partner_user, batch=mine.batches.get(), quantity=-1, counted_on=days_ago(1), reason="x"
        )
    # Their own outlet: allowed.
    ledger.sale_record(
        actor=partner_user,
        outlet=mine.agreement.outlet,
        product=mine.product,
        quantity=1,
        sold_on=days_ago(1),
    )
    # Reads: another outlet is a 404, and its rows never reach the partner's lists.
    with pytest.raises(Http404):
        selectors.outlet_get(actor=partner_user, pk=other_outlet.pk)
    with pytest.raises(Http404):
        selectors.batch_get(actor=partner_user, outlet=mine.agreement.outlet, pk=batch.pk)
    assert selectors.outlet_stock(actor=partner_user, outlet=other_outlet) == []
    assert not selectors.sales_for(actor=partner_user, outlet=other_outlet).exists()
    assert [o.pk for o in selectors.outlet_own(actor=partner_user)] == [mine.agreement.outlet_id]


def test_an_outlet_needs_both_the_link_and_the_permission(staff_user, item, areas):
    """One rule for every outlet: held permission ("own outlet") and the account linked to it."""
    outlet = item.agreement.outlet
    owner_user = make_user("pemilik_umkm", username="+6281255550000", phone="+6281255550000")
    outlet.partners.add(owner_user)  # linked, but the owner role does not manage outlets
    unlinked = make_user("mitra_outlet", username="mitra9")
    for user in (owner_user, unlinked):
        with pytest.raises(Http404):
            selectors.outlet_get(actor=user, pk=outlet.pk)
        assert not policy.can(user, "sell", outlet)
    assert selectors.outlet_list(actor=staff_user).filter(pk=outlet.pk).exists()


def test_owners_see_only_their_own_goods(client, staff_user, item, areas):
    owner_user = make_user("pemilik_umkm", username="+6281244440000", phone="+6281244440000")
    business = item.agreement.business
    business.owner = OwnerFactory(user=owner_user)
    business.save()
    stranger = AgreementProductFactory(agreement__outlet=item.agreement.outlet)
    deliver(staff_user, item, 5, on=days_ago(30))
    stranger_delivery = deliver(staff_user, stranger, 5, on=days_ago(30))
    ledger.sale_record(
        actor=staff_user,
        outlet=item.agreement.outlet,
        product=stranger.product,
        quantity=1,
        sold_on=days_ago(1),
    )
    ledger.sale_record(
        actor=staff_user, outlet=item.agreement.outlet, product=item.product, quantity=2, sold_on=days_ago(1)
    )
    assert {r["business_id"] for r in selectors.owner_stock(actor=owner_user)} == {business.pk}
    assert [(s.business_id, s.quantity) for s in selectors.owner_sales(actor=owner_user)] == [
        (business.pk, 2)
    ]
    with pytest.raises(Http404):
        selectors.delivery_get(actor=owner_user, pk=stranger_delivery.pk)
    client.force_login(owner_user)
    assert client.get(reverse("consignment:delivery_pdf", args=[stranger_delivery.pk])).status_code == 404
    # An agency account that also owns a business sees only its own goods on the owner's pages.
    staff_user.groups.add(Group.objects.get(name="pemilik_umkm"))
    assert selectors.owner_stock(actor=fresh(staff_user)) == []


def test_a_city_taking_the_outlet_permission_away_takes_the_outlet_pages_away(
    client, partner_user, staff_user, item
):
    deliver(staff_user, item, 5, on=days_ago(30))
    outlet = item.agreement.outlet
    client.force_login(partner_user)
    assert client.get(reverse("consignment:outlet_stock", args=[outlet.pk])).status_code == 200
    take_away("mitra_outlet", "manage_own_outlet")
    assert client.get(reverse("consignment:outlet_stock", args=[outlet.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        ledger.sale_record(
            actor=fresh(partner_user), outlet=outlet, product=item.product, quantity=1, sold_on=days_ago(1)
        )
    assert django_apps.get_app_config("consignment").navigation(fresh(partner_user)) == []


def test_a_city_taking_sales_or_adjustments_away_from_staff(staff_client, staff_user, item):
    deliver(staff_user, item, 5, on=days_ago(30))
    outlet = item.agreement.outlet
    batch = item.batches.get()
    stock_url = reverse("consignment:outlet_stock", args=[outlet.pk])
    page = staff_client.get(stock_url).content.decode()
    assert reverse("consignment:sales_entry", args=[outlet.pk]) in page
    assert reverse("consignment:adjustment_create", args=[outlet.pk, batch.pk]) in page
    take_away("staf_dinas", "add_sale")
    take_away("staf_dinas", "adjust_stock")
    page = staff_client.get(stock_url).content.decode()
    assert reverse("consignment:sales_entry", args=[outlet.pk]) not in page
    assert reverse("consignment:adjustment_create", args=[outlet.pk, batch.pk]) not in page
    assert staff_client.get(reverse("consignment:sales_entry", args=[outlet.pk])).status_code == 403
    assert (
        staff_client.get(reverse("consignment:adjustment_create", args=[outlet.pk, batch.pk])).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        ledger.sale_record(
            actor=fresh(staff_user), outlet=outlet, product=item.product, quantity=1, sold_on=days_ago(1)
        )
    # What stays: the stock page and returns.
    assert (
        staff_client.get(reverse("consignment:return_create", args=[outlet.pk, batch.pk])).status_code == 200
    )


def test_upgrade_takes_the_old_outlet_wide_permissions_from_partners():
    """Before the policy, partners held view_outlet/view_sale/add_sale, limited by code to their outlets;
    those now reach every outlet, so the migration takes them away."""
    migration = importlib.import_module("binaumkm.consignment.migrations.0002_policy_permissions")
    group = Group.objects.get(name="mitra_outlet")
    old = Permission.objects.filter(
        content_type__app_label="consignment", codename__in=migration.OLD_PARTNER_PERMISSIONS
    )
    group.permissions.add(*old)
    migration.drop_old_partner_permissions(django_apps, None)
    held = set(group.permissions.values_list("codename", flat=True))
    assert not held & set(migration.OLD_PARTNER_PERMISSIONS)
    assert "manage_own_outlet" in held
