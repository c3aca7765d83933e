"""Staff open the map of the city on a phone, read a kelurahan's value and tap it to its UMKM list."""

import datetime

import pytest
from playwright.sync_api import expect

from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
    screenshot,
)
from binaumkm.registry.tests.factories import BusinessFactory, TurnoverReportFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_tap_a_kelurahan_on_the_map_and_land_on_its_list(page, live_server, areas):
    base = live_server.url
    make_user("staf_dinas", username="staf.peta", full_name="Rina Staf")
    pajang = Kelurahan.objects.get(code="33.72.01.1001")
    business = BusinessFactory(kelurahan=pajang, name="Serabi Pajang")
    BusinessFactory(kelurahan=Kelurahan.objects.get(code="33.72.04.1001"), name="Batik Jebres")
    for month in (1, 2, 3, 6, 7):  # April and May not reported: a gap in the chart
        TurnoverReportFactory(
            business=business, period=datetime.date(2026, month, 1), turnover=month * 1_000_000
        )
    page.set_viewport_size(PHONE)
    browser_login(page, base, "staf.peta")

    page.goto(f"{base}/staf/peta/")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    assert page.locator("svg.map [data-kode]").count() == 54
    box = page.locator("svg.map").bounding_box()
    assert box["width"] <= 360 and box["height"] / box["width"] > 0.7  # the city keeps its shape
    screenshot(page, "map-360")
    area = page.locator('svg.map a[aria-label="Pajang: 1"]')
    area.focus()  # keyboard users reach each kelurahan; its value is its name
    area.click()
    expect(page).to_have_url(f"{base}/staf/umkm/?kelurahan={pajang.pk}")
    expect(page.get_by_text("Serabi Pajang")).to_be_visible()
    expect(page.get_by_text("Batik Jebres")).to_have_count(0)
    assert_accessible(page)

    page.goto(f"{base}/staf/umkm/{business.pk}/")
    assert_accessible(page)
    chart = page.locator("svg.chart").first
    assert chart.locator("polyline").count() == 2  # Jan–Mar and Jun–Jul, not joined over the gap
    screenshot(page, "turnover-360")
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/staf/peta/")
    screenshot(page, "map-1280")
