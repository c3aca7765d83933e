"""Login rate limiting: failed attempts are counted per identifier and per client address."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(identifier: str, ip: str) -> list[str]:
    ident = hashlib.sha256(identifier.strip().lower().encode()).hexdigest()[:32]
    return [f"login-fail:id:{ident}", f"login-fail:ip:{ip}"]


def _limits():
    cfg = settings.BINAUMKM
    return cfg["LOGIN_MAX_ATTEMPTS"], cfg["LOGIN_WINDOW_SECONDS"]


def is_blocked(identifier: str, ip: str) -> bool:
    max_attempts, _window = _limits()
    id_key, ip_key = _keys(identifier, ip)
    # The address limit is looser so that one office behind one IP can still log in.
    return cache.get(id_key, 0) >= max_attempts or cache.get(ip_key, 0) >= max_attempts * 4


def register_failure(identifier: str, ip: str) -> None:
    _max, window = _limits()
    for key in _keys(identifier, ip):
        cache.add(key, 0, window)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, window)


def reset(identifier: str, ip: str) -> None:
    cache.delete(_keys(identifier, ip)[0])
