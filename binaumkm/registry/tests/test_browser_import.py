"""Staff import the agency's own spreadsheet in Chromium: upload it, correct one column of the
proposed mapping, confirm the sector suggestions, read the preview and import. The imported
businesses carry the cleaned values. Screenshots go to var/screenshots/ for review."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.registry.models import Business, ImportJob
from binaumkm.registry.tests.agency_files import agency_workbook

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("sector_keywords"),
]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"registry-import-{name}.png"), full_page=True)


def test_staff_import_an_agency_spreadsheet(page, live_server, areas, tmp_path):
    base = live_server.url
    make_user("staf_dinas", username="staf.impor", full_name="Rina Staf")
    path = tmp_path / "DATA UMKM BINAAN 2021.xlsx"
    path.write_bytes(agency_workbook())
    page.on("dialog", lambda dialog: dialog.accept())  # "rows with errors will be skipped" prompt

    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.impor")
    page.goto(f"{base}/staf/impor/")
    assert_accessible(page)
    page.get_by_label("Berkas Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Unggah dan periksa").click()

    # 1. The proposed mapping, with confidence; staff map the column the system did not recognise.
    expect(page.get_by_role("heading", name="Pemetaan kolom")).to_be_visible()
    expect(page.get_by_text("tabel di lembar “Data UMKM”, nama kolom di baris 4")).to_be_visible()
    expect(page.get_by_label("L/P")).to_have_value("jenis_kelamin")
    expect(page.get_by_label("No. HP")).to_have_value("hp_pemilik")
    expect(page.get_by_label("Nilai Investasi")).to_have_value("")
    page.get_by_label("Nilai Investasi").select_option("modal_usaha")
    assert_accessible(page)
    shot(page, "1-mapping")
    page.set_viewport_size(PHONE)
    assert_no_sideways_scroll(page)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Konfirmasi pemetaan").click()

    # 2. One decision per distinct sector value, suggested from the keyword table.
    expect(page.get_by_role("button", name="Konfirmasi sektor")).to_be_visible()
    expect(page.get_by_label("Kuliner")).to_have_value("I")
    expect(page.get_by_label("Bengkel")).to_have_value("G")
    expect(page.get_by_text("3 baris · saran dari kata kunci “kuliner”")).to_be_visible()
    assert_accessible(page)
    shot(page, "2-sectors")
    page.set_viewport_size(PHONE)
    assert_no_sideways_scroll(page)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("button", name="Konfirmasi sektor").click()

    # 3. The preview says what was understood: per column, per row (old → new), and the errors.
    expect(page.get_by_role("heading", name="Yang dipahami per kolom")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text(
        "8 baris diperiksa: 6 usaha baru, 0 sudah terdaftar, 2 salah."
    )
    expect(page.locator("#import-columns")).to_contain_text("Modal usaha (Rp)")
    expect(page.locator("#import-cleaned")).to_contain_text("0812-2634-5678 → +6281226345678")
    expect(page.locator("#import-cleaned")).to_contain_text("Kel. Penumping → Penumping (Laweyan)")
    expect(page.locator("#import-errors")).to_contain_text("3.37203E+15")
    assert_accessible(page)
    shot(page, "3-preview")
    page.set_viewport_size(PHONE)
    assert_no_sideways_scroll(page)
    shot(page, "3-preview-phone")
    assert Business.objects.count() == 0  # nothing is written before the preview is confirmed
    page.get_by_role("button", name="Impor hanya 6 baris yang valid").click()

    expect(page.get_by_text("6 UMKM berhasil diimpor")).to_be_visible()
    assert_accessible(page)
    shot(page, "4-done")
    assert ImportJob.objects.get().state == ImportJob.State.DONE
    got = {b.name: b for b in Business.objects.select_related("owner", "kelurahan")}
    sri = got["Serabi Notosuman Bu Sri"]
    assert (sri.owner.phone, sri.owner.gender, sri.kelurahan.name, sri.kbli_section) == (
        "+6281226345678", "P", "Kauman", "I")  # fmt: skip
    assert (sri.annual_sales, sri.capital) == (120_000_000, 25_000_000)
    assert got["Batik Tulis Santoso"].kelurahan.name == "Penumping"
    assert got["Batik Tulis Santoso"].annual_sales == 60_000_000
    assert got["Angkringan Pak Joko"].owner.phone == "+6281299990001"

    # 4. Staff extend the keyword table behind the suggestions, on a phone.
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/staf/impor/kata-kunci-sektor/")
    page.get_by_label("Kata kunci").fill("Wedang ronde")
    page.get_by_label("Sektor (kategori KBLI)").select_option("I")
    page.get_by_role("button", name="Simpan kata kunci").click()
    expect(page.locator("#keyword-list")).to_contain_text("wedang ronde")
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    shot(page, "5-keywords-phone")
