"""Public photos: EXIF (GPS) stripped, non-images and decompression bombs refused, thumbnails small."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from binaumkm.catalogue import photos, services
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, ProductFactory

from .factories import GPS_IFD, jpeg_with_gps, public_listing, upload

pytestmark = pytest.mark.django_db


def served(client, listing, size):
    response = client.get(reverse("catalogue:photo", args=[listing.pk, size]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    return b"".join(response.streaming_content)


def test_a_public_photo_has_no_exif_gps_and_its_thumbnail_is_at_most_30_kb(client, owner_user, staff_user):
    original = jpeg_with_gps(size=(2400, 1800))
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the upload does carry GPS
    product = ProductFactory(business=BusinessFactory(owner=OwnerFactory(user=owner_user)))
    services.consent_set(actor=owner_user, business=product.business, given=True)
    listing = services.listing_create(actor=owner_user, product=product, data={}, photo=upload(original))
    services.listing_submit(actor=owner_user, listing=listing)
    services.listing_approve(actor=staff_user, listing=listing)
    for size in ("besar", "kecil"):
        image = Image.open(io.BytesIO(data := served(client, listing, size)))
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD) and len(exif) == 0 and "exif" not in image.info
        assert max(image.size) <= 1200
    assert len(served(client, listing, "kecil")) <= 30 * 1024
    assert len(data) <= 30 * 1024


def test_a_noisy_photo_still_gets_a_thumbnail_under_30_kb():
    noisy = Image.effect_noise((1200, 1200), 100).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=95)
    cleaned = photos.clean_photo(upload(out.getvalue()))
    assert len(photos.thumbnail(cleaned)) <= 30 * 1024


def test_a_large_photo_gets_its_thumbnail_from_the_background_task(
    owner_user, settings, django_capture_on_commit_callbacks
):
    settings.BINAUMKM = {**settings.BINAUMKM, "CATALOGUE": {"THUMBNAIL_INLINE_MAX_BYTES": 10}}
    product = ProductFactory(business=BusinessFactory(owner=OwnerFactory(user=owner_user)))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        listing = services.listing_create(actor=owner_user, product=product, data={}, photo=upload())
    assert not listing.thumbnail and len(callbacks) == 1  # queued, not made in the request
    callbacks[0]()  # the worker runs the task (tests use the immediate backend)
    listing.refresh_from_db()
    assert listing.thumbnail and len(listing.thumbnail.read()) <= 30 * 1024


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.4 not a picture", "bukan foto"),
        (b"\xff\xd8\xff\xe0 broken jpeg", "bukan foto"),
        (b"GIF89a" + b"\x00" * 20, "bukan foto"),
    ],
)
def test_files_that_are_not_photos_are_refused_with_a_clear_message(data, message):
    with pytest.raises(ValidationError, match=message):
        photos.clean_photo(upload(data))


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    image = Image.new("1", (12_000, 12_000))  # 144 megapixels, a few kilobytes as PNG
    out = io.BytesIO()
    image.save(out, "PNG")
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ValidationError, match="megapiksel"):
        photos.clean_photo(upload(out.getvalue(), name="bom.png"))


def test_a_refused_upload_keeps_the_form_and_says_why(client, owner_user):
    product = ProductFactory(business=BusinessFactory(owner=OwnerFactory(user=owner_user)))
    client.force_login(owner_user)
    url = reverse("catalogue:my_listing_create", args=[product.business.pk])
    response = client.post(
        url,
        {
            "product": product.pk,
            "name": "Nama Saya",
            "description": "tetap ada",
            "photo": upload(b"bukan gambar", name="x.jpg"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "bukan foto" in page and "tetap ada" in page


def test_an_owner_sees_their_draft_photo_and_the_public_does_not(client, owner_user):
    product = ProductFactory(business=BusinessFactory(owner=OwnerFactory(user=owner_user)))
    listing = services.listing_create(actor=owner_user, product=product, data={}, photo=upload())
    assert client.get(reverse("catalogue:photo", args=[listing.pk, "kecil"])).status_code == 404
    client.force_login(owner_user)
    assert served(client, listing, "kecil")


def test_public_photos_are_cacheable(client):
    listing = public_listing()
    listing.photo.save("a.jpg", upload(photos.clean_photo(upload())), save=True)
    response = client.get(reverse("catalogue:photo", args=[listing.pk, "besar"]))
    assert response["Cache-Control"].startswith("public")
