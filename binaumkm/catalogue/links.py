"""A business's shop and social links as the public may see them (no database): only http(s)
addresses on the named platform's own domain, so a registry field can never lead a visitor to a
look-alike site or run a ``javascript:`` address. Pages show them with ``rel="nofollow noopener"``."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# (Business field, label, domains the address must belong to; None: any web site)
URL_FIELDS: tuple[tuple[str, str | None, tuple[str, ...] | None], ...] = (
    ("shopee_url", "Shopee", ("shopee.co.id", "shp.ee")),
    ("tokopedia_url", "Tokopedia", ("tokopedia.com", "tokopedia.link")),
    ("other_marketplace_url", None, None),
)
HANDLE_FIELDS = (
    ("instagram", "Instagram", "https://www.instagram.com/{}/", ("instagram.com",)),
    ("tiktok", "TikTok", "https://www.tiktok.com/@{}", ("tiktok.com",)),
    ("facebook", "Facebook", "https://www.facebook.com/{}", ("facebook.com", "fb.com")),
)
HANDLE = re.compile(r"^@?([A-Za-z0-9._-]{1,100})$")


def on_domain(url: str, domains: tuple[str, ...] | None) -> bool:
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    return domains is None or any(host == d or host.endswith("." + d) for d in domains)


def public_links(business, *, other_label: str) -> list[tuple[str, str]]:
    """[(label, url)] of the links that pass; the rest are left out."""
    links = []
    for field, label, domains in URL_FIELDS:
        url = (getattr(business, field, "") or "").strip()
        if url and on_domain(url, domains):
            links.append((label or other_label, url))
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
