"""Second-factor pages: enrolment (QR code, recovery codes shown once) and the code after sign-in."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from binaumkm.core.policy import permission_required
from binaumkm.core.qr import qr_svg
from binaumkm.core.viewkit import apply_service_errors

from . import second_factor
from .forms import SecondFactorForm
from .roles import AGENCY_PERMISSION


def _next(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    ok = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if ok and target else "home"


@never_cache
@permission_required(AGENCY_PERMISSION)
def second_factor_setup(request):
    device = second_factor.pending_device(request.user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = second_factor.second_factor_enrol(actor=request.user, token=form.cleaned_data["token"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            otp_login(request, second_factor.enrolled_device(request.user))
            # Shown in this answer only: the codes are not kept anywhere readable.
            return render(
                request, "accounts/second_factor_codes.html", {"codes": codes, "next": _next(request)}
            )
    # Apps take the key typed in as base32 (device.key is hex), in groups of four for reading.
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    secret = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    context = {"form": form, "qr": qr_svg(device.config_url), "secret": secret, "next": _next(request)}
    return render(request, "accounts/second_factor_setup.html", context)


@never_cache
@login_required
def second_factor_verify(request):
    if request.user.is_verified() or not second_factor.enrolled(request.user):
        return redirect(_next(request))
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # django-otp refuses every code for a while after a wrong one: say so, not "wrong code".
        if wait := second_factor.throttle_wait(request.user):
            form.add_error(
                "token",
                ngettext(
                    "Terlalu banyak kode yang salah. Tunggu %(n)d detik, lalu masukkan kode yang baru.",
                    "Terlalu banyak kode yang salah. Tunggu %(n)d detik, lalu masukkan kode yang baru.",
                    wait,
                )
                % {"n": wait},
            )
            return render(
                request, "accounts/second_factor_verify.html", {"form": form, "next": _next(request)}
            )
        device = second_factor.second_factor_verify(actor=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request, _("Kode pemulihan terpakai. Pasang ulang autentikator bila ponsel Anda hilang.")
                )
            return redirect(_next(request))
        form.add_error("token", _("Kode salah atau sudah dipakai."))
    return render(request, "accounts/second_factor_verify.html", {"form": form, "next": _next(request)})
