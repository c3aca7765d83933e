"""Consignment's main path in Chromium: staff records a delivery and prints its note; outlet staff
record sales on a 360 px phone; staff settles the month; the owner downloads the statement and sees
the payable; staff marks it paid."""

import os
import re

import pytest
from playwright.sync_api import expect

from binaumkm.consignment.models import Settlement
from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.registry.tests.factories import OwnerFactory

from .factories import AgreementProductFactory, OutletFactory, last_month

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("CONSIGNMENT_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_delivery_sales_on_a_phone_settlement_statement_and_payment(page, live_server, areas, tmp_path):
    base = live_server.url
    make_user("staf_dinas", username="staf.titip", full_name="Rina Staf")
    partner = make_user("mitra_outlet", username="mitra.hotel", full_name="Dewi Outlet")
    owner_user = make_user("pemilik_umkm", username="+6281211112222", phone="+6281211112222")
    outlet = OutletFactory(name="Hotel Sriwedari Heritage", commission_bp=2000)
    outlet.partners.add(partner)
    item = AgreementProductFactory(agreement__outlet=outlet, agreement__business__name="Batik Sekar Arum",
                                   agreement__business__owner=OwnerFactory(user=owner_user), price=50_000)  # fmt: skip
    item.product.name = "Kain batik cap Sidomukti"
    item.product.save()
    start, end = last_month()

    # 1. Staff records a delivery and prints its note.
    browser_login(page, base, "staf.titip")
    page.goto(f"{base}/titip-jual/staf/perjanjian/{item.agreement_id}/")
    assert_accessible(page)
    page.get_by_role("link", name="+ Titip barang").click()
    assert_accessible(page)
    page.get_by_label("Tanggal titip").fill(start.isoformat())
    page.get_by_label("Diserahkan oleh (pihak UMKM)").fill("Sri Lestari")
    page.get_by_label("Diterima oleh (pihak outlet)").fill("Dewi Anggraini")
    page.get_by_label("Jumlah", exact=True).fill("10")
    page.get_by_role("button", name="Simpan surat titip").click()
    expect(page.get_by_text(re.compile(r"Surat titip TJ-\d{4}-\d{6} dicatat"))).to_be_visible()
    shot(page, "delivery")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Cetak surat titip (PDF)").click()
    note = tmp_path / "note.pdf"
    download.value.save_as(note)
    assert note.read_bytes().startswith(b"%PDF")

    # 2. Outlet staff record sales on a 360 px phone.
    page.set_viewport_size(PHONE)
    browser_login(page, base, "mitra.hotel")
    expect(page.get_by_role("heading", name="Hotel Sriwedari Heritage")).to_be_visible()
    expect(page.get_by_text("Kain batik cap Sidomukti")).to_be_visible()
    assert_no_sideways_scroll(page)
    shot(page, "stock-360")
    assert_accessible(page)
    page.get_by_role("link", name="Catat penjualan", exact=True).click()  # not the to-do item
    assert_accessible(page)
    page.get_by_label("Tanggal terjual").fill(start.replace(day=10).isoformat())
    page.get_by_label(re.compile("Kain batik cap Sidomukti")).fill("11")
    page.get_by_role("button", name="Simpan penjualan").click()
    summary = page.locator("[data-error-summary]")  # more than in stock: refused, focus on why
    expect(summary).to_contain_text(re.compile("hanya 10"))
    expect(summary).to_be_focused()
    assert_accessible(page)
    page.get_by_label(re.compile("Kain batik cap Sidomukti")).fill("4")
    assert_no_sideways_scroll(page)
    shot(page, "sales-entry-360")
    page.get_by_role("button", name="Simpan penjualan").click()
    expect(page.get_by_text("Penjualan 4 barang (1 produk) dicatat.")).to_be_visible()
    expect(page.get_by_text("Rp200.000")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_accessible(page)

    # 3. Staff settle the month.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.titip")
    page.goto(f"{base}/titip-jual/staf/outlet/{outlet.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Rekap pembayaran", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Periode").select_option(start.isoformat())
    page.get_by_role("button", name="Hitung dan buat rekap pembayaran").click()
    expect(
        page.get_by_text(re.compile(r"Rekap pembayaran STL-\d+ dibuat: 1 usaha, 1 penjualan"))
    ).to_be_visible()
    expect(page.get_by_text("Hak UMKM Rp160.000")).to_be_visible()
    shot(page, "settlement")
    assert_accessible(page)
    made = Settlement.objects.get()

    # 4. The owner sees the payable and downloads the statement.
    page.set_viewport_size(PHONE)
    browser_login(page, base, "0812 1111 2222")
    page.goto(f"{base}/titip-jual/saya/")
    expect(page.locator("#pending-total")).to_have_text("Rp160.000")
    expect(page.get_by_text("belum dibayar", exact=True)).to_be_visible()
    assert_no_sideways_scroll(page)
    shot(page, "owner-360")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh pernyataan (PDF)").click()
    statement = tmp_path / "statement.pdf"
    download.value.save_as(statement)
    assert statement.read_bytes().startswith(b"%PDF")
    if SHOTS:
        statement.rename(f"{SHOTS}/statement.pdf")
        note.rename(f"{SHOTS}/note.pdf")

    # 5. Staff mark it paid; the owner sees it paid.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.titip")
    page.goto(f"{base}/titip-jual/staf/rekap pembayaran/{made.pk}/")
    page.get_by_label("Referensi pembayaran").fill("TRF-BRI-0425")
    page.get_by_role("button", name="Tandai lunas").click()
    expect(page.get_by_text("Pembayaran untuk Batik Sekar Arum dicatat.")).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_text("TRF-BRI-0425")).to_be_visible()
    made.refresh_from_db()
    assert made.state == "lunas"
    browser_login(page, base, "0812 1111 2222")
    page.goto(f"{base}/titip-jual/saya/")
    expect(page.locator("#pending-total")).to_have_text("Rp0")
    expect(page.get_by_text("TRF-BRI-0425")).to_be_visible()
