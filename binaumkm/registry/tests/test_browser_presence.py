"""Digital presence in Chromium at 360 px: an owner records a Shopee shop from the phone and answers
"masih aktif" for a quiet one; staff record a workshop for two UMKM and read the adoption report."""

import datetime
import os

import pytest
from playwright.sync_api import expect

from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible_once,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.registry.models import Presence
from binaumkm.registry.platforms import Platform, Stage
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")
a11y = assert_accessible_once


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_owner_records_a_shop_and_staff_see_the_funnel(page, live_server, areas):
    base = live_server.url
    owner = make_user("pemilik_umkm", username="pemilik.serabi")
    business = BusinessFactory(
        owner=OwnerFactory(user=owner), name="Serabi Notosuman Bu Sri", verification="terverifikasi"
    )
    Presence.objects.create(business=business, platform=Platform.TOKOPEDIA, stage=Stage.DORMANT, url="https://www.tokopedia.com/serabisri",
                            assisted_on=datetime.date(2026, 1, 5), first_sale_on=datetime.date(2026, 2, 1), dormant_on=datetime.date(2026, 11, 30))  # fmt: skip
    other = BusinessFactory(name="Wedang Uwuh Pak Narto", verification="terverifikasi")
    page.set_viewport_size(PHONE)
    browser_login(page, base, "pemilik.serabi")
    page.goto(f"{base}/usaha-saya/{business.pk}/")
    a11y(page)
    page.get_by_role("link", name="Toko dan akun online").click()
    a11y(page)
    page.locator("#id_platform").select_option(label="Shopee")
    page.locator("#id_stage").select_option(label="Penjualan pertama")
    page.get_by_label("Tautan toko atau akun").fill("https://tokopedia.com/salah")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tautan Shopee harus berada di shopee.co.id, shp.ee.").first).to_be_visible()
    a11y(page)
    page.get_by_label("Tautan toko atau akun").fill("https://shopee.co.id/serabisri")
    page.get_by_label("Jumlah pesanan sebulan").select_option(label="1–10 pesanan sebulan")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Shopee disimpan.")).to_be_visible()
    assert_no_sideways_scroll(page)
    shot(page, "owner-presences-360")
    page.get_by_role("button", name="Masih aktif").click()
    expect(page.get_by_text("tercatat masih aktif")).to_be_visible()
    assert set(business.presences.values_list("platform", "stage")) == {
        ("shopee", "penjualan_pertama"),
        ("tokopedia", "aktif"),
    }

    staff = make_user("staf_dinas", username="staf.digital")
    assert staff
    browser_login(page, base, "staf.digital")
    page.goto(f"{base}/staf/online/sesi/")
    a11y(page)
    page.locator("#id_platform").select_option(label="Shopee")
    page.get_by_label("Tanggal sesi").fill("2026-11-20")
    page.get_by_label("Pelatihan atau mitra").fill("Workshop Shopee Kampung Batik")
    page.get_by_label("Usaha peserta").fill(f"{business.reference}\n{other.reference}")
    page.get_by_role("button", name="Catat pendampingan").click()
    expect(page.get_by_text("Pendampingan dicatat untuk 2 usaha.")).to_be_visible()
    assert Presence.objects.get(business=other).stage == Stage.ASSISTED
    page.goto(f"{base}/katalog/laporan/adopsi-digital/?group_by=platform")
    a11y(page)
    assert_no_sideways_scroll(page)
    expect(page.get_by_role("heading", name="Adopsi digital UMKM")).to_be_visible()
    expect(page.locator("svg.chart")).to_be_visible()
    shot(page, "adoption-report-360")
    page.set_viewport_size(DESKTOP)
    shot(page, "adoption-report-desktop")
