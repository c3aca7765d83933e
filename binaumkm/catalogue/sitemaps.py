"""sitemap.xml: the catalogue's public pages only (approved listings of consenting, open, verified
businesses, read at request time), with addresses under the site's own URL (``SITE_URL``)."""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from binaumkm.core.conf import site

from . import selectors


class _SiteSitemap(Sitemap):
    limit = 5000

    def get_domain(self, site_=None):
        return urlsplit(site()["SITE_URL"]).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(site()["SITE_URL"]).scheme or "https"


class ListingSitemap(_SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.public_listings().order_by("id").only("id", "name", "updated_at")

    def location(self, item):
        return reverse("catalogue:listing", args=[item.pk, item.slug])

    def lastmod(self, item):
        return item.updated_at


class BusinessSitemap(_SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.public_businesses().order_by("id").only("id", "name")

    def location(self, item):
        from django.utils.text import slugify

        return reverse("catalogue:business", args=[item.pk, slugify(item.name) or "umkm"])


class CatalogueHomeSitemap(_SiteSitemap):
    def items(self):
        return ["catalogue:home"]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"katalog": CatalogueHomeSitemap, "produk": ListingSitemap, "umkm": BusinessSitemap}
