"""Asks an owner to agree again when a new version of the privacy notice is in effect."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from . import selectors

# Pages an owner can still reach before agreeing (reading the notice, agreeing, leaving).
EXEMPT_PREFIXES = ("/static/", "/media/", "/privasi/", "/akun/keluar/", "/i18n/", "/healthz")


class ConsentMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method == "GET"
            and user is not None
            and user.is_authenticated
            and not request.headers.get("HX-Request")
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            notice = selectors.consent_renewal_needed(user)
            if notice is not None:
                return redirect(f"{reverse('privacy:notice')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
