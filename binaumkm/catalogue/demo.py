"""Demo data: about a third of the verified, open demo UMKM consent to the public catalogue (most
showing a WhatsApp number) and list one to three of their registry products, in every curation state
— mostly approved, some waiting for curation, some sent back with a reason, a few drafts and archived
ones. The demo owner has one listing to fix, so their to-do list shows it. Photos are drawn per
category (a coloured square with the product's initial), stored once and shared."""

from __future__ import annotations

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from binaumkm.registry.choices import ProductCategory
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import eligible_q

from . import photos
from .demo_digital import seed_digital
from .models import CatalogueConsent, Listing, ListingState

S = ListingState
COLOURS = {
    "makanan": (196, 140, 52), "minuman": (120, 72, 40), "batik": (112, 62, 28), "fesyen": (46, 84, 140),
    "kerajinan": (150, 110, 70), "kecantikan": (190, 110, 140), "rumah_tangga": (90, 130, 110),
    "jasa": (100, 100, 100), "lainnya": (80, 120, 160),
}  # fmt: skip
REASONS = [
    "Foto terlalu gelap; ambil di dekat jendela dengan latar polos.",
    "Nama produk terlalu umum; sebutkan jenis dan ukurannya.",
    "Produk pangan: cantumkan nomor P-IRT yang masih berlaku.",
    "Harga belum sesuai dengan harga di toko online Anda.",
]
STATES = [(S.APPROVED, 70), (S.SUBMITTED, 12), (S.REVISION, 8), (S.DRAFT, 6), (S.ARCHIVED, 4)]


def _category_photos() -> dict[str, tuple[str, str]]:
    """(photo, thumbnail) storage names per category, drawn once."""
    names = {}
    for category, colour in COLOURS.items():
        image = Image.new("RGB", (800, 800), colour)
        draw = ImageDraw.Draw(image)
        for step in range(0, 800, 80):  # a simple batik-like lattice so the picture is not flat
            draw.ellipse((step, step, step + 160, step + 160), outline=(250, 240, 220), width=6)
            draw.line((0, step, 800, 800 - step), fill=(240, 225, 200), width=3)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
        cleaned = photos.clean_photo(ContentFile(out.getvalue(), name="demo.jpg"))
        photo = default_storage.save(f"katalog/demo/{category}.jpg", ContentFile(cleaned))
        thumb = default_storage.save(
            f"katalog/demo/{category}-kecil.jpg", ContentFile(photos.thumbnail(cleaned))
        )
        names[category] = (photo, thumb)
    return names


def _state(rng) -> str:
    pick = rng.uniform(0, 100)
    for state, share in STATES:
        if pick < share:
            return state
        pick -= share
    return S.APPROVED


def seed(ctx):
    seed_digital(ctx)  # digital stages (this module's funnel), consistent with training
    if Listing.objects.exists():
        return
    rng = ctx.rng("catalogue")
    now = timezone.now()
    pictures = _category_photos()
    businesses = list(Business.objects.filter(eligible_q()).select_related("owner").order_by("pk"))
    demo_owner = next((b for b in businesses if b.owner.user_id), None)
    joining = [b for b in businesses if b is demo_owner or rng.random() < 0.35]
    products: dict[int, list[Product]] = {}
    for product in Product.objects.filter(business__in=joining, is_active=True).order_by("pk"):
        products.setdefault(product.business_id, []).append(product)
    consents, listings = [], []
    for business in joining:
        given_at = now - datetime.timedelta(days=rng.randint(5, 400))
        whatsapp = (
            business.owner.phone if business.owner.phone.startswith("+628") and rng.random() < 0.75 else ""
        )
        consents.append(CatalogueConsent(business=business, given=True, given_at=given_at, whatsapp=whatsapp))
        own = products.get(business.pk, [])
        for index, product in enumerate(rng.sample(own, k=min(len(own), rng.randint(1, 3)))):
            state = S.REVISION if business is demo_owner and index == 0 else _state(rng)
            photo, thumb = pictures.get(product.category, pictures["lainnya"])
            submitted = given_at + datetime.timedelta(days=rng.randint(0, 3))
            listings.append(Listing(
                business=business, product=product, name=product.name, category=product.category,
                description=product.description, price=product.price, unit=product.unit,
                photo="" if state == S.DRAFT and rng.random() < 0.5 else photo,
                thumbnail="" if state == S.DRAFT else thumb,
                state=state, revision_reason=rng.choice(REASONS) if state == S.REVISION else "",
                submitted_at=None if state == S.DRAFT else submitted,
                approved_at=min(now, submitted + datetime.timedelta(days=rng.randint(1, 10)))  # never ahead of today
                if state in (S.APPROVED, S.ARCHIVED) else None,
                created_at=given_at,
            ))  # fmt: skip
    CatalogueConsent.objects.bulk_create(consents, batch_size=2000)
    Listing.objects.bulk_create(listings, batch_size=2000)
    shown = sum(1 for item in listings if item.state == S.APPROVED)
    ctx.log(f"catalogue: {len(consents)} UMKM setuju tampil, {len(listings)} produk ({shown} tayang)")
    assert set(COLOURS) == set(ProductCategory.values)
