"""Who is calling: a personal token (``Authorization: Bearer …``) or, for people trying the API from
its docs page, their signed-in session. Either way the caller is a user and sees what their pages show."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from binaumkm.core.policy import holds

from .policy import USE_API
from .services import token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = token_authenticate(token)
        if found is None or not holds(found.user, USE_API):
            return None
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]  # the throttle counts per token
        return found.user


class Session(SessionAuth):
    """The signed-in session (GET only here: every endpoint reads; ninja checks CSRF on writes)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        return user if user is not None and holds(user, USE_API) else None


AUTH = [BearerToken(), Session()]
