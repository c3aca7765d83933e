"""Agency accounts sign in with a second factor: enrolment with a QR code and recovery codes shown
once, a code from the app at every sign-in, a recovery code that works once, no way around it."""

import base64
import datetime
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from binaumkm.accounts.events import Event
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db
STAFF_PAGE = "/staf/umkm/"
SETUP = "/akun/dua-langkah/pasang/"
VERIFY = "/akun/dua-langkah/"


@pytest.fixture(autouse=True)
def require_2fa(settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "REQUIRE_2FA": True}


def code(device, steps_ahead=0):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


def password_login(client, user):
    client.logout()
    response = client.post("/akun/masuk/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def enrol(client, user):
    password_login(client, user)
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302 and response.url.startswith(SETUP)
    page = client.get(SETUP).content.decode()
    assert "<svg" in page  # the QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page  # typed-in key: base32
    response = client.post(SETUP, {"token": code(device)})
    assert response.status_code == 200
    return device, response.context["codes"]


def test_staff_without_an_authenticator_are_sent_to_enrolment_and_get_in_after(client, staff_user):
    password_login(client, staff_user)
    for page in (STAFF_PAGE, "/", "/akun/pengguna/"):
        response = client.get(page)
        assert response.status_code == 302 and response.url.startswith(SETUP), page
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)
    response = client.post(SETUP, {"token": "000000" if code(device) != "000000" else "111111"})
    assert response.status_code == 200 and "Kode tidak cocok" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=staff_user, confirmed=True).exists()
    response = client.post(SETUP, {"token": code(device)})
    codes = response.context["codes"]
    assert len(codes) == 10 and all(c in response.content.decode() for c in codes)
    assert "no-store" in response["Cache-Control"]
    assert AuditEntry.objects.filter(
        action=Event.SECOND_FACTOR_ENROLLED, object_id=str(staff_user.pk)
    ).exists()
    assert client.get(STAFF_PAGE).status_code == 200
    # Shown once: the setup page now starts a new device, never the old codes.
    assert not any(c in client.get(SETUP).content.decode() for c in codes)


def test_sign_in_needs_a_code_and_the_password_alone_reaches_nothing(client, staff_user):
    device, _codes = enrol(client, staff_user)
    password_login(client, staff_user)
    for page in (STAFF_PAGE, "/", "/akun/pengguna/", reverse("registry:business_export", args=["csv"])):
        response = client.get(page)
        assert (response.status_code, response.url[: len(VERIFY)]) == (302, VERIFY), page
    response = client.post(VERIFY, {"token": "12345"})
    assert response.status_code == 200 and "Kode salah" in response.content.decode()
    assert client.get(STAFF_PAGE).status_code == 302
    # django-otp throttles a device after a failure (1 s, doubling): a guess right after is refused.
    response = client.post(VERIFY, {"token": code(device, steps_ahead=1)})
    assert response.status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=60)
    )
    response = client.post(f"{VERIFY}?next={STAFF_PAGE}", {"token": code(device, steps_ahead=1)})
    assert response.status_code == 302 and response.url == STAFF_PAGE
    assert client.get(STAFF_PAGE).status_code == 200


def test_a_recovery_code_works_once(client, staff_user):
    _device, codes = enrol(client, staff_user)
    password_login(client, staff_user)
    response = client.post(VERIFY, {"token": codes[3].upper()})
    assert response.status_code == 302 and client.get(STAFF_PAGE).status_code == 200
    assert AuditEntry.objects.filter(action=Event.SECOND_FACTOR_RECOVERY_USED).count() == 1
    password_login(client, staff_user)
    response = client.post(VERIFY, {"token": codes[3]})
    assert response.status_code == 200 and "sudah dipakai" in response.content.decode()
    assert client.get(STAFF_PAGE).status_code == 302


def test_owners_are_never_asked_and_the_setting_off_lets_staff_in(client, owner_user, staff_user, settings):
    client.force_login(owner_user)
    assert client.get(reverse("registry:my_businesses")).status_code == 200
    assert client.get(SETUP).status_code == 403
    settings.BINAUMKM = {**settings.BINAUMKM, "REQUIRE_2FA": False}
    client.force_login(staff_user)
    assert client.get(STAFF_PAGE).status_code == 200


def test_the_enrolment_page_keeps_one_pending_device_however_often_it_is_opened(client, staff_user):
    password_login(client, staff_user)
    pages = [client.get(SETUP).content.decode() for _ in range(3)]
    device = TOTPDevice.objects.get(user=staff_user, confirmed=False)  # one, not three
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert all(secret[:4] in page for page in pages)  # the QR code the user scanned stays valid


def test_a_code_while_django_otp_holds_back_says_how_long_to_wait(client, staff_user):
    device, codes = enrol(client, staff_user)
    password_login(client, staff_user)
    assert "Kode salah" in client.post(VERIFY, {"token": "12345"}).content.decode()
    # As after five wrong codes in a row: django-otp holds every device back for 16 s.
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=staff_user).update(throttling_failure_count=5)
    page = client.post(VERIFY, {"token": code(device, steps_ahead=1)}).content.decode()
    wait = re.search(r"Terlalu banyak kode yang salah. Tunggu (\d+) detik", page)
    assert wait and 10 <= int(wait.group(1)) <= 16 and "Kode salah" not in page
    page = client.post(VERIFY, {"token": codes[0]}).content.decode()  # recovery codes wait too
    assert "Terlalu banyak kode yang salah" in page and "sudah dipakai" not in page
    assert client.get(STAFF_PAGE).status_code == 302
