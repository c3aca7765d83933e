"""A staff member enrols an authenticator in a real browser: the QR page and the recovery codes page
are accessible at phone and desktop widths and break no Content-Security-Policy."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from binaumkm.accounts.roles import Role
from binaumkm.accounts.tests.test_second_factor import code
from binaumkm.core.testing import PHONE, assert_accessible, browser_login, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_enrol_from_the_login_page(page, live_server, settings, tmp_path):
    settings.BINAUMKM = {**settings.BINAUMKM, "REQUIRE_2FA": True}
    staff = make_user(Role.STAFF, username="staf.otp")
    browser_login(page, live_server.url, "staf.otp")  # lands on enrolment (checked with axe there)
    assert "/akun/dua-langkah/pasang/" in page.url
    assert page.locator("svg").first.is_visible()
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(tmp_path / "setup.png"), full_page=True)
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    page.get_by_role("textbox", name="Kode").fill(code(device))
    page.get_by_role("button", name="Aktifkan").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Verifikasi dua langkah aktif").is_visible()
    assert page.locator("ul.font-monospace li").count() == 10
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(tmp_path / "codes.png"), full_page=True)
    page.get_by_role("link", name="Sudah saya simpan, lanjutkan").click()
    page.wait_for_load_state()
    assert page.url.endswith("/staf/")
    assert_accessible(page)
