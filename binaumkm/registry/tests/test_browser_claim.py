"""Claiming a record staff created, in Chromium at 360 px: staff print the registration slip, the
owner types the NIK and the code from it, and lands on their own business."""

import io
import os
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from binaumkm.core.testing import (
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, nik_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("BINAUMKM_SHOTS")  # a directory: save screenshots there to look at


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"claim-{name}.png"), full_page=True)


def test_staff_print_a_slip_and_the_owner_claims_their_business_with_its_code(page, live_server, areas):
    base = live_server.url
    make_user("staf_dinas", username="staf.klaim", full_name="Rina Staf")
    owner = OwnerFactory(full_name="Darmi Sukarni", nik=nik_for(720, female=True), phone="", email="")
    business = BusinessFactory(owner=owner, name="Gudeg Bu Darmi")
    page.set_viewport_size(PHONE)
    page.on("dialog", lambda dialog: dialog.accept())  # "older codes stop working" prompt

    # 1. Staff (on a phone at the help desk) print the slip.
    browser_login(page, base, "staf.klaim")
    page.goto(f"{base}/staf/umkm/{business.pk}/")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Cetak slip pendaftaran (kode klaim)").click()
    with open(info.value.path(), "rb") as f:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages)
    assert "SLIP PENDAFTARAN UMKM" in text and "Gudeg Bu Darmi" in text
    code = re.search(r"\b[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\b", text).group(0)

    # 2. The owner opens the login page, follows the claim link, and types NIK and code.
    page.context.clear_cookies()
    page.goto(f"{base}/akun/masuk/")
    page.get_by_role("link", name="Klaim dengan kode dari slip pendaftaran").click()
    expect(page.get_by_role("heading", name="Klaim data pemilik")).to_be_visible()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_label("NIK").fill(owner.nik)
    page.get_by_label("Kode klaim").fill("22222-33333")  # a typo first: one plain message
    page.get_by_label("Nomor HP").fill("0812 3456 7720")
    page.get_by_label(re.compile(r"^Kata sandi")).fill("gudeg-manggar-9")
    page.get_by_label("Ulangi kata sandi").fill("gudeg-manggar-9")
    page.get_by_label(re.compile("Saya setuju")).check()
    page.get_by_role("button", name="Klaim data saya").click()
    expect(page.get_by_role("alert").filter(has_text="NIK atau kode klaim tidak cocok")).to_be_visible()
    assert_accessible(page)
    shot(page, "refused")

    page.get_by_label("Kode klaim").fill(code)
    page.get_by_label(re.compile(r"^Kata sandi")).fill("gudeg-manggar-9")
    page.get_by_label("Ulangi kata sandi").fill("gudeg-manggar-9")
    page.get_by_role("button", name="Klaim data saya").click()

    # 3. Signed in, on their own businesses, with the record staff made.
    expect(page.get_by_text("Data Anda sudah tertaut ke akun ini.")).to_be_visible()
    expect(page.get_by_role("heading", name="Gudeg Bu Darmi")).to_be_visible()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    shot(page, "claimed")
