"""The public open-data path in Chromium at 360 px: a visitor opens /data-terbuka/, a dataset's
metadata page and downloads the latest CSV; staff publish a new release from the page."""

import hashlib
import os

import pytest
from playwright.sync_api import expect

from binaumkm.core.testing import PHONE as PHONE_SIZE
from binaumkm.core.testing import assert_accessible, assert_no_sideways_scroll, browser_login, make_user
from binaumkm.opendata import services
from binaumkm.opendata.models import Release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("OPENDATA_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_visitor_reads_metadata_and_downloads_staff_publish(page, live_server, areas, tmp_path):
    base = live_server.url
    from binaumkm.registry.tests.factories import BusinessFactory

    BusinessFactory.create_batch(6)
    release = services.release_create(actor=None, dataset_key="umkm-binaan")
    page.set_viewport_size(PHONE_SIZE)

    page.goto(f"{base}/")
    assert_accessible(page)
    page.get_by_role("link", name="Data terbuka").click()
    expect(page.get_by_role("heading", name="Data terbuka", exact=True)).to_be_visible()
    assert_no_sideways_scroll(page)
    shot(page, "data-terbuka-360")
    assert_accessible(page)

    page.get_by_role("link", name="UMKM binaan menurut kecamatan, sektor dan skala usaha").click()
    expect(page.get_by_role("rowheader", name="Definisi")).to_be_visible()
    assert_no_sideways_scroll(page)
    shot(page, "dataset-360")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    saved = tmp_path / "data.csv"
    download.value.save_as(saved)
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == release.files.get(format="csv").sha256

    staff = make_user("staf_dinas", username="staf.data", full_name="Rina Staf")
    browser_login(page, base, staff.username)
    page.goto(f"{base}/data-terbuka/umkm-binaan/")
    page.get_by_role("button", name="Terbitkan rilis baru").click()
    expect(page.get_by_text("Rilis baru dibuat.")).to_be_visible()
    expect(page.get_by_text("Versi 2", exact=True)).to_be_visible()
    assert Release.objects.filter(dataset="umkm-binaan").count() == 2
