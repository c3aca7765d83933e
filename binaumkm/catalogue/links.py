"""A business's shop and social links as the public may see them: only http(s) addresses on the
named platform's own domain, so a registry record can never lead a visitor to a look-alike site or
run a ``javascript:`` address. Pages show them with ``rel="nofollow noopener"``. Shops come from the
business's digital presences (``registry.models.Presence``; prefetch ``presences`` for lists)."""

from __future__ import annotations

import re
from urllib.parse import quote

from binaumkm.registry.platforms import DOMAINS, HAS_ACCOUNT, LinkStatus, Platform, on_domain

HANDLE_FIELDS = (
    ("instagram", "Instagram", "https://www.instagram.com/{}/", ("instagram.com",)),
    ("tiktok", "TikTok", "https://www.tiktok.com/@{}", ("tiktok.com",)),
    ("facebook", "Facebook", "https://www.facebook.com/{}", ("facebook.com", "fb.com")),
)
HANDLE = re.compile(r"^@?([A-Za-z0-9._-]{1,100})$")


def public_links(business, *, other_label: str) -> list[tuple[str, str]]:
    """[(label, url)] of the links that pass; the rest are left out."""
    links = []
    order = {p: i for i, p in enumerate(Platform.values)}
    for presence in sorted(business.presences.all(), key=lambda p: order.get(p.platform, 99)):
        shown = presence.stage in HAS_ACCOUNT and presence.link_status != LinkStatus.BROKEN
        if shown and presence.url and on_domain(presence.url, DOMAINS.get(presence.platform)):
            label = other_label if presence.platform == Platform.WEBSITE else presence.get_platform_display()
            links.append((str(label), presence.url))
    for field, label, pattern, domains in HANDLE_FIELDS:
        value = (getattr(business, field, "") or "").strip()
        if not value:
            continue
        if value.startswith(("http://", "https://")):
            if on_domain(value, domains):
                links.append((label, value))
        elif match := HANDLE.match(value):
            links.append((label, pattern.format(quote(match.group(1)))))
    return links
