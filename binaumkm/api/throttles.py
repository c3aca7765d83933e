"""Request rates: anonymous callers per client address (``core.net.client_ip``, never a header read
directly), signed-in callers per token (or per user for a session)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.throttling import SimpleRateThrottle

from binaumkm.core.net import client_ip

from . import conf


class _SettingsRate(SimpleRateThrottle):
    """Reads its rate on every request, so a changed setting applies without a restart."""

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class AnonymousRate(_SettingsRate):
    scope = "api_anon"

    def get_rate(self) -> str:
        return conf.ANON_RATE

    def get_cache_key(self, request: HttpRequest) -> str | None:
        return f"api-throttle:anon:{client_ip(request)}"


class TokenRate(_SettingsRate):
    scope = "api_token"

    def get_rate(self) -> str:
        return conf.TOKEN_RATE

    def get_cache_key(self, request: HttpRequest) -> str | None:
        token = getattr(request, "api_token", None)
        if token is not None:
            return f"api-throttle:token:{token.pk}"
        return f"api-throttle:user:{request.user.pk}"
