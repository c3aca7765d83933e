"""The owner's to-do home on a phone (issue 10, part 5): what to do next across modules, urgent first,
each item a link to where it is done. The screenshot is written to var/screenshots/ to look at."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from binaumkm.catalogue.models import Listing, ListingState
from binaumkm.catalogue.tests.factories import public_listing
from binaumkm.core.testing import PHONE, assert_accessible, assert_no_sideways_scroll, browser_login
from binaumkm.partnerships.models import PartnershipStatus
from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory
from binaumkm.training.models import BatchState, RegistrationStatus
from binaumkm.training.tests.factories import RegistrationFactory, owner_with_business

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def test_owner_home_at_360_px_lists_what_to_do_and_each_item_leads_there(page, live_server, areas):
    user, business = owner_with_business(name="Batik Sekar Jagad")
    offer = PartnershipFactory(
        business=business,
        store=StoreFactory(name="Indomaret Slamet Riyadi"),
        status=PartnershipStatus.PROPOSED,
    )
    RegistrationFactory(
        business=business, batch__state=BatchState.ALLOCATED, batch__programme__title="Jualan di Shopee",
        status=RegistrationStatus.OFFERED, offered_at=timezone.now(),
        offer_expires_at=timezone.now() + datetime.timedelta(hours=30),
    )  # fmt: skip
    listing = public_listing(business=business, name="Kain Batik Tulis")
    Listing.objects.filter(pk=listing.pk).update(
        state=ListingState.REVISION, revision_reason="Foto terlalu gelap"
    )

    page.set_viewport_size(PHONE)
    browser_login(page, live_server.url, user.username)
    todo = page.get_by_role("region", name="Yang perlu Anda lakukan")
    expect(todo).to_be_visible()
    labels = todo.get_by_role("link").all_inner_texts()
    # The offer, the seat and the listing to fix are urgent: they come before this month's turnover.
    urgent = [
        i
        for i, text in enumerate(labels)
        if "Indomaret" in text or "Jualan di Shopee" in text or "Foto terlalu gelap" in text
    ]
    [turnover] = [i for i, text in enumerate(labels) if text == "Laporkan omzet bulan ini: Batik Sekar Jagad"]
    assert len(urgent) == 3 and max(urgent) < turnover, labels
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "owner-todo-home-360.png"), full_page=True)

    todo.get_by_role("link", name="Indomaret Slamet Riyadi").click()
    expect(page).to_have_url(f"{live_server.url}/kemitraan/usaha-saya/{offer.pk}/")
    assert_accessible(page)
