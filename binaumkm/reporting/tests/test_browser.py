"""Staff read the outcomes and the funnel on a phone: figures, charts, the association wording, no
sideways scroll; and the map's "recovered %" metric."""

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
from binaumkm.registry.models import Business
from binaumkm.reporting import services
from binaumkm.reporting.tests.conftest import TODAY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_read_outcomes_and_funnel_on_a_phone(page, live_server, world, monkeypatch):
    from binaumkm.core.hooks import FunnelStep

    helped = Business.objects.filter(name__in=["A", "C"]).values("pk")
    real = services.help_steps()
    monkeypatch.setattr(
        services,
        "help_steps",
        lambda: [*real[:1], FunnelStep("trained", "Lulus pelatihan", lambda s: helped)],
    )
    services.snapshots_refresh(today=TODAY)
    make_user("staf_dinas", username="staf.hasil", full_name="Rina Staf")
    page.set_viewport_size(PHONE)
    browser_login(page, live_server.url, "staf.hasil")

    page.goto(f"{live_server.url}/laporan/hasil/")
    expect(page.locator("#share-recovered")).to_have_text("66,7%")
    expect(page.locator("#help-table")).to_contain_text("Lulus pelatihan")
    expect(page.get_by_text("ini keterkaitan, bukan bukti sebab-akibat").first).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, "laporan-hasil-360")

    page.goto(f"{live_server.url}/laporan/corong/")
    expect(page.locator("#funnel-table")).to_contain_text("Terverifikasi")
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    screenshot(page, "laporan-corong-360")

    page.goto(f"{live_server.url}/staf/peta/?metrik=pulih")
    expect(page.locator("h2").first).to_contain_text("UMKM pulih")
    assert_accessible(page)
    screenshot(page, "peta-pulih-360")
