"""The partnership main path in Chromium: staff on a desktop, the owner and the store manager on a
360 px phone. Staff open the dashboard, pick a non-compliant store, run matchmaking and send the
offer; the owner accepts; the store manager confirms; the store turns compliant on the dashboard; a
warning letter PDF downloads for another store. Screenshots go to var/screenshots/ for review."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.partnerships.models import Partnership, PartnershipStatus, WarningLetter
from binaumkm.partnerships.tests.factories import StoreFactory, partners
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"partnerships-{name}.png"), full_page=True)


def test_match_offer_accept_confirm_compliant_and_letter(page, live_server, areas):
    base = live_server.url
    kauman = Kelurahan.objects.get(name="Kauman")
    make_user("staf_dinas", username="staf.kemitraan", full_name="Rina Staf")
    manager = make_user("mitra_toko", username="manajer.indomaret", full_name="Agus Manajer")
    owner = make_user(
        "pemilik_umkm", username="+6281233334444", phone="+6281233334444", full_name="Sri Lestari"
    )
    business = BusinessFactory(owner=OwnerFactory(user=owner, full_name="Sri Lestari"), name="Serabi Notosuman Bu Sri",
                               kelurahan=kauman)  # fmt: skip
    ProductFactory(business=business, name="Serabi original", category="makanan", pirt_number="206337201234521",
                   halal_number="ID33720000012345")  # fmt: skip
    store = StoreFactory(name="Indomaret Kauman", kelurahan=kauman)
    store.managers.add(manager)
    partners(store, 4)
    other = StoreFactory(name="Alfamart Veteran", brand="Alfamart")
    partners(other, 1)
    partners(StoreFactory(name="Superindo Slamet Riyadi", brand="Superindo", store_type="supermarket"), 6)

    # 1. Staff: dashboard, the non-compliant store, matchmaking, send the offer.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.kemitraan")
    page.get_by_role("link", name="Toko modern").first.click()
    expect(page.get_by_role("heading", name="Kepatuhan toko modern")).to_be_visible()
    expect(page.get_by_test_id("count-non-compliant")).to_have_text("2")
    shot(page, "dashboard")
    assert_accessible(page)
    page.get_by_label("Kepatuhan").select_option("tidak")
    page.get_by_role("button", name="Terapkan").click()
    page.get_by_role("link", name="Indomaret Kauman").click()
    expect(page.get_by_test_id("active-count")).to_have_text("4 / 5")
    assert_accessible(page)
    page.get_by_test_id("match-store").click()
    expect(page.get_by_role("heading", name="Usulan mitra UMKM")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("Serabi Notosuman Bu Sri")).to_be_visible()
    expect(page.get_by_text("Satu kelurahan dengan toko")).to_be_visible()
    shot(page, "match-run")
    page.get_by_test_id("offer-selected").click()
    expect(page.get_by_text("1 tawaran kemitraan dikirim")).to_be_visible()
    assert_accessible(page)
    offer = Partnership.objects.get(store=store, business=business)
    assert offer.status == PartnershipStatus.PROPOSED

    # 2. The owner, on a phone, accepts the offer.
    page.set_viewport_size(PHONE)
    browser_login(page, base, "0812 3333 4444")
    page.goto(f"{base}/kemitraan/usaha-saya/")
    assert_accessible(page)
    page.get_by_test_id("owner-partnership").first.click()
    expect(page.get_by_text("Mengapa usaha Anda diusulkan")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    shot(page, "owner-offer")
    page.get_by_test_id("accept").click()
    expect(page.get_by_text("Tawaran diterima")).to_be_visible()
    assert_accessible(page)

    # 3. The store manager, on a phone, confirms with the products on display.
    browser_login(page, base, "manajer.indomaret")
    expect(page.get_by_role("heading", name="Indomaret Kauman")).to_be_visible()  # home is the portal
    expect(page.get_by_test_id("portal-count")).to_have_text("4/5")
    assert_no_sideways_scroll(page)
    page.get_by_test_id("confirm").click()
    assert_accessible(page)
    page.get_by_label("Rak / ruang pajang").fill("Rak produk lokal dekat kasir")
    expect(page.get_by_label("Produk sudah dipajang mulai hari ini")).to_be_checked()
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_test_id("portal-count")).to_have_text("5/5")
    assert_no_sideways_scroll(page)
    shot(page, "store-portal")
    assert_accessible(page)

    # 4. Staff see the store compliant, and download a warning letter for another store.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.kemitraan")
    page.goto(f"{base}/kemitraan/staf/")
    expect(page.get_by_test_id("count-non-compliant")).to_have_text("1")
    assert_accessible(page)
    row = page.locator('[data-testid="store-row"][data-store="Indomaret Kauman"]')
    expect(row.get_by_text("Patuh", exact=True)).to_be_visible()
    page.get_by_role("link", name="Alfamart Veteran").click()
    page.get_by_test_id("letter-create").click()
    expect(page.get_by_text("Surat peringatan 500.2/001/DKUKMP/")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    path = download_info.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
    assert download_info.value.suggested_filename.startswith("surat-peringatan-")
    assert WarningLetter.objects.get().store == other
    # The store's history reads as sentences with the staff member's name, never raw codes.
    page.get_by_role("link", name="Riwayat").click()
    expect(page.get_by_text("Surat peringatan diterbitkan oleh Rina Staf")).to_be_visible()
    assert "partnerships.letter.created" not in page.content()
    assert_accessible(page)
    shot(page, "store-history")


def test_store_manager_sees_only_their_store_on_a_phone(page, live_server, areas):
    base = live_server.url
    manager = make_user("mitra_toko", username="manajer.alfa")
    mine, theirs = StoreFactory(name="Alfamart Jebres"), StoreFactory(name="Indomaret Banjarsari")
    mine.managers.add(manager)
    page.set_viewport_size(PHONE)
    browser_login(page, base, "manajer.alfa")
    expect(page.get_by_role("heading", name="Alfamart Jebres")).to_be_visible()
    response = page.goto(f"{base}/kemitraan/toko/{theirs.pk}/")
    assert response.status == 404
    assert_accessible(page)


def test_staff_add_a_store_manager_who_sets_their_own_password(page, live_server, areas):
    """No password is shown: staff pass on a one-time link; the manager sets a password on a phone
    and lands on their store's portal; the link then no longer works."""
    base = live_server.url
    make_user("staf_dinas", username="staf.toko", full_name="Rina Staf")
    store = StoreFactory(name="Indomaret Jebres")
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.toko")
    page.goto(f"{base}/kemitraan/staf/toko/{store.pk}/")
    page.get_by_label("Nama pengelola").fill("Dewi Lestari")
    page.get_by_label("Nomor HP").fill("0812 7777 8888")
    page.get_by_role("button", name="Tambah pengelola").click()
    expect(page.get_by_role("heading", name="Tautan atur kata sandi")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("link", name="Kirim lewat WhatsApp")).to_be_visible()
    link = page.locator("#invitation-url").input_value()
    assert "/akun/sandi/atur/" in link and "sandi sementara" not in page.content().lower()
    shot(page, "manager-invitation")
    page.get_by_role("link", name="Kembali").click()
    expect(page.get_by_test_id("manager-invite")).to_be_visible()  # a new link, next to the account
    assert_accessible(page)
    shot(page, "store-managers")

    page.set_viewport_size(PHONE)
    page.context.clear_cookies()
    path = urlsplit(link).path  # the link names the configured site address; open it on the test server
    page.goto(f"{base}{path}")
    assert_accessible(page)
    page.locator("#id_new_password1").fill("rak-lokal-2026")
    page.locator("#id_new_password2").fill("rak-lokal-2026")
    page.get_by_role("button", name="Simpan kata sandi").click()
    page.wait_for_url("**/akun/sandi/atur/selesai/")
    assert_accessible(page)
    browser_login(page, base, "0812 7777 8888", password="rak-lokal-2026")
    expect(page.get_by_role("heading", name="Indomaret Jebres")).to_be_visible()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.goto(f"{base}{path}")
    expect(page.get_by_role("heading", name="Tautan tidak berlaku")).to_be_visible()
    assert_accessible(page)
