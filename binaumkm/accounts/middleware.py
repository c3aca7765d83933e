"""Shorter sessions for agency accounts: they see personal data of the whole city."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from . import conf, second_factor
from .roles import AGENCY_PERMISSION

STARTED = "binaumkm_session_started"
SEEN = "binaumkm_session_seen"


class SessionLifetimeMiddleware:
    """Ends an agency account's session after ``AGENCY_SESSION_IDLE_SECONDS`` without a request
    or ``AGENCY_SESSION_MAX_SECONDS`` after signing in; the next request goes to the login page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.has_perm(AGENCY_PERMISSION):
            now = int(time.time())
            started = request.session.get(STARTED, now)
            seen = request.session.get(SEEN, now)
            idle, total = conf.AGENCY_SESSION_IDLE_SECONDS, conf.AGENCY_SESSION_MAX_SECONDS
            if now - seen > idle or now - started >= total:
                logout(request)
                messages.info(request, _("Sesi Anda berakhir. Silakan masuk lagi."))
                login = resolve_url(settings.LOGIN_URL)
                return redirect(f"{login}?{urlencode({'next': request.get_full_path()})}")
            if STARTED not in request.session or now - seen >= conf.SESSION_SEEN_RESOLUTION_SECONDS:
                request.session[STARTED] = started
                request.session[SEEN] = now
                request.session.set_expiry(idle)
        response = self.get_response(request)
        # Right after signing in (the login request itself) the clock starts.
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and STARTED not in request.session
            and user.has_perm(AGENCY_PERMISSION)
        ):
            now = int(time.time())
            request.session[STARTED] = request.session[SEEN] = now
            request.session.set_expiry(conf.AGENCY_SESSION_IDLE_SECONDS)
        return response


class SecondFactorMiddleware:
    """An agency account that signed in with its password alone reaches only the second-factor
    pages (and logout) until it gives a code: to enrolment if it has no authenticator yet and
    ``REQUIRE_2FA`` is on, else to the code page."""

    OPEN = {"accounts:second_factor", "accounts:second_factor_setup", "accounts:logout", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and user.has_perm(AGENCY_PERMISSION)
        ):
            match = getattr(resolve_or_none(request.path_info), "view_name", None)
            if match not in self.OPEN:
                target = self._target(user)
                if target:
                    return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _target(user) -> str | None:
        if second_factor.enrolled(user):
            return "accounts:second_factor"
        if second_factor.required_for(user):
            return "accounts:second_factor_setup"
        return None


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None
