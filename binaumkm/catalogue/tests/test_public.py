"""The public pages: search and filters, the product and profile pages, what is never public, the
sitemap, escaping of listing text, and the list's constant query count."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from binaumkm.catalogue import services
from binaumkm.catalogue.models import CatalogueConsent
from binaumkm.core.models import Kecamatan
from binaumkm.core.testing import assert_constant_queries
from binaumkm.registry.models import Business, Presence
from binaumkm.registry.platforms import Platform, Stage
from binaumkm.registry.tests.factories import BusinessFactory

from .factories import public_listing, upload

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get(reverse("catalogue:search"), params)
    assert response.status_code == 200
    return response


def names(response):
    return [listing.name for listing in response.context["page_obj"]]


def test_search_is_ranked_highlighted_and_forgives_case_accents_and_partial_words(client):
    public_listing(name="Kemeja Batik Tulis", description="batik tulis sogan, batik halus")
    public_listing(name="Tas Anyaman", description="motif batik di tutupnya")
    public_listing(name="Kópi Robusta Décafé", category="minuman", price=45_000)
    response = search(client, q="BATIK")
    assert names(response) == ["Kemeja Batik Tulis", "Tas Anyaman"]  # the name and twice in the text first
    assert "<mark>Batik</mark>" in response.content.decode()
    assert names(search(client, q="bati")) == ["Kemeja Batik Tulis", "Tas Anyaman"]
    assert names(search(client, q="kopi decafe")) == ["Kópi Robusta Décafé"]
    assert names(search(client, q="batik kopi")) == []  # every word must match


def test_filters_by_category_kecamatan_price_and_valid_licence(client, areas):
    laweyan, jebres = Kecamatan.objects.get(name="Laweyan"), Kecamatan.objects.get(name="Jebres")
    in_laweyan = BusinessFactory(kelurahan=laweyan.kelurahan_set.first(), pirt_number="123456789012345")
    in_jebres = BusinessFactory(
        kelurahan=jebres.kelurahan_set.first(), pirt_number="223456789012345",
        pirt_expiry=timezone.localdate() - datetime.timedelta(days=1),
    )  # fmt: skip
    public_listing(business=in_laweyan, name="Batik Laweyan", price=300_000)
    public_listing(business=in_jebres, name="Batik Jebres", price=150_000)
    public_listing(business=in_jebres, name="Keripik Jebres", category="makanan", price=15_000)
    assert names(search(client, q="batik", kecamatan=laweyan.pk)) == ["Batik Laweyan"]
    assert sorted(names(search(client, category="batik"))) == ["Batik Jebres", "Batik Laweyan"]
    assert names(search(client, price_min="100.000", price_max="200.000")) == ["Batik Jebres"]
    assert names(search(client, badges="pirt")) == ["Batik Laweyan"]  # Jebres's P-IRT has expired
    bad = search(client, price_min="500000", price_max="1000")
    assert "Harga sampai harus lebih besar" in bad.content.decode()


def test_product_page_shows_maker_badges_whatsapp_and_links_safely(client):
    business = BusinessFactory(name="Batik Sekar", halal_number="ID12345", instagram="@batiksekar")
    # Records written before domains were checked (the data migration keeps every address).
    Presence.objects.create(business=business, platform=Platform.SHOPEE, stage=Stage.ACCOUNT,
                            url="https://evil.example/shopee")  # fmt: skip
    Presence.objects.create(business=business, platform=Platform.TOKOPEDIA, stage=Stage.ACTIVE,
                            url="https://www.tokopedia.com/sekar")  # fmt: skip
    listing = public_listing(
        business=business, name="Kemeja Batik Tulis", marketplace_url="https://shopee.co.id/sekar/1"
    )
    response = client.get(reverse("catalogue:listing", args=[listing.pk, listing.slug]))
    page = response.content.decode()
    assert "Batik Sekar" in page and business.kelurahan.name in page
    assert (
        business.owner.full_name not in page
        and business.owner.nik not in page
        and business.address not in page
    )
    assert 'href="https://wa.me/6281234567890?text=' in page and "Kemeja%20Batik%20Tulis" in page
    assert ">Halal<" in page
    assert 'href="https://shopee.co.id/sekar/1" rel="nofollow noopener"' in page
    profile = client.get(reverse("catalogue:business", args=[business.pk, "batik-sekar"])).content.decode()
    assert 'href="https://www.tokopedia.com/sekar" rel="nofollow noopener"' in profile
    assert 'href="https://www.instagram.com/batiksekar/" rel="nofollow noopener"' in profile
    assert "evil.example" not in profile  # not Shopee's domain: left out
    assert "Kemeja Batik Tulis" in profile


def test_whatsapp_appears_only_when_the_owner_chose_a_number(client):
    listing = public_listing()
    CatalogueConsent.objects.filter(business=listing.business).update(whatsapp="")
    page = client.get(reverse("catalogue:listing", args=[listing.pk, listing.slug])).content.decode()
    assert "wa.me" not in page


def test_a_wrong_slug_redirects_to_the_canonical_address(client):
    listing = public_listing(name="Blangkon Solo")
    response = client.get(reverse("catalogue:listing", args=[listing.pk, "lama"]))
    assert response.status_code == 301 and response["Location"].endswith(f"/{listing.pk}-blangkon-solo/")


def test_listing_text_is_escaped_in_the_page_opengraph_and_json_ld(client):
    evil = '</script><script>alert(1)</script>"><img src=x>'
    listing = public_listing(name=f"Batik {evil}", description=f"desc {evil}")
    page = client.get(reverse("catalogue:listing", args=[listing.pk, listing.slug])).content.decode()
    assert "<script>alert" not in page and "<img src=x>" not in page
    og = re.search(r'<meta property="og:title" content="([^"]*)">', page).group(1)
    assert "&lt;/script&gt;" in og
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert (
        data["@type"] == "Product"
        and data["name"] == f"Batik {evil}"
        and data["offers"]["priceCurrency"] == "IDR"
    )
    assert "<" not in block


def hidden_everywhere(client, listing, business):
    pages = [
        client.get(reverse("catalogue:home")).content.decode(),
        search(client).content.decode(),
        search(client, q=listing.name).content.decode(),
        client.get(reverse("sitemap")).content.decode(),
    ]
    link = f"/produk/{listing.pk}-"
    assert not any(link in page for page in pages)
    assert listing.name not in pages[0] and listing.name not in pages[1]
    assert client.get(reverse("catalogue:listing", args=[listing.pk, listing.slug])).status_code == 404
    assert client.get(reverse("catalogue:business", args=[business.pk, "x"])).status_code == 404
    assert client.get(reverse("catalogue:photo", args=[listing.pk, "besar"])).status_code == 404


def test_a_business_that_did_not_opt_in_never_appears_in_any_public_page_sitemap_or_search(client):
    visible = public_listing(name="Batik Terlihat")
    listing = public_listing(name="Batik Rahasia Unik", consented=False)
    listing.photo.save("x.jpg", upload(), save=True)
    hidden_everywhere(client, listing, listing.business)
    assert f"/produk/{visible.pk}-" in client.get(reverse("sitemap")).content.decode()
    assert f"/produk/{visible.pk}-" in search(client, q="batik").content.decode()


@pytest.mark.parametrize("how", ["withdrawn", "closed", "unverified"])
def test_withdrawn_consent_or_a_closed_business_removes_its_listings_at_once(client, owner_user, how):
    from binaumkm.registry.tests.factories import OwnerFactory

    business = BusinessFactory(owner=OwnerFactory(user=owner_user))
    listing = public_listing(business=business, name="Batik Ditarik Unik")
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert f"/produk/{listing.pk}-" in sitemap and f"/umkm/{business.pk}-" in sitemap
    if how == "withdrawn":
        services.consent_set(actor=owner_user, business=business, given=False)
    elif how == "closed":
        Business.objects.filter(pk=business.pk).update(status="tutup")
    else:
        Business.objects.filter(pk=business.pk).update(verification="ditolak")
    hidden_everywhere(client, listing, business)
    assert f"/umkm/{business.pk}-" not in client.get(reverse("sitemap")).content.decode()


def test_the_sitemap_uses_the_site_address(client, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "SITE_URL": "https://umkm.surakarta.go.id"}
    listing = public_listing(name="Blangkon")
    body = client.get(reverse("sitemap")).content.decode()
    assert f"<loc>https://umkm.surakarta.go.id/katalog/produk/{listing.pk}-blangkon/</loc>" in body


def test_the_catalogue_list_query_count_does_not_grow_with_rows(client):
    business = BusinessFactory()

    def grow(n):
        from binaumkm.catalogue.models import Listing

        for i in range(Listing.objects.count(), n):
            public_listing(business=business, name=f"Batik {i}")

    assert_constant_queries(lambda: search(client, q="batik"), grow, small=10, large=60)
    assert_constant_queries(lambda: search(client), grow, small=10, large=60)


def test_a_capped_search_says_more_than_the_cap(client, monkeypatch):
    from binaumkm.core import pagination

    business = BusinessFactory()
    for n in range(3):
        public_listing(business=business, name=f"Batik Parang {n}")
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 2)
    body = search(client, q="batik").content.decode()
    assert "Lebih dari 2 produk" in body and "3 produk" not in body
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 10_000)
    assert "3 produk" in search(client, q="parang").content.decode()
