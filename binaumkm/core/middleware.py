from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class LanguageMiddleware:
    """Bahasa Indonesia first: the browser's Accept-Language is ignored; English only when the user
    picks it with the language switch (stored in the language cookie)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() restores the previous language afterwards, so nothing leaks to the next request
        # or to background work on the same thread.
        with translation.override(language):
            response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class InputHygieneMiddleware:
    """Refuses what no page can use, with a 400 in Indonesian instead of a 500 deep inside: a NUL
    byte anywhere in the path, query or form fields (PostgreSQL cannot store one), and numbers too
    large for the database (an id of 10**30 overflows SQLite's integers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            return self._refuse(request, _("Permintaan berisi karakter yang tidak sah (NUL)."))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return True
        try:
            pairs = [*request.GET.lists(), *(request.POST.lists() if request.method == "POST" else [])]
        except Exception:  # noqa: BLE001 - a malformed body is Django's to answer (400)
            return False
        return any("\x00" in key or any("\x00" in v for v in values) for key, values in pairs)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            return self._refuse(request, _("Angka yang dikirim terlalu besar."))
        return None

    @staticmethod
    def _refuse(request, message: str):
        if request.path.startswith("/api/"):  # API callers read JSON, never an HTML page
            return JsonResponse({"detail": str(message)}, status=400)
        return render(request, "400.html", {"message": message}, status=400)


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response (Django 5.2 has neither).
    The policies are settings (CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY); a response that set
    its own keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
