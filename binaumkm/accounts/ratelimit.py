"""Throttling of guesses: login, claim codes, password reset and sign-up.

Login failures are counted three ways (in the cache, each count forgotten ``LOGIN_WINDOW_SECONDS``
after its last failure):

- per account and address: after ``LOGIN_MAX_ATTEMPTS`` failures that address may not try that
  account again for the window;
- per account, from anywhere: after ``LOGIN_MAX_ATTEMPTS`` failures each further attempt must wait
  a delay that doubles with every failure (up to ``LOGIN_MAX_DELAY_SECONDS``): guessing from many
  addresses slows to a crawl. The owner is not locked out: an address the account signed in from
  before (its *known* addresses) skips this delay;
- per address, across accounts: after ``LOGIN_ADDRESS_MAX_ATTEMPTS`` failures the address may not
  try accounts it is not known for. An office behind one address where someone guesses keeps
  working for everyone who has signed in from there before.

Identifiers are normalised first, so that every spelling of one phone number (0812…, +62 812…,
62-812…) shares one counter, e-mail addresses are lower-cased, usernames stripped and lower-cased.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError

from binaumkm.core.net import client_ip
from binaumkm.core.validators import normalize_phone

from . import conf

KNOWN_ADDRESSES_KEPT = 10
KNOWN_ADDRESS_SECONDS = 180 * 24 * 3600


def normalize_identifier(identifier: str) -> str:
    text = (identifier or "").strip()
    if "@" in text:
        return text.lower()
    try:
        return normalize_phone(text)
    except ValidationError:
        return text.lower()


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _cfg(name: str, default: int) -> int:
    return int(settings.BINAUMKM.get(name, default))


def _window() -> int:
    return _cfg("LOGIN_WINDOW_SECONDS", 15 * 60)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # seconds


def _count(key: str) -> tuple[int, float]:
    value = cache.get(key)
    return (value[0], value[1]) if value else (0, 0.0)


def _bump(key: str, window: int) -> None:
    count, _last = _count(key)
    cache.set(key, (count + 1, time.time()), window)


class Limiter:
    """Counts for one scope (``login``, ``claim``, ``reset``, ``signup``) of one identifier and one address."""

    def __init__(self, scope: str, identifier: str, ip: str):
        self.identifier = normalize_identifier(identifier)
        ident = _digest(self.identifier)
        self.ip = ip
        self.id_key = f"rl:{scope}:id:{ident}"
        self.pair_key = f"rl:{scope}:pair:{ident}:{ip}"
        self.ip_key = f"rl:{scope}:ip:{ip}"
        self.known_key = f"rl:known:{ident}"

    # --- login ---------------------------------------------------------------------------------
    def login_check(self) -> Decision:
        window, most = _window(), _cfg("LOGIN_MAX_ATTEMPTS", 5)
        if _count(self.pair_key)[0] >= most:
            return Decision(False, window)
        if self.ip in self.known_addresses():
            return Decision(True)
        if _count(self.ip_key)[0] >= _cfg("LOGIN_ADDRESS_MAX_ATTEMPTS", 30):
            return Decision(False, window)
        failures, last = _count(self.id_key)
        if failures >= most:
            delay = min(2 ** (failures - most), _cfg("LOGIN_MAX_DELAY_SECONDS", 15 * 60))
            wait = int(last + delay - time.time()) + 1
            if wait > 0:
                return Decision(False, wait)
        return Decision(True)

    def login_failed(self) -> None:
        window = _window()
        for key in (self.id_key, self.pair_key, self.ip_key):
            _bump(key, window)

    def login_succeeded(self) -> None:
        cache.delete(self.pair_key)
        known = [self.ip, *(a for a in self.known_addresses() if a != self.ip)][:KNOWN_ADDRESSES_KEPT]
        cache.set(self.known_key, known, KNOWN_ADDRESS_SECONDS)

    def known_addresses(self) -> list[str]:
        return cache.get(self.known_key) or []

    # --- password reset and sign-up: a plain budget per identifier and per address ----------------
    def hit(self, *, per_identifier: int, per_address: int, window: int) -> bool:
        """Count one request; False when this identifier or this address has used its budget."""
        over = _count(self.id_key)[0] >= per_identifier or _count(self.ip_key)[0] >= per_address
        if not over:
            _bump(self.id_key, window)
            _bump(self.ip_key, window)
        return not over


def signup_allowed(request, identifier: str) -> bool:
    """Count one sign-up attempt (of this phone, from this address); False when over the budget."""
    return Limiter("signup", identifier, client_ip(request)).hit(
        per_identifier=conf.SIGNUP_PER_IDENTIFIER_HOUR, per_address=conf.SIGNUP_PER_ADDRESS_HOUR, window=3600
    )


def claim_limiter(request, nik: str) -> Limiter:
    """Claim-code guesses are counted like login failures, per NIK (digits only) and per address."""
    return Limiter("claim", "".join(ch for ch in nik if ch.isdigit()), client_ip(request))
