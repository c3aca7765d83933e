"""Who is asking: the client's address as this deployment can trust it.

Behind ``BINAUMKM_TRUSTED_PROXIES`` reverse proxies (``settings.TRUSTED_PROXIES``), each proxy
appends the address it received the request from to X-Forwarded-For, so the client is the entry that
many places from the right; anything further left was written by the client and proves nothing. With
no proxy configured no header is believed: the address is the socket's.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        # Fewer hops than proxies: the request did not come through all of them; the leftmost
        # entry is the best the proxies vouch for, else the socket.
        return forwarded[0] if forwarded else remote
    return forwarded[-proxies]


def is_loopback(request) -> bool:
    """True for a request from this machine itself (monitoring on the server), never for one a
    proxy forwarded from outside."""
    try:
        return ipaddress.ip_address(client_ip(request)).is_loopback
    except ValueError:
        return False
