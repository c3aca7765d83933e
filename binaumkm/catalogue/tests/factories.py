"""Catalogue test helpers: photos (with EXIF GPS, as a phone writes them) and public listings."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from binaumkm.catalogue.models import CatalogueConsent, Listing, ListingState
from binaumkm.registry.tests.factories import BusinessFactory, ProductFactory

GPS_IFD = 0x8825


def jpeg_with_gps(size=(800, 600), color=(150, 60, 30)) -> bytes:
    """A JPEG carrying an EXIF GPS position (Solo: 7.57 S, 110.82 E) and a camera model."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[0x0110] = "Kamera HP Uji"  # Model
    exif[GPS_IFD] = {1: "S", 2: (7.0, 34.0, 12.0), 3: "E", 4: (110.0, 49.0, 30.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def upload(data: bytes | None = None, name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else jpeg_with_gps(), content_type="image/jpeg")


def consent(business, *, whatsapp: str = "+6281234567890") -> CatalogueConsent:
    return CatalogueConsent.objects.update_or_create(
        business=business, defaults={"given": True, "given_at": timezone.now(), "whatsapp": whatsapp}
    )[0]


def public_listing(
    *,
    business=None,
    name="Kemeja Batik Tulis",
    category="batik",
    price=250_000,
    description="",
    consented=True,
    **fields,
) -> Listing:
    """An approved listing straight in the database (for read tests; services are tested apart)."""
    business = business or BusinessFactory()
    if consented:
        consent(business)
    product = ProductFactory(business=business, name=name, category=category, price=price)
    return Listing.objects.create(
        business=business, product=product, name=name, category=category, price=price, description=description,
        state=ListingState.APPROVED, approved_at=timezone.now(), **fields,
    )  # fmt: skip
