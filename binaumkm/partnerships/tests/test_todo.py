"""The store manager's start page is a to-do list (issue 10, part 5): partnerships to confirm, displays
to record, warning letters to act on; the owner's list holds the offers to answer. Each item leaves
the list once done; the page's query count does not grow with the items."""

import pytest
from django.urls import reverse

from binaumkm.core.testing import assert_constant_queries, make_user
from binaumkm.partnerships.models import LetterStatus, Partnership, PartnershipStatus
from binaumkm.partnerships.services import letters
from binaumkm.partnerships.services import partnerships as services
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

pytestmark = pytest.mark.django_db


def store_todos(client, store):
    response = client.get(reverse("partnerships:store_home", args=[store.pk]))
    assert response.status_code == 200
    return response.context["todos"]


def test_store_confirms_then_records_the_display_then_the_item_is_gone(client, store_user, areas):
    store = StoreFactory()
    store.managers.add(store_user)
    p = PartnershipFactory(store=store, status=PartnershipStatus.ACCEPTED)
    client.force_login(store_user)
    [item] = store_todos(client, store)
    assert p.business.name in item.label
    assert item.url == reverse("partnerships:store_confirm", args=[store.pk, p.pk])
    services.partnership_confirm(actor=store_user, partnership=p)
    [item] = store_todos(client, store)
    assert item.label.startswith("Catat pajangan") and item.url == reverse(
        "partnerships:store_home", args=[store.pk]
    )
    services.partnership_activate(actor=store_user, partnership=Partnership.objects.get(pk=p.pk))
    assert store_todos(client, store) == []
    assert (
        "Tidak ada yang perlu dilakukan sekarang."
        in client.get(reverse("partnerships:store_home", args=[store.pk])).content.decode()
    )


def test_a_warning_letter_stays_on_the_list_until_answered(client, store_user, staff_user, areas):
    store = StoreFactory()
    store.managers.add(store_user)
    letter = letters.letter_create(actor=staff_user, store=store)
    client.force_login(store_user)
    [item] = store_todos(client, store)
    assert letter.number in item.label and item.urgent and item.due == letter.deadline
    letters.letter_set_status(actor=staff_user, letter=letter, status=LetterStatus.ANSWERED)
    assert store_todos(client, store) == []


def test_another_stores_work_is_not_on_the_list(client, store_user, other_store_user, areas):
    mine, theirs = StoreFactory(), StoreFactory()
    mine.managers.add(store_user)
    theirs.managers.add(other_store_user)
    PartnershipFactory(store=theirs, status=PartnershipStatus.ACCEPTED)
    client.force_login(store_user)
    assert store_todos(client, mine) == []


def test_owner_answers_an_offer_and_it_leaves_the_list(client, areas):
    user = make_user("pemilik_umkm", username="+6281311112222", phone="+6281311112222")
    business = BusinessFactory(owner=OwnerFactory(user=user))
    offer = PartnershipFactory(business=business, status=PartnershipStatus.PROPOSED)
    client.force_login(user)
    home = reverse("registry:my_businesses")
    [item] = [t for t in client.get(home).context["todos"] if t.module == "Kemitraan"]
    assert item.urgent and item.url == reverse("partnerships:my_offer", args=[offer.pk])
    services.offer_accept(actor=user, partnership=offer)
    assert not [t for t in client.get(home).context["todos"] if t.module == "Kemitraan"]


def test_store_home_query_count_does_not_grow_with_items(client, store_user, staff_user, areas):
    store = StoreFactory()
    store.managers.add(store_user)
    client.force_login(store_user)

    def grow(n):
        for i in range(n - store.partnerships.count()):
            status = PartnershipStatus.ACCEPTED if i % 2 else PartnershipStatus.CONFIRMED
            PartnershipFactory(store=store, status=status)

    def fetch():
        assert client.get(reverse("partnerships:store_home", args=[store.pk])).status_code == 200

    assert_constant_queries(fetch, grow, small=3, large=30)
