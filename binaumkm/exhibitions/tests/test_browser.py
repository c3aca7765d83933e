"""The exhibition's main path in Chromium: staff open a call; two owners apply from 360 px phones; a
curator scores; staff draw and publish the booths; one owner declines and the next on the waiting
list is offered the booth; at the bazaar the exhibitor checks in by the booth's QR code and reports
the day's sales; staff close it and download the accountability report (PDF)."""

import os
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible_once,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
    pdf_text,
)
from binaumkm.exhibitions.models import Application, Assignment, AssignmentState, State, Status
from binaumkm.exhibitions.tests.factories import curator_for, exhibition_with_booths, owner_with_business

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")
a11y = assert_accessible_once  # axe on each kind of page the first time it is opened


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_open_call_apply_curate_allocate_decline_check_in_sales_report(page, live_server, areas):
    base = live_server.url
    make_user("staf_dinas", username="staf.pameran", full_name="Rina Staf")
    exhibition = exhibition_with_booths(1, name="Bazar UMKM Ngarsopuro", state=State.PLANNING,
                                        co_hosts=["Bank Indonesia Solo"], target_sectors=[])  # fmt: skip
    today = timezone.localdate()
    exhibition.venues.update(start_date=today, end_date=today, name="Ngarsopuro")
    curator = curator_for(exhibition, username="kurator.pameran")
    ana, ana_business = owner_with_business(kelurahan=Kelurahan.objects.get(name="Kauman"), category="batik")
    budi, budi_business = owner_with_business(
        kelurahan=Kelurahan.objects.get(name="Jebres"), category="makanan"
    )
    owners = {ana_business.pk: ana, budi_business.pk: budi}

    # 1. Staff open the call.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.pameran")
    page.goto(f"{base}/pameran/staf/{exhibition.pk}/")
    a11y(page)
    page.get_by_role("button", name="Buka pendaftaran").click()
    expect(page.locator("#state")).to_contain_text("Pendaftaran dibuka")
    a11y(page)

    # 2. Two owners apply from their phones.
    page.set_viewport_size(PHONE)
    for user, business in ((ana, ana_business), (budi, budi_business)):
        browser_login(page, base, user.username)
        page.goto(f"{base}/pameran/")
        a11y(page)
        page.get_by_role("link", name=re.compile("Bazar UMKM Ngarsopuro")).click()
        assert_no_sideways_scroll(page)
        a11y(page)
        page.get_by_label(re.compile(business.products.get().name)).check()
        page.get_by_label("Catatan untuk panitia").fill("Bawa meja lipat sendiri")
        if user == ana:
            shot(page, "owner-apply-form-360")
        page.get_by_role("button", name="Kirim pendaftaran").click()
        expect(page.locator("#status")).to_contain_text("Memenuhi syarat")
        a11y(page)
        assert_no_sideways_scroll(page)
        if user == ana:
            shot(page, "owner-application-360")

    # 3. Staff close the call; the curator scores both.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.pameran")
    page.goto(f"{base}/pameran/staf/{exhibition.pk}/")
    page.get_by_role("button", name="Tutup pendaftaran").click()
    expect(page.locator("#state")).to_contain_text("Kurasi")
    browser_login(page, base, curator.username)
    page.goto(f"{base}/pameran/kurasi/")
    a11y(page)
    page.get_by_role("link", name=re.compile("Bazar UMKM Ngarsopuro")).click()
    a11y(page)
    for business in (ana_business, budi_business):
        page.get_by_role("link", name=re.compile(business.name)).click()
        a11y(page)
        for fieldset in page.locator("fieldset").all():
            fieldset.locator("label", has_text="4").click()
        page.get_by_label("Catatan kurator").fill("Produk rapi, stok cukup")
        page.get_by_role("button", name="Simpan penilaian").click()
        expect(page.get_by_text("Penilaian disimpan.")).to_be_visible()
        a11y(page)
    expect(page.get_by_text("sudah dinilai")).to_have_count(2)

    # 4. Staff close the curation, preview the draw with a seed and publish it.
    browser_login(page, base, "staf.pameran")
    page.goto(f"{base}/pameran/staf/{exhibition.pk}/")
    page.get_by_role("button", name="Tutup kurasi").click()
    page.get_by_role("link", name="Pratinjau alokasi").click()
    a11y(page)
    page.get_by_label("Kode undian").fill("2024")
    page.get_by_role("button", name="Hitung ulang").click()
    expect(page.locator("#seed")).to_have_text("2024")
    expect(page.get_by_role("link", name="Ditawari booth (1)")).to_be_visible()
    a11y(page)
    page.get_by_role("button", name="Umumkan hasil").click()
    expect(page.get_by_text("Hasil alokasi diumumkan (kode undian 2024)")).to_be_visible()
    a11y(page)

    # 5. The offered owner cannot come and declines: the booth is offered to the next on the list.
    offered = Application.objects.get(status=Status.OFFERED)
    waiting = Application.objects.get(status=Status.WAITLISTED)
    booth_code = offered.assignments.get().booth.code
    mail.outbox.clear()
    page.set_viewport_size(PHONE)
    browser_login(page, base, owners[offered.business_id].username)
    page.goto(f"{base}/pameran/lamaran/{offered.pk}/")
    expect(page.locator("#offer")).to_contain_text(f"Booth {booth_code} untuk Anda")
    expect(page.locator("#reasons")).to_contain_text("kode undian 2024")
    a11y(page)
    page.get_by_role("button", name="Tidak bisa ikut").click()
    expect(page.locator("#status")).to_contain_text("Menolak tawaran")
    next_user = owners[waiting.business_id]
    assert any("Booth untuk Anda" in m.subject and waiting.business.owner.email in m.to for m in mail.outbox)
    browser_login(page, base, next_user.username)
    page.goto(f"{base}/pameran/lamaran/{waiting.pk}/")
    expect(page.locator("#status")).to_contain_text("Ditawari booth")
    expect(page.locator("#reasons")).to_contain_text("Booth dari daftar tunggu")
    page.get_by_role("button", name="Ya, saya ikut").click()
    expect(page.locator("#status")).to_contain_text("Booth diterima")
    assert_no_sideways_scroll(page)

    # 6. The bazaar starts; the exhibitor scans the QR code at the booth and reports the day's sales.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.pameran")
    page.goto(f"{base}/pameran/staf/{exhibition.pk}/")
    page.get_by_role("button", name="Mulai acara").click()
    expect(page.locator("#state")).to_contain_text("Berlangsung")
    page.get_by_role("link", name="Ngarsopuro").click()
    expect(page.locator("#floor-plan .fp-assigned")).to_have_count(1)
    a11y(page)
    shot(page, "floor-plan")
    assignment = Assignment.objects.get(state=AssignmentState.ASSIGNED)
    page.set_viewport_size(PHONE)
    browser_login(page, base, next_user.username)
    page.goto(f"{base}/pameran/booth/{assignment.booth.token}/")  # what the camera opens
    a11y(page)
    page.get_by_role("button", name="Saya sudah di booth").click()
    expect(page.get_by_text(f"Hadir tercatat di booth {booth_code}")).to_be_visible()
    a11y(page)
    page.get_by_role("link", name="Laporkan penjualan").click()
    a11y(page)
    page.get_by_label("Penjualan kotor (Rp)").fill("2.750.000")
    page.get_by_label("Jumlah transaksi").fill("41")
    page.get_by_label("Tunai (Rp)").fill("750.000")
    page.get_by_label("QRIS (Rp)").fill("2.000.000")
    page.get_by_label("Calon pembeli/mitra (kontak)").fill("6")
    page.get_by_role("button", name="Simpan laporan").click()
    expect(page.locator("#reported")).to_contain_text("Rp2.750.000")
    a11y(page)
    assert_no_sideways_scroll(page)
    shot(page, "owner-sales-360")

    # 7. Staff close the bazaar and download the accountability report.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.pameran")
    page.goto(f"{base}/pameran/staf/{exhibition.pk}/")
    page.locator("summary", has_text="Tutup acara").click()
    page.get_by_role("button", name="Ya, tutup acara").click()
    expect(page.locator("#state")).to_contain_text("Ditutup")
    page.get_by_role("link", name="Laporan").first.click()
    expect(page.locator("#gross")).to_have_text("Rp2.750.000")
    a11y(page)
    shot(page, "report-page")
    with page.expect_download() as info:
        page.locator("#report-pdf").click()
    with open(info.value.path(), "rb") as f:
        pdf = f.read()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "LAPORAN PERTANGGUNGJAWABAN" in text and "Bazar UMKM Ngarsopuro" in text and "Rp2.750.000" in text
    if SHOTS:
        with open(os.path.join(SHOTS, "report.pdf"), "wb") as out:
            out.write(pdf)
