"""Leadership reads the dashboard on a phone and a desktop: taps a kelurahan on the map and lands on
its filtered list of UMKM; downloads the PDF for the monthly meeting and it holds the map."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
    screenshot,
)
from binaumkm.reporting.tests.test_same_figure import jebres  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360", "1280"])
def test_leadership_opens_dashboard_taps_a_kelurahan_and_gets_the_pdf(page, live_server, jebres, size):  # noqa: F811
    make_user("staf_dinas", username="kepala.dinas", full_name="Kepala Dinas")
    page.set_viewport_size(size)
    browser_login(page, live_server.url, "kepala.dinas")

    page.goto(f"{live_server.url}/laporan/dasbor/")
    expect(page.locator('[data-figure="recovered_share"] .display-6')).to_have_text("61,5%")  # 8 of 13
    expect(page.locator("#module-lines")).to_contain_text("Kepatuhan toko modern")
    if size == PHONE:
        assert_no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, f"dasbor-{size['width']}")

    with page.expect_download() as download:
        page.locator("#dashboard-pdf").click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: PTH123, SIM115
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "DASBOR PIMPINAN" in text and "wilayah_boundaries" in text  # the map's own source line

    area = page.locator(f'#dashboard-map a[data-kode="{jebres.code}"]')
    expect(area).to_have_attribute("aria-label", "Jebres: 58,3%")
    area.click()
    expect(page).to_have_url(f"{live_server.url}/staf/umkm/?kelurahan={jebres.pk}")
    expect(page.locator("main")).to_contain_text("Jebres")
    assert_accessible(page)
