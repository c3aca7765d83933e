"""The catalogue's main path in Chromium at 360 px: a visitor searches "batik", narrows it to a
kecamatan, opens a product, sees where to buy it in Solo and a WhatsApp button naming the product;
an owner submits a new product, staff ask for a revision, the owner fixes it, staff approve, and the
product appears in search and in sitemap.xml."""

import os
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from binaumkm.catalogue import photos
from binaumkm.catalogue.models import Listing, ListingState
from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import (
    DESKTOP,
    PHONE,
    assert_accessible_once,
    assert_no_sideways_scroll,
    browser_login,
    make_user,
)
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

from .factories import jpeg_with_gps, public_listing, upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOTS_DIR", "")
a11y = assert_accessible_once


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def with_photo(listing, color):
    listing.photo.save(
        "p.jpg", ContentFile(photos.clean_photo(upload(jpeg_with_gps(color=color)))), save=False
    )
    listing.thumbnail.save("k.jpg", ContentFile(photos.thumbnail(listing.photo.read())), save=True)
    return listing


def world():
    from binaumkm.consignment.tests.factories import AgreementProductFactory, deliver  # noqa: PLC0415
    from binaumkm.partnerships.tests.factories import PartnershipFactory, StoreFactory  # noqa: PLC0415

    staff = make_user("staf_dinas", username="staf.katalog")
    laweyan = BusinessFactory(name="Batik Sekar Laweyan", kelurahan=Kelurahan.objects.get(name="Laweyan"),
                              pirt_number="", halal_number="")  # fmt: skip
    jebres = BusinessFactory(name="Batik Cap Jebres", kelurahan=Kelurahan.objects.get(name="Jebres"))
    shirt = with_photo(public_listing(business=laweyan, name="Kemeja Batik Tulis Sogan", price=325_000,
                                      description="Batik tulis tangan, katun primisima."), (120, 70, 30))  # fmt: skip
    with_photo(public_listing(business=jebres, name="Kain Batik Cap Parang", price=150_000), (40, 60, 120))
    with_photo(
        public_listing(business=jebres, name="Keripik Tempe", category="makanan", price=15_000),
        (200, 160, 60),
    )
    PartnershipFactory(store=StoreFactory(name="Indomaret Slamet Riyadi"), business=laweyan).products.add(
        shirt.product
    )
    item = AgreementProductFactory(
        agreement__outlet__name="Hotel Alila Solo", agreement__business=laweyan, product=shirt.product
    )
    deliver(staff, item, 4)
    return shirt


