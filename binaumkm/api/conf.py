"""API tunables: token lifetime and request rates (ninja's "number/period" form)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    "TOKEN_DAYS": 90,  # a token's default lifetime
    "TOKEN_MAX_DAYS": 365,
    "MAX_TOKENS": 5,  # live tokens per user
    "ANON_RATE": "60/m",  # per client address, for the open-data endpoints
    "TOKEN_RATE": "600/m",  # per token (or per signed-in session)
    "PAGE_SIZE": 50,
    "MAX_PAGE_SIZE": 100,
}

__getattr__ = app_settings("API", DEFAULTS)
