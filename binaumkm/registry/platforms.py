"""Digital platforms a business can be on, the stages of its presence there, and the domains a link
must belong to (no database). One source for the registry's validation, the import, the public
catalogue's links and the adoption report."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    TOKOPEDIA = "tokopedia", "Tokopedia"
    SHOPEE = "shopee", "Shopee"
    BUKALAPAK = "bukalapak", "Bukalapak"
    BLIBLI = "blibli", "Blibli"
    TIKTOK_SHOP = "tiktok_shop", "TikTok Shop"
    GOFOOD = "gofood", "GoFood"
    GRABFOOD = "grabfood", "GrabFood"
    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    WHATSAPP_BUSINESS = "whatsapp_business", "WhatsApp Business"
    GOOGLE_BUSINESS = "google_business", "Google Business Profile"
    WEBSITE = "website", _("Situs web sendiri")
    QRIS = "qris", "QRIS"


class Stage(models.TextChoices):
    """planned → assisted → account created → first listing → first sale → active ↔ dormant → closed."""

    PLANNED = "rencana", _("Direncanakan")
    ASSISTED = "didampingi", _("Didampingi")
    ACCOUNT = "akun_dibuat", _("Akun dibuat")
    FIRST_LISTING = "produk_pertama", _("Produk pertama tayang")
    FIRST_SALE = "penjualan_pertama", _("Penjualan pertama")
    ACTIVE = "aktif", _("Aktif berjualan")
    DORMANT = "tidur", _("Tidak aktif (tidur)")
    CLOSED = "ditutup", _("Ditutup")


class OrderBand(models.TextChoices):
    NONE = "0", _("Belum ada pesanan")
    FEW = "1-10", _("1–10 pesanan sebulan")
    SOME = "11-50", _("11–50 pesanan sebulan")
    MANY = "51+", _("Lebih dari 50 pesanan sebulan")


class LinkStatus(models.TextChoices):
    UNCHECKED = "", _("Belum diperiksa")
    OK = "ok", _("Bisa dibuka")
    BROKEN = "rusak", _("Rusak")


# The funnel in order; DORMANT and CLOSED sit beside it (a dormant shop once sold or had an account).
FUNNEL = [Stage.PLANNED, Stage.ASSISTED, Stage.ACCOUNT, Stage.FIRST_LISTING, Stage.FIRST_SALE, Stage.ACTIVE]
# The model's dated field of each stage (the date the presence reached it).
STAGE_DATE_FIELD = {
    Stage.PLANNED: "planned_on",
    Stage.ASSISTED: "assisted_on",
    Stage.ACCOUNT: "account_on",
    Stage.FIRST_LISTING: "first_listing_on",
    Stage.FIRST_SALE: "first_sale_on",
    Stage.ACTIVE: "active_on",
    Stage.DORMANT: "dormant_on",
    Stage.CLOSED: "closed_on",
}
HAS_ACCOUNT = {Stage.ACCOUNT, Stage.FIRST_LISTING, Stage.FIRST_SALE, Stage.ACTIVE, Stage.DORMANT}
SELLING = {Stage.FIRST_SALE, Stage.ACTIVE}
# Where a business sells (a shop): what the modules that read "sells online" mean by it.
SHOP_PLATFORMS = {
    Platform.TOKOPEDIA, Platform.SHOPEE, Platform.BUKALAPAK, Platform.BLIBLI, Platform.TIKTOK_SHOP,
    Platform.GOFOOD, Platform.GRABFOOD, Platform.WEBSITE,
}  # fmt: skip
SOCIAL_PLATFORMS = {Platform.INSTAGRAM, Platform.FACEBOOK, Platform.WHATSAPP_BUSINESS}

# Domains a link must belong to; None: any web site. QRIS has no public page (no link).
DOMAINS: dict[str, tuple[str, ...] | None] = {
    Platform.TOKOPEDIA: ("tokopedia.com", "tokopedia.link"),
    Platform.SHOPEE: ("shopee.co.id", "shp.ee"),
    Platform.BUKALAPAK: ("bukalapak.com",),
    Platform.BLIBLI: ("blibli.com",),
    Platform.TIKTOK_SHOP: ("tiktok.com", "tokopedia.com"),
    Platform.GOFOOD: ("gofood.co.id", "gojek.com", "gojek.link"),
    Platform.GRABFOOD: ("grab.com", "grabfood.com"),
    Platform.INSTAGRAM: ("instagram.com",),
    Platform.FACEBOOK: ("facebook.com", "fb.com", "fb.me"),
    Platform.WHATSAPP_BUSINESS: ("wa.me", "whatsapp.com"),
    Platform.GOOGLE_BUSINESS: ("g.page", "google.com", "goo.gl", "maps.app.goo.gl"),
    Platform.WEBSITE: None,
    Platform.QRIS: None,
}


def on_domain(url: str, domains: tuple[str, ...] | None) -> bool:
    """An http(s) address whose host is one of ``domains`` or below it (None: any host)."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    return domains is None or any(host == d or host.endswith("." + d) for d in domains)


def platform_of(url: str) -> str:
    """The platform whose domain the address belongs to; WEBSITE for any other web address."""
    for platform, domains in DOMAINS.items():
        if domains and platform != Platform.TIKTOK_SHOP and on_domain(url, domains):
            return platform
    return Platform.TIKTOK_SHOP if on_domain(url, ("tiktok.com",)) else Platform.WEBSITE


def url_problem(platform: str, url: str) -> str | None:
    """Why ``url`` cannot be the link of a presence on ``platform`` (None: it can)."""
    if not url:
        return None
    domains = DOMAINS.get(platform)
    if on_domain(url, domains):
        return None
    if domains is None:
        return gettext("Tautan harus alamat web yang diawali http:// atau https://.")
    return gettext("Tautan %(platform)s harus berada di %(domains)s.") % {
        "platform": Platform(platform).label, "domains": ", ".join(domains),
    }  # fmt: skip
