"""The one error path of the API: every refusal is JSON ``{"detail": "…"}`` in the active language
(Bahasa Indonesia unless the caller chose English), never an HTML page and never a 500 for bad input."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError


def json_error(message: str, status: int, **extra: Any) -> JsonResponse:
    return JsonResponse(
        {"detail": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any other path under /api/ (and an id that is not a number): a JSON 404."""
    return json_error(_("Tidak ditemukan."), 404)


def _field_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("Wajib diisi.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Harus bilangan bulat.")
    if kind in ("greater_than_equal", "greater_than"):
        return _("Paling kecil %(n)s.") % {"n": ctx.get("ge", ctx.get("gt"))}
    if kind in ("less_than_equal", "less_than"):
        return _("Paling besar %(n)s.") % {"n": ctx.get("le", ctx.get("lt"))}
    if kind in ("literal_error", "enum"):
        return _("Pilihan tidak dikenal. Pilihan: %(choices)s.") % {"choices": ctx.get("expected", "")}
    if kind in ("string_too_long",):
        return _("Terlalu panjang.")
    return _("Nilai tidak sah.")


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or None, "message": _field_message(e)}
            for e in exc.errors
        ]
        return json_error(_("Parameter permintaan tidak sah."), 400, errors=errors)

    @api.exception_handler(DjangoValidationError)
    def refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return json_error(" ".join(exc.messages), 400)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = json_error(
            _("Token tidak ada, tidak dikenal, sudah dicabut atau kedaluwarsa. Kirim header "
              "Authorization: Bearer <token> dengan token yang masih berlaku."), 401,
        )  # fmt: skip
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = json_error(_("Terlalu banyak permintaan. Coba lagi sebentar lagi."), 429)
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(AuthorizationError)
    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return json_error(_("Anda tidak berhak melihat data ini."), 403)

    @api.exception_handler(Http404)
    def missing(request: HttpRequest, exc: Http404) -> HttpResponse:
        return json_error(_("Tidak ditemukan."), 404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return json_error(exc.message, exc.status_code)
