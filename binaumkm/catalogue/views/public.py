"""The public catalogue: anyone, no login, phone first."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from binaumkm.core import freshness
from binaumkm.core.conf import site_url
from binaumkm.core.notify import whatsapp_link
from binaumkm.core.pagination import CappedPaginator

from .. import conf, selectors
from ..forms import SearchForm


@require_GET
def home(request):
    context = {
        "form": SearchForm(),
        # Read only when drawn: the drawing is kept until the data changes (core.freshness).
        "version": freshness.data_version(),
        "kept_seconds": conf.RESULTS_SECONDS,
        "categories": SimpleLazyObject(selectors.featured_categories),
        "newest": SimpleLazyObject(lambda: selectors.newest_public_listings(conf.NEWEST_ON_HOME)),
        "canonical": site_url(reverse("catalogue:home")),
    }
    return render(request, "catalogue/public/home.html", context)


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    # Capped: PostgreSQL's search counts at most 10,001 matches (core.search.RankedPostgres).
    results = selectors.public_listing_results(filters)
    context = {
        "form": form,
        "results": results,
        # Read only when drawn: the page's drawing is kept until the data changes (core.freshness).
        "page_obj": SimpleLazyObject(
            lambda: CappedPaginator(results, conf.PAGE_SIZE).get_page(request.GET.get("page"))
        ),
        "words": selectors.search_terms(filters.get("q", "")),
        "canonical": site_url(reverse("catalogue:search")),
    }
    return render(request, "catalogue/public/search.html", context)


@require_GET
def listing_detail(request, pk, slug):
    listing = selectors.public_listing_get(pk)
    if slug != listing.slug:
        return redirect("catalogue:listing", pk=pk, slug=listing.slug, permanent=True)
    consent = listing.business.catalogue_consent
    url = site_url(reverse("catalogue:listing", args=[pk, listing.slug]))
    message = _("Halo, saya tertarik dengan produk %(name)s yang saya lihat di katalog UMKM: %(url)s") % {
        "name": listing.name, "url": url,
    }  # fmt: skip
    context = {
        "listing": listing,
        "badges": selectors.listing_badges(listing),
        "places": selectors.where_to_buy(listing),
        "whatsapp": whatsapp_link(consent.whatsapp, message) if consent.whatsapp else "",
        "canonical": url,
        "photo_url": site_url(reverse("catalogue:photo", args=[pk, "besar"])) if listing.photo else "",
        "schema": _schema(listing, url),
    }
    return render(request, "catalogue/public/listing.html", context)


def _schema(listing, url: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": listing.name,
        "description": listing.description,
        "url": url,
        "brand": {"@type": "Brand", "name": listing.business.name},
        "offers": {
            "@type": "Offer", "price": str(listing.price), "priceCurrency": "IDR",
            "availability": "https://schema.org/InStock", "url": url,
        },
    }  # fmt: skip
    if listing.photo:
        data["image"] = site_url(reverse("catalogue:photo", args=[listing.pk, "besar"]))
    return data


@require_GET
def business_detail(request, pk, slug):
    business = selectors.public_business_get(pk)
    if slug != business.catalogue_consent.slug:
        return redirect("catalogue:business", pk=pk, slug=business.catalogue_consent.slug, permanent=True)
    listings = selectors.public_listings_of(business)
    page = Paginator(listings, conf.PAGE_SIZE).get_page(request.GET.get("page"))
    consent = business.catalogue_consent
    context = {
        "business": business,
        "page_obj": page,
        "links": selectors.business_links(business),
        "whatsapp": whatsapp_link(
            consent.whatsapp,
            _("Halo %(name)s, saya melihat usaha Anda di katalog.") % {"name": business.name},
        )
        if consent.whatsapp
        else "",
        "canonical": site_url(reverse("catalogue:business", args=[pk, consent.slug])),
    }
    return render(request, "catalogue/public/business.html", context)


@require_GET
def photo(request, pk, size):
    """A listing's photo: public ones for anyone (cached), drafts for their owner and staff."""
    listing, public = selectors.photo_listing(actor=request.user, pk=pk)
    file = listing.thumbnail if size == "kecil" and listing.thumbnail else listing.photo
    if size not in ("kecil", "besar") or not file:
        raise Http404
    response = FileResponse(file.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
