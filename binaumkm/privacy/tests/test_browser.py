"""The UU PDP main path in Chromium at 360 px: an owner opens "Data saya", downloads their data and
asks for deletion; staff process it; the owner's personal fields are anonymised while their settled
consignment records remain."""

import os
import re

import pytest
from playwright.sync_api import expect

from binaumkm.consignment.models import SettlementLine
from binaumkm.core.testing import PHONE as PHONE_SIZE
from binaumkm.core.testing import assert_accessible, assert_no_sideways_scroll, browser_login, make_user
from binaumkm.privacy.models import Consent, DataRequest, PrivacyNotice
from binaumkm.registry.models import Owner

from .conftest import NIK, PHONE, settle_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("PRIVACY_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_data_saya_download_delete_request_and_staff_anonymise(page, live_server, owner, tmp_path):
    base = live_server.url
    staff = make_user("staf_dinas", username="staf.pdp", full_name="Rina Staf")
    settlement = settle_for(owner, staff)
    Consent.objects.create(owner=owner, notice=PrivacyNotice.objects.get(version=1), channel="online")
    page.set_viewport_size(PHONE_SIZE)

    # 1. The owner opens "Data saya" on a phone: their own NIK in full, their settled consignment.
    browser_login(page, base, PHONE)
    page.goto(f"{base}/privasi/data-saya/")
    expect(page.get_by_role("heading", name="Data saya")).to_be_visible()
    expect(page.get_by_text(NIK)).to_be_visible()
    expect(page.get_by_role("heading", name="Rekap pembayaran titip jual")).to_be_visible()
    assert_no_sideways_scroll(page)
    shot(page, "data-saya-360")
    assert_accessible(page)

    # 2. Downloads their data.
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh (.xlsx)").click()
    saved = tmp_path / "data-saya.xlsx"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"PK")

    # 3. Asks for deletion.
    page.get_by_role("link", name="Minta penghapusan data").click()
    assert_accessible(page)
    page.get_by_role("button", name="Kirim permintaan").click()  # the box is not ticked: refused
    expect(page.get_by_text("Centang kotak ini untuk melanjutkan.").first).to_be_visible()
    page.get_by_label("Alasan (tidak wajib)").fill("Usaha saya sudah tutup.")
    page.get_by_label(re.compile("Saya mengerti")).check()
    page.get_by_role("button", name="Kirim permintaan").click()
    expect(page.get_by_text(re.compile(r"Permintaan PDP-\d{5} terkirim"))).to_be_visible()
    expect(page.get_by_text("Penghapusan data · Baru")).to_be_visible()
    assert_accessible(page)
    request = DataRequest.objects.get(owner=owner)

    # 4. Staff process it from the queue.
    browser_login(page, base, "staf.pdp")
    page.goto(f"{base}/privasi/staf/permintaan/")
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(request.reference)).click()
    assert_accessible(page)
    page.get_by_role("button", name="Mulai proses").click()
    expect(page.get_by_text("Permintaan mulai diproses.")).to_be_visible()
    page.get_by_label("Hasil / jawaban untuk pemilik").fill("Sesuai permintaan pemilik.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Anonimkan dan selesaikan").click()
    expect(page.get_by_text("Permintaan diselesaikan.")).to_be_visible()
    expect(page.locator(".request-outcome")).to_contain_text("Rekap pembayaran titip jual")
    shot(page, "request-done-360")
    assert_accessible(page)

    # 5. Personal fields anonymised; the settled consignment records remain.
    owner = Owner.objects.get(pk=owner.pk)
    assert owner.nik.startswith("ANON") and (owner.phone, owner.email) == ("", "")
    assert owner.full_name == f"({owner.reference})"
    assert not owner.user.is_active
    line = SettlementLine.objects.get(settlement=settlement)
    assert line.business.owner_id == owner.pk and line.paid_on is not None

    # The owner can no longer log in.
    page.context.clear_cookies()
    page.goto(f"{base}/akun/masuk/")
    page.get_by_label("Nomor HP, e-mail atau nama pengguna").fill(PHONE)
    page.get_by_label("Kata sandi").fill("x" * 10)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()


def test_new_notice_asks_again_and_the_other_privacy_pages_are_accessible(page, live_server, owner):
    base = live_server.url
    make_user("admin_dinas", username="admin.pdp", full_name="Admin PDP")
    make_user("staf_dinas", username="staf.kertas", full_name="Staf Kertas")
    Consent.objects.create(owner=owner, notice=PrivacyNotice.objects.get(version=1), channel="online")
    page.set_viewport_size(PHONE_SIZE)

    # Admin publishes version 2 and reads the access log.
    browser_login(page, base, "admin.pdp")
    page.goto(f"{base}/privasi/admin/pemberitahuan/")
    assert_accessible(page)
    page.get_by_label("Isi pemberitahuan").fill(
        "Versi dua: data usaha dibagikan ke bank mitra atas persetujuan Anda."
    )
    page.get_by_label("Berlaku mulai").fill("2026-01-02")
    page.get_by_role("button", name="Terbitkan versi baru").click()
    expect(page.get_by_text("Pemberitahuan versi 2 diterbitkan.")).to_be_visible()
    page.goto(f"{base}/privasi/admin/log-akses/?owner=P-999999")
    expect(page.get_by_text("Tidak ada catatan.")).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_accessible(page)

    # Staff enter a paper consent.
    browser_login(page, base, "staf.kertas")
    page.goto(f"{base}/privasi/staf/persetujuan-kertas/")
    assert_accessible(page)
    page.get_by_label("Nomor pemilik").fill("P-999999")
    page.get_by_label("Nomor dokumen persetujuan").fill("F-2026/001")
    page.get_by_label("Tanggal tanda tangan").fill("2026-01-05")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Pemilik dengan nomor ini tidak ditemukan.").first).to_be_visible()
    assert_accessible(page)

    # The owner is asked again on their next visit, agrees, and lands where they were going.
    browser_login(page, base, PHONE)
    page.goto(f"{base}/usaha-saya/")
    expect(page.get_by_text("Versi dua: data usaha dibagikan")).to_be_visible()
    shot(page, "notice-again-360")
    assert_accessible(page)
    page.get_by_role("button", name="Saya setuju").click()
    expect(page.get_by_role("heading", name="Usaha saya")).to_be_visible()
    assert_accessible(page)
    assert owner.consents.filter(notice__version=2).exists()
    page.goto(f"{base}/privasi/data-saya/perbaikan/")
    assert_accessible(page)
