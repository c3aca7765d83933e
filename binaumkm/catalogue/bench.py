"""Catalogue speed target: a ranked full-text search with filters over 100,000 listed products, server
time of the public search page on the embedded default (SQLite FTS5)."""

from __future__ import annotations

import datetime
import itertools

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from binaumkm.core.bench import benchmark
from binaumkm.core.models import Kecamatan
from binaumkm.core.webbench import web_page
from binaumkm.registry.bench import ensure_businesses
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import eligible_q

from .models import CatalogueConsent, Listing, ListingState

LISTINGS = 100_000
PER_BUSINESS = 5
KINDS = [
    ("Kemeja Batik", "batik"), ("Kain Batik Tulis", "batik"), ("Keripik Tempe", "makanan"), ("Kopi Robusta", "minuman"),
    ("Blangkon", "fesyen"), ("Tas Anyaman", "kerajinan"), ("Serabi", "makanan"), ("Wedang Uwuh", "minuman"),
]  # fmt: skip
STYLES = ["Sogan", "Parang", "Kawung", "Truntum", "Pedas", "Original", "Premium", "Mini", "Jumbo", "Klasik"]


def ensure_listings(ctx, n: int = LISTINGS) -> None:
    have = Listing.objects.filter(state=ListingState.APPROVED).count()
    if have >= n:
        return
    ensure_businesses(ctx, 2 * n // PER_BUSINESS)  # about half the demo UMKM are verified and open
    ctx.log(f"mengisi {n - have} produk katalog ...")
    now = timezone.now()
    businesses = list(
        Business.objects.filter(eligible_q(), listings__isnull=True).values_list("pk", flat=True)[
            : (n - have) // PER_BUSINESS + 1
        ]
    )
    counter = itertools.count(have)
    with transaction.atomic():
        CatalogueConsent.objects.bulk_create(
            [CatalogueConsent(business_id=b, given=True, given_at=now) for b in businesses],
            ignore_conflicts=True,
            batch_size=5000,
        )
        for start in range(0, len(businesses), 2000):
            chunk = businesses[start : start + 2000]
            rows = []
            for business_id in chunk:
                for _ in range(PER_BUSINESS):
                    i = next(counter)
                    kind, category = KINDS[i % len(KINDS)]
                    rows.append(
                        (
                            business_id,
                            f"{kind} {STYLES[i // len(KINDS) % len(STYLES)]} {i}",
                            category,
                            10_000 + (i * 7919) % 990_000,
                        )
                    )
            products = Product.objects.bulk_create(
                [
                    Product(business_id=b, name=name, category=c, price=p, unit="pcs")
                    for b, name, c, p in rows
                ],
                batch_size=5000,
            )
            Listing.objects.bulk_create(
                [
                    Listing(
                        business_id=prod.business_id,
                        product=prod,
                        name=prod.name,
                        category=prod.category,
                        price=prod.price,
                        description=f"{prod.name} buatan UMKM Solo.",
                        state=ListingState.APPROVED,
                        approved_at=now - datetime.timedelta(seconds=prod.pk),
                    )  # fmt: skip
                    for prod in products
                ],
                batch_size=5000,
            )

    with connection.cursor() as cursor:  # fresh statistics, as after the demo seeding
        cursor.execute("ANALYZE")


@benchmark("catalogue_search_100k_ms", unit="ms", target="< 100")
def catalogue_search_100k(ctx):
    """Server time of the public search "batik" (ranked, highlighted) filtered by kecamatan and price,
    over 100,000 listed products."""
    ensure_listings(ctx)
    kecamatan = Kecamatan.objects.order_by("code").first()
    assert kecamatan is not None
    url = f"/katalog/cari/?q=batik&kecamatan={kecamatan.pk}&price_max=500.000&page=2"
    client = Client(HTTP_HOST="localhost")

    def fetch():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    ctx.log(f"{Listing.objects.count()} produk; GET {url}")
    return ctx.best_of(fetch, runs=7) * 1000


# --- Pages for the web benchmark (core.webbench) ------------------------------------------------------


@web_page("catalogue_home")
def web_catalogue_home(ctx):
    ensure_listings(ctx)
    return "/katalog/", None


@web_page("catalogue_search")
def web_catalogue_search(ctx):
    ensure_listings(ctx)
    return "/katalog/cari/?q=batik", None
