"""Access declarations of the catalogue's URLs, and its part of the shared world: the "owner"'s
business consents to the catalogue, with one approved (public) listing and one waiting for curation."""

from binaumkm.core.tests.site_access import OK, OWNER_OBJECT, PUBLIC, STAFF, Url, rule


def build(world):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from binaumkm.catalogue import photos
    from binaumkm.catalogue.models import CatalogueConsent, Listing, ListingState
    from binaumkm.catalogue.tests.factories import upload
    from binaumkm.registry.tests.factories import ProductFactory

    now = timezone.now()
    CatalogueConsent.objects.create(
        business=world.business, given=True, given_at=now, whatsapp="+6281234567890"
    )
    shown = ProductFactory(business=world.business, name="Kemeja Batik Sri", category="batik")
    world.public_listing = Listing.objects.create(
        business=world.business, product=shown, name=shown.name, category="batik", price=250_000,
        state=ListingState.APPROVED, approved_at=now,
    )  # fmt: skip
    world.public_listing.photo.save("sri.jpg", ContentFile(photos.clean_photo(upload())), save=True)
    world.listing = Listing.objects.create(
        business=world.business, product=world.product, name=world.product.name, category="makanan",
        price=25_000, state=ListingState.SUBMITTED, submitted_at=now,
    )  # fmt: skip


def public_listing(world):
    return {"pk": world.public_listing.pk, "slug": world.public_listing.slug}


def listing(world):
    return {"pk": world.listing.pk}


def business(world):
    return {"pk": world.business.pk}


MY_LIST = rule(owner=OK, other_owner=OK)
LISTING_FORM = lambda w: {"name": "Keripik", "category": "makanan", "price": "30.000", "unit": "pak"}  # noqa: E731

URLS = {
    "catalogue:adoption_report": Url(STAFF, query="?group_by=platform&kecamatan=1&sector=C&size_class=mikro"),
    "catalogue:adoption_export": Url(STAFF, query="?group_by=nonsense"),
    "sitemap": Url(PUBLIC),
    "catalogue:home": Url(PUBLIC),
    "catalogue:search": Url(PUBLIC, query="?q=batik&kecamatan=1&price_min=1000&badges=pirt"),
    "catalogue:listing": Url(PUBLIC, kwargs=public_listing),
    "catalogue:photo": Url(PUBLIC, kwargs=lambda w: {"pk": w.public_listing.pk, "size": "besar"}),
    "catalogue:business": Url(PUBLIC, kwargs=lambda w: {"pk": w.business.pk, "slug": "batik-sri"}),
    "catalogue:my_listings": Url(MY_LIST),
    "catalogue:my_consent": Url(
        OWNER_OBJECT, kwargs=business, methods=("GET", "POST"), data=lambda w: {"given": "on", "whatsapp": ""}
    ),
    "catalogue:my_listing_create": Url(
        OWNER_OBJECT, kwargs=business, methods=("GET", "POST"), data=lambda w: {"product": ""}
    ),
    "catalogue:my_listing_edit": Url(
        OWNER_OBJECT, kwargs=listing, methods=("GET", "POST"), data=LISTING_FORM
    ),
    "catalogue:my_listing_submit": Url(OWNER_OBJECT, kwargs=listing, methods=("POST",)),
    "catalogue:my_listing_archive": Url(OWNER_OBJECT, kwargs=listing, methods=("POST",)),
    "catalogue:curation_queue": Url(STAFF, query="?state=diajukan"),
    "catalogue:curation_detail": Url(
        STAFF, kwargs=listing, methods=("GET", "POST"), data=lambda w: {"reason": "Foto buram"}
    ),
    "catalogue:curation_approve": Url(STAFF, kwargs=listing, methods=("POST",)),
    "catalogue:curation_archive": Url(STAFF, kwargs=listing, methods=("POST",)),
}
