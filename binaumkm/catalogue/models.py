"""The public catalogue: an owner's consent to publish, and product listings staff curate.

A listing keeps its own public copy of a registry product (name, category, price, photo...): what
the public sees is what staff approved, whatever the registry record says later. The registry
product stays the link to where the product is sold (store partnerships, consignment stock).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import TimeStampedModel
from binaumkm.core.search import TextIndex
from binaumkm.registry.choices import ProductCategory, ProductUnit
from binaumkm.registry.models import Business, Product


class CatalogueConsent(TimeStampedModel):
    """The owner's choice to show a business's products in the public catalogue (one per business).
    Withdrawn consent keeps the row (who, when) and hides every listing at once."""

    business = models.OneToOneField(Business, on_delete=models.CASCADE, related_name="catalogue_consent")
    given = models.BooleanField(_("tampilkan produk di katalog publik"), default=False)
    given_at = models.DateTimeField(_("persetujuan diberikan pada"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("persetujuan ditarik pada"), null=True, blank=True)
    # Shown on the public pages only when the owner filled it in (empty: no WhatsApp button).
    whatsapp = models.CharField(_("nomor WhatsApp yang ditampilkan"), max_length=16, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("persetujuan katalog")
        verbose_name_plural = _("persetujuan katalog")

    def __str__(self):
        return f"{self.business_id}: {'ya' if self.given else 'tidak'}"

    @property
    def slug(self) -> str:
        return slugify(self.business.name) or "umkm"


class ListingState(models.TextChoices):
    DRAFT = "draf", _("Draf")
    SUBMITTED = "diajukan", _("Menunggu kurasi")
    REVISION = "revisi", _("Perlu perbaikan")
    APPROVED = "disetujui", _("Tayang")
    ARCHIVED = "diarsipkan", _("Diarsipkan")


def listing_photo_path(instance, filename):
    return f"katalog/{instance.business_id}/{filename}"


class Listing(TimeStampedModel):
    """One product in the public catalogue, curated: only approved listings are public."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="listings")
    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="listing")
    name = models.CharField(_("nama produk"), max_length=150)
    category = models.CharField(_("kategori"), max_length=20, choices=ProductCategory.choices)
    description = models.TextField(_("deskripsi"), max_length=2000, blank=True)
    price = models.PositiveBigIntegerField(_("harga (Rp)"))
    unit = models.CharField(
        _("satuan"), max_length=10, choices=ProductUnit.choices, default=ProductUnit.PIECE
    )
    # Photos are re-encoded on upload (no EXIF) and served by the catalogue's own view, which checks
    # the listing is public: a withdrawn consent hides the photos too.
    photo = models.FileField(_("foto"), upload_to=listing_photo_path, blank=True)
    thumbnail = models.FileField(upload_to=listing_photo_path, blank=True)
    marketplace_url = models.URLField(_("tautan toko online produk ini"), blank=True)
    state = models.CharField(
        _("status"), max_length=12, choices=ListingState.choices, default=ListingState.DRAFT
    )
    revision_reason = models.CharField(_("alasan perbaikan"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-approved_at", "-id"]
        verbose_name = _("produk katalog")
        verbose_name_plural = _("produk katalog")
        permissions = [
            ("curate_listing", _("Dapat mengkurasi produk katalog publik")),
            ("list_own_products", _("Dapat mendaftarkan produk sendiri ke katalog publik")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="revisi") | ~Q(revision_reason=""), name="catalogue_revision_has_reason"
            ),
        ]
        indexes = [
            # The public list: approved listings, newest first, filtered by category and price.
            models.Index(fields=["state", "category", "price"], name="catalogue_listing_public_idx"),
            models.Index(fields=["state", "-approved_at", "-id"], name="catalogue_listing_newest_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def slug(self) -> str:
        return slugify(self.name) or "produk"


# Ranked full-text search over the listings' public text (installed by migration 0002).
SEARCH_INDEX = TextIndex("catalogue_listing", ("name", "description"))
