"""Staff search the UMKM list on a phone: by business name, then by owner name through "Cari di"."""

import pytest
from playwright.sync_api import expect

from binaumkm.core.testing import (
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
    screenshot,
)
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_search_businesses_then_owners_on_a_phone(page, live_server, areas):
    make_user("staf_dinas", username="staf.cari", full_name="Rina Staf")
    BusinessFactory(name="Batik Sékar Arum", owner=OwnerFactory(full_name="Sri Wahyuni"))
    BusinessFactory(name="Wahyuni Laundry", owner=OwnerFactory(full_name="Budi Santoso"))
    base = live_server.url
    page.set_viewport_size(PHONE)
    browser_login(page, base, "staf.cari")
    page.goto(f"{base}/staf/umkm/")

    page.get_by_role("searchbox", name="Cari").fill("sekar")
    page.get_by_role("button", name="Terapkan").click()
    table = page.get_by_role("region", name="UMKM binaan")
    expect(table.get_by_role("link", name="Batik Sékar Arum")).to_be_visible()
    expect(table.get_by_role("link", name="Wahyuni Laundry")).to_have_count(0)

    page.get_by_role("searchbox", name="Cari").fill("wahyuni")
    page.get_by_label("Cari di:").select_option("pemilik")
    page.get_by_role("button", name="Terapkan").click()
    expect(table.get_by_role("link", name="Batik Sékar Arum")).to_be_visible()  # Sri Wahyuni's business
    expect(table.get_by_role("link", name="Wahyuni Laundry")).to_have_count(0)
    expect(page.get_by_label("Cari di:")).to_have_value("pemilik")  # the form keeps the choice
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, "registry-search-360")
