"""The registry's main path as people do it, in Chromium: an owner on a phone, staff on a desktop."""

import re

import pytest
from playwright.sync_api import expect

from binaumkm.core.testing import DESKTOP, PHONE, assert_accessible, browser_login, make_user
from binaumkm.registry.models import Business
from binaumkm.registry.tests.factories import nik_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_signs_up_registers_staff_verifies_other_owner_gets_404(page, live_server, areas):
    base = live_server.url
    staff = make_user("staf_dinas", username="staf.verifikasi", full_name="Rina Staf")

    # 1. An owner signs up on a phone and registers a business with a product.
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/daftar/")
    assert_accessible(page)
    page.get_by_label("Nama lengkap (sesuai KTP)").fill("Sri Rahayu")
    page.get_by_label("Nomor HP").fill("0812 7777 1234")
    page.get_by_label("NIK").fill(nik_for(42, female=True))
    page.get_by_label("Perempuan").check()
    page.get_by_label(re.compile(r"^Kata sandi")).fill("serabi-solo-2021")
    page.get_by_label("Ulangi kata sandi").fill("serabi-solo-2021")
    page.get_by_label(re.compile("Saya setuju")).check()
    page.get_by_role("button", name="Buat akun").click()
    # The same page whether or not the data was registered before: then the owner signs in.
    expect(page.get_by_role("heading", name="Pendaftaran diterima")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    assert_accessible(page)
    browser_login(page, base, "0812 7777 1234", "serabi-solo-2021")
    page.goto(f"{base}/usaha-saya/baru/")
    expect(page.get_by_role("heading", name="Daftarkan usaha")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Nama usaha").fill("Serabi Bu Sri")
    page.get_by_label("Alamat").fill("Jl. Moh. Yamin No. 28")
    page.get_by_label("Kelurahan").select_option(label="Kauman — Pasar Kliwon")
    page.get_by_label("Sektor (kategori KBLI)").select_option("C")
    page.get_by_label("Penjualan tahunan (Rp)").fill("96.000.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Menunggu verifikasi").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="+ Produk").click()
    assert_accessible(page)
    page.get_by_label("Nama produk").fill("Serabi Notosuman original")
    page.get_by_label("Kategori").select_option("makanan")
    page.get_by_label("Harga (Rp)").fill("35.000")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Rp35.000")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("Menunggu verifikasi").first).to_be_visible()
    business = Business.objects.get(name="Serabi Bu Sri")
    owner_url = page.url
    page.context.clear_cookies()

    # 2. Staff find it by filter on a desktop and verify it.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.verifikasi")
    page.goto(f"{base}/staf/umkm/")
    assert_accessible(page)
    page.get_by_label("Kecamatan").select_option(label="Pasar Kliwon")
    page.get_by_label("Verifikasi").select_option("baru")
    page.get_by_role("button", name="Terapkan").click()
    assert_accessible(page)
    page.get_by_role("link", name="Serabi Bu Sri").click()
    assert_accessible(page)
    page.get_by_role("button", name="Verifikasi", exact=True).click()
    expect(page.get_by_text("terverifikasi").first).to_be_visible()
    expect(page.get_by_role("heading", name="Riwayat verifikasi")).to_be_visible()  # dated history
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size(DESKTOP)
    page.context.clear_cookies()

    # 3. The owner sees it verified.
    page.set_viewport_size(PHONE)
    browser_login(page, base, "0812 7777 1234", "serabi-solo-2021")
    page.goto(owner_url)
    expect(page.locator("#verification-state").get_by_text("Terverifikasi", exact=True)).to_be_visible()
    assert_accessible(page)
    page.context.clear_cookies()

    # 4. Another owner gets a 404 on its URL.
    make_user("pemilik_umkm", username="+6281299990000", phone="+6281299990000")
    browser_login(page, base, "081299990000")
    response = page.goto(f"{base}/usaha-saya/{business.pk}/")
    assert response.status == 404
    expect(page.get_by_text("Halaman tidak ditemukan")).to_be_visible()
    assert_accessible(page)
    assert staff.pk  # staff account used above