def test_visitor_finds_a_batik_and_where_to_buy_it_then_a_new_product_is_curated_into_search(
    page, live_server, areas
):
    base = live_server.url
    shirt = world()
    page.set_viewport_size(PHONE)

    # 1. An anonymous visitor on a phone.
    page.goto(f"{base}/katalog/")
    a11y(page)
    assert_no_sideways_scroll(page)
    shot(page, "catalogue-home-360")
    page.get_by_label("Cari produk").fill("batik")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("link", name="Kain Batik Cap Parang")).to_be_visible()
    a11y(page)
    page.get_by_label("Kecamatan").select_option(label="Laweyan")
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_role("heading", name="1 produk")).to_be_visible()
    expect(page.get_by_role("link", name="Kain Batik Cap Parang")).to_have_count(0)
    page.get_by_role("link", name="Kemeja Batik Tulis Sogan").click()
    expect(page.get_by_role("heading", name="Kemeja Batik Tulis Sogan")).to_be_visible()
    a11y(page)
    assert_no_sideways_scroll(page)
    shot(page, "catalogue-product-360")
    where = page.get_by_role("region", name="Di mana membelinya di Solo")
    expect(where).to_contain_text("Indomaret Slamet Riyadi")
    expect(where).to_contain_text("Hotel Alila Solo")
    whatsapp = page.get_by_role("link", name="Tanya lewat WhatsApp").get_attribute("href")
    assert whatsapp.startswith("https://wa.me/6281234567890?text=")
    assert "Kemeja Batik Tulis Sogan" in unquote(whatsapp)
    assert page.locator('img[alt="Kemeja Batik Tulis Sogan"]').evaluate("img => img.naturalWidth") > 0

    # 2. An owner submits a new product from the phone.
    owner_user = make_user("pemilik_umkm", username="pemilik.blangkon")
    business = BusinessFactory(owner=OwnerFactory(user=owner_user), name="Blangkon Pak Harjo",
                               kelurahan=Kelurahan.objects.get(name="Kauman"))  # fmt: skip
    ProductFactory(business=business, name="Blangkon Gaya Solo", category="fesyen", price=85_000, unit="pcs")
    browser_login(page, base, "pemilik.blangkon")
    page.goto(f"{base}/katalog/saya/")
    a11y(page)
    page.get_by_role("link", name="Ubah pilihan tampil").click()
    a11y(page)
    page.get_by_label("Tampilkan produk saya yang lolos kurasi di katalog publik").check()
    page.get_by_label("Nomor WhatsApp untuk pembeli (boleh kosong)").fill("0813 2222 3333")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="Tambah produk ke katalog").click()
    a11y(page)
    page.get_by_label("Produk dari data usaha Anda").select_option(label="Blangkon Gaya Solo")
    page.get_by_label("Deskripsi").fill("Blangkon gaya Surakarta, mondholan trepes.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Produk disimpan sebagai draf")).to_be_visible()
    a11y(page)
    page.get_by_role("button", name="Ajukan kurasi").click()
    expect(page.get_by_text("Unggah foto produk sebelum mengajukan kurasi.")).to_be_visible()
    page.get_by_label("Foto produk").set_input_files(
        files=[
            {"name": "blangkon.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps(color=(90, 50, 20))}
        ]
    )
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("button", name="Ajukan kurasi").click()
    expect(page.get_by_text("Produk diajukan untuk kurasi.")).to_be_visible()
    listing = Listing.objects.get(name="Blangkon Gaya Solo")
    assert listing.state == ListingState.SUBMITTED

    # 3. Staff ask for a revision.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.katalog")
    page.goto(f"{base}/katalog/kurasi/")
    a11y(page)
    page.get_by_role("link", name="Blangkon Gaya Solo").click()
    a11y(page)
    page.get_by_label("Yang perlu diperbaiki").fill("Sebutkan ukuran kepala di nama produk.")
    page.get_by_role("button", name="Minta perbaikan").click()
    expect(page.get_by_text("Pemilik diminta memperbaiki produk ini.")).to_be_visible()

    # 4. The owner fixes it (their to-do says what) and submits again.
    page.set_viewport_size(PHONE)
    browser_login(page, base, "pemilik.blangkon")
    page.goto(f"{base}/katalog/saya/")
    expect(page.get_by_text("Sebutkan ukuran kepala di nama produk.")).to_be_visible()
    page.get_by_role("link", name="Blangkon Gaya Solo").click()
    page.get_by_label("Nama produk").fill("Blangkon Gaya Solo ukuran 57")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("button", name="Ajukan kurasi").click()
    expect(page.get_by_text("Produk diajukan untuk kurasi.")).to_be_visible()

    # 5. Staff approve.
    page.set_viewport_size(DESKTOP)
    browser_login(page, base, "staf.katalog")
    page.goto(f"{base}/katalog/kurasi/{listing.pk}/")
    page.get_by_role("button", name="Setujui dan tayangkan").click()
    expect(page.get_by_text("Produk disetujui dan tayang di katalog.")).to_be_visible()

    # 6. It is public: in search and in the sitemap.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/katalog/cari/?q=blangkon")
    expect(page.get_by_role("link", name="Blangkon Gaya Solo ukuran 57")).to_be_visible()
    sitemap = page.request.get(f"{base}/sitemap.xml").text()
    assert f"/katalog/produk/{listing.pk}-blangkon-gaya-solo-ukuran-57/" in sitemap
    assert f"/katalog/produk/{shirt.pk}-" in sitemap
