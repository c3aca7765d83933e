"""The demo data: listings in every curation state over consenting, eligible demo UMKM; only the
approved ones of consenting, verified, open businesses are public; the demo owner has one to fix."""

import pytest
from django.urls import reverse
from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.catalogue.models import Listing, ListingState
from binaumkm.catalogue.selectors import public_listings
from binaumkm.core.demo import DemoContext, seed_apps
from binaumkm.registry.demo import DEMO_OWNER_PHONE

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    ctx = DemoContext(umkm=400, seed=2021)
    seed_apps(ctx, only=("core", "accounts", "registry", "catalogue"))
    return ctx


def test_demo_listings_cover_every_state_and_only_eligible_consenting_businesses(demo, client):
    states = set(Listing.objects.values_list("state", flat=True))
    assert states == set(ListingState.values)
    assert all(
        item.business.catalogue_consent.given
        for item in Listing.objects.select_related("business__catalogue_consent")
    )
    assert not Listing.objects.exclude(business__verification="terverifikasi").exists()
    assert not Listing.objects.filter(state=ListingState.REVISION, revision_reason="").exists()
    assert not Listing.objects.filter(
        approved_at__gt=timezone.now()
    ).exists()  # nothing approved ahead of today
    assert not Listing.objects.filter(submitted_at__gt=timezone.now()).exists()
    assert public_listings().count() == Listing.objects.filter(state=ListingState.APPROVED).count() > 20
    page = client.get(reverse("catalogue:home"))
    assert page.status_code == 200 and len(page.context["newest"]) == 8
    listing = public_listings().first()
    assert client.get(reverse("catalogue:photo", args=[listing.pk, "kecil"])).status_code == 200


def test_the_demo_owner_sees_a_listing_to_fix_on_their_home(demo, client):
    owner = User.objects.get(phone=DEMO_OWNER_PHONE)
    fix = Listing.objects.get(business__owner__user=owner, state=ListingState.REVISION)
    client.force_login(owner)
    page = client.get(reverse("home"), follow=True).content.decode()
    assert reverse("catalogue:my_listing_edit", args=[fix.pk]) in page
