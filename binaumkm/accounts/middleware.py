"""Shorter sessions for agency accounts: they see personal data of the whole city."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _

from . import conf
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
