"""Results kept until the data changes (core.freshness): kept while nothing changes, computed again
after any audited change (so a user's own change shows on the next page), and shared searches
and to-do lists follow the data they come from."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from binaumkm.catalogue import services as catalogue_services
from binaumkm.catalogue.tests.factories import public_listing
from binaumkm.core import audit, freshness, hooks
from binaumkm.core.models import AuditEntry
from binaumkm.registry import services as registry_services
from binaumkm.registry.choices import BusinessStatus
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory
from binaumkm.training.tests.factories import owner_with_business

pytestmark = pytest.mark.django_db


def test_a_result_is_kept_until_an_audited_change_then_computed_again(staff_user):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert freshness.remember("t", compute) == 1
    assert freshness.remember("t", compute) == 1  # kept: nothing changed
    audit.record(actor=staff_user, action="registry.owner.updated", obj=staff_user)
    assert freshness.data_version() == AuditEntry.objects.latest("id").pk
    assert freshness.remember("t", compute) == 2  # the change is seen at once
    assert freshness.remember("t", compute) == 2


def test_a_result_is_not_kept_past_its_time_to_live(monkeypatch):
    kept = {}
    monkeypatch.setattr(cache, "set", lambda key, value, ttl: kept.update({key: ttl}))
    freshness.remember("t", lambda: 1, ttl=60)
    assert list(kept.values()) == [60]


def test_remembered_pages_count_up_to_the_cap_and_keep_each_page(django_assert_max_num_queries):
    from binaumkm.registry.models import Business

    BusinessFactory.create_batch(3)
    results = freshness.Remembered(lambda: Business.objects.order_by("pk"), "businesses")
    assert results.count() == 3 and [b.pk for b in results[0:2]] == list(
        Business.objects.order_by("pk").values_list("pk", flat=True)[:2]
    )
    again = freshness.Remembered(lambda: Business.objects.order_by("pk"), "businesses")
    with django_assert_max_num_queries(3):  # the version and the two cache reads, no count or rows
        assert again.count() == 3 and len(again[0:2]) == 2


def test_the_to_do_list_is_computed_once_until_something_changes(owner_user, monkeypatch):
    calls = []
    real = hooks._todo_list
    monkeypatch.setattr(hooks, "_todo_list", lambda user: calls.append(user.pk) or real(user))
    hooks.todo_list(owner_user)
    hooks.todo_list(owner_user)
    assert len(calls) == 1
    audit.record(actor=owner_user, action="registry.owner.updated", obj=owner_user)
    hooks.todo_list(owner_user)
    assert len(calls) == 2


def test_an_owners_home_shows_a_change_made_by_staff_on_the_next_page(client, staff_user, areas):
    """The owner's to-do list asks for this month's turnover; staff close the business through the
    service: the next home page no longer asks, although the list was kept a moment ago."""
    owner_user, business = owner_with_business()
    client.force_login(owner_user)
    home = reverse("registry:my_businesses")
    assert [t for t in client.get(home).context["todos"] if business.name in t.label and "omzet" in t.label]
    registry_services.business_set_status(
        actor=staff_user, business=business, status=BusinessStatus.CLOSED, reason="Pindah kota"
    )
    assert not [
        t for t in client.get(home).context["todos"] if business.name in t.label and "omzet" in t.label
    ]


def test_a_kept_search_loses_a_listing_as_soon_as_its_consent_is_withdrawn(client, owner_user):
    business = BusinessFactory(owner=OwnerFactory(user=owner_user))
    listing = public_listing(business=business, name="Batik Kawung Langka")
    link = f"/produk/{listing.pk}-"

    def shown() -> list[bool]:
        pages = [
            client.get(reverse("catalogue:search"), {"q": "kawung"}),
            client.get(reverse("catalogue:home")),
        ]
        return [link in page.content.decode() for page in pages]

    assert shown() == [True, True]
    assert shown() == [True, True]  # kept
    catalogue_services.consent_set(actor=owner_user, business=business, given=False)
    assert shown() == [False, False]


def test_the_staff_list_is_kept_per_user_and_follows_a_change_at_once(client, staff_user, areas):
    from binaumkm.core.testing import make_user
    from binaumkm.registry.choices import Verification

    business = BusinessFactory(name="Sambal Bu Rah", verification=Verification.NEW)
    waiting = reverse("registry:business_list") + "?verification=baru"

    def names(user) -> list[str]:
        client.force_login(user)
        return [b.name for b in client.get(waiting).context["page_obj"]]

    assert names(staff_user) == ["Sambal Bu Rah"]
    colleague = make_user("staf_dinas", username="staf2")
    BusinessFactory(name="Sambal Kedua", verification=Verification.NEW)  # a factory: no audit entry
    assert names(staff_user) == ["Sambal Bu Rah"]  # kept for this user
    assert sorted(names(colleague)) == ["Sambal Bu Rah", "Sambal Kedua"]  # each user's own copy
    registry_services.business_verify(actor=staff_user, business=business)
    assert names(staff_user) == ["Sambal Kedua"]  # the verification is an audited change: seen at once


def test_a_request_reads_the_version_once_unless_it_writes(staff_user, django_assert_num_queries):
    from binaumkm.core.freshness import RequestScopeMiddleware

    seen = []

    def view(request):
        with django_assert_num_queries(1):
            seen.append(freshness.data_version())
            seen.append(freshness.data_version())  # shared by the page's kept results
        audit.record(actor=staff_user, action="registry.owner.updated", obj=staff_user)
        seen.append(freshness.data_version())  # its own write: asked again
        return seen

    RequestScopeMiddleware(view)(None)
    assert seen[0] == seen[1] < seen[2] == AuditEntry.objects.latest("id").pk
    with django_assert_num_queries(2):  # outside a request: every read asks
        freshness.data_version()
        freshness.data_version()


def test_a_filter_of_zero_or_false_is_named_apart_from_no_filter():
    """A price up to Rp0 must not share the kept results of the unfiltered search."""
    assert freshness.digest({"price_max": 0}) != freshness.digest({})
    assert freshness.digest({"active": False}) != freshness.digest({})
    assert freshness.digest({"q": "", "badges": [], "kecamatan": None}) == freshness.digest({})


def test_a_search_up_to_rp0_does_not_poison_the_unfiltered_one(client):
    listing = public_listing(name="Batik Sogan Murah")
    link = f"/produk/{listing.pk}-"
    search = reverse("catalogue:search")
    assert link not in client.get(search, {"q": "sogan", "price_max": "0"}).content.decode()
    assert link in client.get(search, {"q": "sogan"}).content.decode()
