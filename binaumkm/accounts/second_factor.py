"""Second factor for agency accounts: a TOTP app (django-otp's TOTP device) and ten one-use
recovery codes (its static device). Services: every write here is atomic and audited.

Required for agency accounts when ``BINAUMKM["REQUIRE_2FA"]`` is on (production default); an
account that enrolled is asked for a code at every sign-in whatever the setting.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.models import VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from binaumkm.core import audit, policy

from .events import Event
from .models import User
from .roles import AGENCY_PERMISSION

RECOVERY_CODES = 10
DEVICE_NAME = "Bina UMKM"


def required_for(user: User) -> bool:
    return bool(settings.BINAUMKM.get("REQUIRE_2FA")) and policy.holds(user, AGENCY_PERMISSION)


def enrolled(user: User) -> bool:
    return any(isinstance(d, TOTPDevice) for d in devices_for_user(user, confirmed=True))


def enrolled_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def pending_device(user: User) -> TOTPDevice:
    """The device being set up (created on first visit of the enrolment page, unconfirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def throttle_wait(user: User) -> int:
    """Seconds until django-otp lets the user try a code again (0: now). Each device (the app, the
    recovery codes) holds back after a failure, 1 s doubling; a code is refused outright only while
    every device is held back. Asked before verifying, so the page can say "wait", not "wrong code"."""
    now = timezone.now()
    waits = []
    for device in devices_for_user(user, confirmed=True):
        allowed, info = device.verify_is_allowed()
        if allowed or not info or info.get("reason") != VerifyNotAllowed.N_FAILED_ATTEMPTS:
            return 0
        waits.append((info["locked_until"] - now).total_seconds())
    return math.ceil(max(0.0, min(waits))) if waits else 0


def _clean(token: str) -> str:
    return "".join((token or "").split()).replace("-", "").lower()


@transaction.atomic
def second_factor_enrol(*, actor: User, token: str) -> list[str]:
    """Confirm the pending TOTP device with a code from the app; returns the recovery codes (shown
    once: only their use is stored)."""
    if not policy.holds(actor, AGENCY_PERMISSION):
        raise ValidationError(_("Verifikasi dua langkah hanya untuk akun pegawai dinas."))
    device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).first()
    if device is None or not device.verify_token(_clean(token)):
        raise ValidationError(
            {"token": _("Kode tidak cocok. Periksa jam ponsel Anda lalu coba kode yang baru.")}
        )
    TOTPDevice.objects.filter(user=actor, confirmed=True).delete()  # re-enrolment replaces the old phone
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    StaticDevice.objects.filter(user=actor).delete()
    static = StaticDevice.objects.create(user=actor, name=_("Kode pemulihan"), confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    audit.record(actor=actor, action=Event.SECOND_FACTOR_ENROLLED, obj=actor)
    return codes


@transaction.atomic
def second_factor_verify(*, actor: User, token: str):
    """The confirmed device that accepts ``token`` (an app code or an unused recovery code, which
    is then spent), or None. django-otp throttles repeated failures per device."""
    code = _clean(token)
    if not code:
        return None
    for device in devices_for_user(actor, confirmed=True):
        if isinstance(device, StaticDevice):
            continue
        if device.verify_token(code):
            return device
    for device in StaticDevice.objects.select_for_update().filter(user=actor, confirmed=True):
        if device.verify_token(code):  # deletes the token: one use
            audit.record(actor=actor, action=Event.SECOND_FACTOR_RECOVERY_USED, obj=actor,
                         data={"left": device.token_set.count()})  # fmt: skip
            return device
    return None
