"""Reads of the catalogue. The public ones start from what is public — approved listings of
verified, open businesses whose owner consents — so a withdrawn consent or a closed business
disappears from every page, search and the sitemap in the same request; the others start from
``policy.scope``."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from binaumkm.core import freshness, hooks, policy
from binaumkm.core.hooks import Todo
from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.core.policy import Actor
from binaumkm.core.search import Ranked, terms
from binaumkm.registry.choices import ProductCategory
from binaumkm.registry.models import Business
from binaumkm.registry.selectors import business_owned, eligible_q

from . import badges, conf
from .apps import CURATE, OWN
from .models import SEARCH_INDEX, CatalogueConsent, Listing, ListingState


def public_business_q(prefix: str = "") -> Q:
    """Businesses the public may see: verified, not closed, and the owner consents."""
    return eligible_q(prefix) & Q(**{f"{prefix}catalogue_consent__given": True})


def public_businesses_q() -> QuerySet[Business]:
    return Business.objects.filter(public_business_q())


def public_listings(business_filter: Q | None = None) -> QuerySet[Listing]:
    """Approved listings of public businesses (narrowed by ``business_filter``, e.g. a kecamatan).

    The businesses are one subquery SQLite builds once and checks listings against: eligibility
    (and area) read from the registry's covering filter index, consent checked per business by its
    unique index. Starting from the consent table instead made SQLite read 20,000 wide business
    rows (a third of the search's time at 100,000 listings)."""
    consents = CatalogueConsent.objects.filter(business=OuterRef("pk"), given=True)
    businesses = Business.objects.filter(eligible_q(), Exists(consents))
    if business_filter is not None:
        businesses = businesses.filter(business_filter)
    return Listing.objects.filter(state=ListingState.APPROVED, business__in=businesses.values("pk"))


def public_listing_list(filters: dict[str, Any] | None = None) -> QuerySet[Listing] | Ranked:
    """The public list, filtered; ranked by relevance when there are search words, else newest."""
    filters = filters or {}
    area = None
    if kelurahan := filters.get("kelurahan"):
        area = Q(kelurahan=kelurahan)
    elif kecamatan := filters.get("kecamatan"):
        area = Q(kelurahan__in=Kelurahan.objects.filter(kecamatan=kecamatan).values("pk"))
    qs = public_listings(area).select_related("business__kelurahan__kecamatan", "product")
    if category := filters.get("category"):
        qs = qs.filter(category=category)
    if (low := filters.get("price_min")) is not None:
        qs = qs.filter(price__gte=low)
    if (high := filters.get("price_max")) is not None:
        qs = qs.filter(price__lte=high)
    today = timezone.localdate()
    for key in filters.get("badges") or ():
        qs = qs.filter(badges.badge_q(key, today))
    if text := (filters.get("q") or "").strip():
        return SEARCH_INDEX.filter(qs, text)
    return qs.order_by("-approved_at", "-id")


def public_listing_results(filters: dict[str, Any] | None = None) -> freshness.Remembered:
    """``public_listing_list`` for the public pages, each page kept until the data changes
    (``core.freshness``): everyone searching "batik" shares one ranking of its 25,000 hits."""
    filters = filters or {}
    key = f"catalogue:search:{timezone.localdate().isoformat()}:{freshness.digest(filters)}"  # badges count days
    return freshness.Remembered(lambda: public_listing_list(filters), key, ttl=conf.RESULTS_SECONDS)


def public_listings_of(business: Business) -> QuerySet[Listing]:
    return (
        public_listings()
        .filter(business=business)
        .select_related("business__kelurahan")
        .order_by("-approved_at", "-id")
    )


def search_terms(text: str) -> list[str]:
    return terms(text)


def public_listing_get(pk: int) -> Listing:
    listing = (
        public_listings()
        .select_related("business__kelurahan__kecamatan", "business__catalogue_consent", "product")
        .filter(pk=pk)
        .first()
    )
    if listing is None:
        raise Http404(_("Produk tidak ditemukan."))
    return listing


def public_business_get(pk: int) -> Business:
    business = (
        Business.objects.filter(public_business_q(), pk=pk)
        .select_related("kelurahan__kecamatan", "catalogue_consent")
        .first()
    )
    if business is None:
        raise Http404(_("UMKM tidak ditemukan."))
    return business


def public_businesses() -> QuerySet[Business]:
    """Businesses with at least one public listing (the sitemap's profile pages)."""
    return Business.objects.filter(public_business_q(), listings__state=ListingState.APPROVED).distinct()


def listing_badges(listing: Listing) -> list[badges.Badge]:
    return badges.badges(business=listing.business, product=listing.product, today=timezone.localdate())


def where_to_buy(listing: Listing) -> list[hooks.Place]:
    return hooks.where_to_buy([listing.product_id]).get(listing.product_id, [])


def newest_public_listings(n: int) -> list[Listing]:
    """The ``n`` newest public listings (the catalogue's home), walking the newest-first index and
    checking each listing's business as it goes, so it stops after ``n``. (The list's usual shape,
    the eligible businesses as one set, made SQLite gather and sort all 50,000 public listings.)"""
    eligible = Business.objects.filter(eligible_q(), pk=OuterRef("business_id"))
    consents = CatalogueConsent.objects.filter(business=OuterRef("business_id"), given=True)
    newest = (
        Listing.objects.filter(Exists(eligible), Exists(consents), state=ListingState.APPROVED)
        .select_related("business__kelurahan__kecamatan", "product")
        .order_by("-approved_at", "-id")
    )
    return freshness.remember(f"catalogue:newest:{n}", lambda: list(newest[:n]), ttl=conf.RESULTS_SECONDS)


def featured_categories() -> list[tuple[str, str, int]]:
    """(value, label, public listings) of the categories that have any, most first; the counts
    are kept until the data changes, at most ``CATEGORY_COUNTS_SECONDS``."""
    from django.db.models import Count

    def count() -> dict[str, int]:
        return dict(public_listings().values_list("category").annotate(n=Count("id")).order_by())

    counts = freshness.remember("catalogue:category_counts", count, ttl=conf.CATEGORY_COUNTS_SECONDS)
    found = [
        (value, str(label), counts[value]) for value, label in ProductCategory.choices if counts.get(value)
    ]
    return sorted(found, key=lambda item: -item[2])


def kecamatan_choices() -> QuerySet[Kecamatan]:
    return Kecamatan.objects.order_by("name")


# --- Owners -------------------------------------------------------------------------------------------


def my_listings(*, actor: Actor) -> QuerySet[Listing]:
    return (
        policy.scope(actor, "own", Listing)
        .select_related("business")
        .order_by("business__name", "name", "id")
    )


def my_listing_get(*, actor: Actor, pk: int) -> Listing:
    return policy.get_object_or_404(
        actor, "own", Listing.objects.select_related("business", "product"), pk=pk
    )


def my_businesses(*, actor: Actor) -> list[tuple[Business, CatalogueConsent | None]]:
    businesses = list(business_owned(actor=actor))
    consents = {c.business_id: c for c in CatalogueConsent.objects.filter(business__in=businesses)}
    return [(business, consents.get(business.pk)) for business in businesses]


def my_business_get(*, actor: Actor, pk: int) -> Business:
    business = business_owned(actor=actor).filter(pk=pk).first()
    if business is None:
        raise Http404
    return business


def unlisted_products(*, business: Business):
    return business.products.filter(is_active=True, listing__isnull=True).order_by("name")


# --- Staff --------------------------------------------------------------------------------------------


def curation_queue(*, actor: Actor, state: str = ListingState.SUBMITTED) -> QuerySet[Listing]:
    return (
        policy.scope(actor, "view", Listing)
        .filter(state=state)
        .select_related("business__kelurahan", "product")
        .order_by("submitted_at", "id")
    )


def curation_get(*, actor: Actor, pk: int) -> Listing:
    return policy.get_object_or_404(
        actor, "view", Listing.objects.select_related("business__kelurahan__kecamatan", "product"), pk=pk
    )


def todo_items(*, actor: Actor) -> list[Todo]:
    items = []
    if policy.holds(actor, OWN):
        for listing in my_listings(actor=actor).filter(state=ListingState.REVISION)[:20]:
            items.append(
                Todo(
                    label=_("Perbaiki produk katalog “%(name)s”: %(reason)s")
                    % {"name": listing.name, "reason": listing.revision_reason},
                    url=reverse("catalogue:my_listing_edit", args=[listing.pk]),
                    urgent=True,
                    module=str(_("Katalog")),
                )
            )
    if policy.holds(actor, CURATE):
        waiting = curation_queue(actor=actor).count()
        if waiting:
            items.append(
                Todo(
                    label=ngettext(
                        "%(n)d produk katalog menunggu kurasi",
                        "%(n)d produk katalog menunggu kurasi",
                        waiting,
                    )
                    % {"n": waiting},
                    url=reverse("catalogue:curation_queue"),
                    module=str(_("Katalog")),
                )
            )
    return items


def business_links(business: Business) -> list[tuple[str, str]]:
    from .links import public_links

    return public_links(business, other_label=_("Toko online"))


def photo_listing(*, actor: Actor, pk: int) -> tuple[Listing, bool]:
    """The listing whose photo is asked for, and whether it is public; 404 for anyone else."""
    listing = public_listings().filter(pk=pk).first()
    if listing is not None:
        return listing, True
    return policy.get_object_or_404(actor, "view", Listing, pk=pk), False


def curation_checks(listing: Listing) -> list[tuple[str, bool]]:
    """What staff look at before approving, each with whether the data passes (staff still judge
    the photo's quality by eye)."""
    found = {badge.key for badge in listing_badges(listing)}
    checks = [
        (_("Ada foto produk"), bool(listing.photo)),
        (
            _("Nama jelas (3–80 huruf, tidak semua kapital)"),
            3 <= len(listing.name) <= 80 and not listing.name.isupper(),
        ),
        (_("Harga diisi"), listing.price > 0),
        (
            _("Usaha terverifikasi dan masih buka"),
            Business.objects.filter(eligible_q(), pk=listing.business_id).exists(),
        ),
    ]
    if listing.category in ProductCategory.food_like():
        checks.append((_("Pangan: P-IRT atau BPOM berlaku"), bool(found & {"pirt", "bpom"})))
    return checks
