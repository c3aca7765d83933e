"""The financing path as people walk it, in Chromium: an owner on a phone sees they are not yet
eligible and why, uploads the missing NIB, becomes eligible, starts a referral and consents; staff
verify and send it; the bank officer receives, approves and records the disbursement; the owner sees
it; another branch's officer gets a 404. Screenshots go to $SCREENSHOT_DIR (or a temporary folder)."""

import os
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.financing import services
from binaumkm.financing.models import Referral, ReferralState

from .factories import (
    PDF,
    BranchFactory,
    ProviderFactory,
    SchemeFactory,
    officer,
    owner_with_business,
    papers,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_owner_to_bank_and_back(page, live_server, areas, tmp_path):
    shots = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    bri = ProviderFactory(name="Bank Rakyat Indonesia", short_name="BRI")
    branch = BranchFactory(provider=bri, name="KC Surakarta Slamet Riyadi")
    other_branch = BranchFactory(provider=bri, name="KCP Pasar Klewer")
    SchemeFactory(code="kur-mikro", name="KUR Mikro", provider=bri, branches=[branch, other_branch])
    SchemeFactory(code="kredit-melati", name="Kredit Melati", family="MELATI", amount_max=50_000_000,
                  provider=ProviderFactory(name="PT BPR Bank Solo", short_name="Bank Solo"),
                  rules=[{"kind": "min_months", "months": 6}, {"kind": "city_resident"}])  # fmt: skip
    staff = make_user("staf_dinas", username="staf.pembiayaan", full_name="Rina Kurniawati")
    officer(branch, "bank.bri")
    officer(other_branch, "bank.klewer")
    owner, business = owner_with_business(name="Serabi Notosuman Bu Sri", nib="9120001234560")
    papers(owner, business, staff=staff, kinds=("ktp", "kk"))  # KTP and KK on file; no NIB yet
    nib_file = tmp_path / "NIB Serabi.pdf"
    nib_file.write_bytes(PDF)

    # 1. The owner, on a phone, sees KUR Mikro "not yet" because the NIB is missing.
    page.set_viewport_size(PHONE)
    browser_login(page, base, owner.username)
    page.goto(f"{base}/pembiayaan/saya/")
    card = page.locator("#skema-kur-mikro")
    expect(card.get_by_text("Belum memenuhi")).to_be_visible()
    expect(card.get_by_text("NIB atau SKU kelurahan belum ada")).to_be_visible()
    expect(card.get_by_text(re.compile("oss.go.id"))).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    page.screenshot(path=str(shots / "01-owner-eligibility-360.png"), full_page=True)

    # 2. Uploads the NIB from the phone and becomes eligible.
    card.get_by_role("link", name="Unggah NIB").click()
    expect(page.get_by_label("Jenis dokumen")).to_have_value("nib")
    assert_accessible(page)
    page.get_by_label("Nomor dokumen").fill("9120001234560")
    page.get_by_label("Berkas (PDF, JPG atau PNG)").set_input_files(str(nib_file))
    page.get_by_label("Tanggal terbit").fill("2021-02-01")
    assert_no_sideways_scroll(page)
    page.get_by_role("button", name="Unggah").click()
    expect(page.get_by_text("NIB (OSS) tersimpan")).to_be_visible()
    expect(card.get_by_text("Memenuhi syarat")).to_be_visible()
    page.screenshot(path=str(shots / "02-owner-eligible-360.png"), full_page=True)

    # 3. Starts a referral and consents.
    card.get_by_role("link", name="Ajukan KUR Mikro").click()
    assert_accessible(page)
    page.get_by_label("Kantor bank").select_option(label=str(branch))
    page.get_by_label("Jumlah yang diajukan (Rp)").fill("25.000.000")
    page.get_by_label("Keperluan dana").fill("beli oven dan bahan baku menjelang Lebaran")
    page.get_by_role("button", name="Buat pengajuan").click()
    expect(page.locator("#referral-state")).to_have_text("Draf")
    page.get_by_role("button", name="Saya setuju").click()
    expect(page.get_by_text("Persetujuan Anda tercatat.")).to_be_visible()
    page.get_by_role("button", name="Ajukan ke dinas").click()
    expect(page.locator("#referral-state")).to_have_text("Siap dikirim")
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    page.screenshot(path=str(shots / "03-owner-referral-360.png"), full_page=True)
    referral = Referral.objects.get()

    # 4. Staff verify the new NIB and send the referral to the bank.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, staff.username)
    page.goto(f"{base}/pembiayaan/staf/")
    assert_accessible(page)
    page.get_by_role("link", name="Serabi Notosuman Bu Sri").click()
    assert_accessible(page)
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("NIB (OSS) terverifikasi.")).to_be_visible()
    page.get_by_role("button", name="Kirim ke bank").click()
    expect(page.locator("#referral-state")).to_have_text("Dikirim ke bank")
    referral.refresh_from_db()
    assert referral.number

    # 5. The bank officer receives it, approves and records the disbursement.
    page.set_viewport_size(PHONE)
    browser_login(page, base, "bank.bri")
    expect(page.get_by_role("heading", name="Rujukan untuk kantor Anda")).to_be_visible()  # their home
    expect(page.get_by_text(referral.number)).to_be_visible()
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    page.screenshot(path=str(shots / "04-officer-list-360.png"), full_page=True)
    page.get_by_role("link", name=re.compile("Serabi Notosuman Bu Sri")).click()
    page.get_by_role("button", name="Konfirmasi rujukan diterima").click()
    expect(page.locator("#referral-state")).to_have_text("Diterima bank")
    page.get_by_role("button", name="Terima untuk ditinjau").click()
    expect(page.locator("#referral-state")).to_have_text("Ditinjau bank")
    page.get_by_label("Jumlah disetujui (Rp)").fill("20.000.000")
    page.get_by_role("button", name="Setujui").click()
    expect(page.locator("#referral-state")).to_have_text("Disetujui")
    expect(page.get_by_label("Jumlah dicairkan (Rp)")).to_have_value("20.000.000")
    page.get_by_label("Nomor akad").fill("BRI/KUR/2026/0042")
    page.get_by_role("button", name="Catat pencairan").click()
    expect(page.locator("#referral-state")).to_have_text("Dicairkan")
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    page.screenshot(path=str(shots / "05-officer-detail-360.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(shots / "06-officer-detail-desktop.png"), full_page=True)
    referral.refresh_from_db()
    assert referral.state == ReferralState.DISBURSED and referral.disbursed_amount == 20_000_000
    assert referral.disbursed_on == timezone.localdate() and referral.contract_number == "BRI/KUR/2026/0042"

    # 6. The owner sees the disbursement.
    page.set_viewport_size(PHONE)
    browser_login(page, base, owner.username)
    page.goto(f"{base}/pembiayaan/saya/rujukan/{referral.pk}/")
    expect(page.locator("#referral-state")).to_have_text("Dicairkan")
    expect(page.locator("#disbursed")).to_contain_text("Rp20.000.000")
    assert_accessible(page)
    page.screenshot(path=str(shots / "07-owner-disbursed-360.png"), full_page=True)

    # 7. Another branch's officer gets a 404.
    browser_login(page, base, "bank.klewer")
    response = page.goto(f"{base}/pembiayaan/bank/rujukan/{referral.pk}/")
    assert response.status == 404
    expect(page.get_by_text("Halaman tidak ditemukan")).to_be_visible()
    assert services  # the services module backs every step above
