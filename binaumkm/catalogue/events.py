"""Audit event codes of the catalogue (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    CONSENT_GIVEN = "catalogue.consent.given", _("Persetujuan tampil di katalog diberikan")
    CONSENT_WITHDRAWN = "catalogue.consent.withdrawn", _("Persetujuan tampil di katalog ditarik")
    LISTING_CREATED = "catalogue.listing.created", _("Produk katalog dibuat")
    LISTING_UPDATED = "catalogue.listing.updated", _("Produk katalog diubah")
    LISTING_SUBMITTED = "catalogue.listing.submitted", _("Produk katalog diajukan untuk kurasi")
    LISTING_REVISION = "catalogue.listing.revision", _("Produk katalog diminta diperbaiki")
    LISTING_APPROVED = "catalogue.listing.approved", _("Produk katalog disetujui tayang")
    LISTING_ARCHIVED = "catalogue.listing.archived", _("Produk katalog diarsipkan")
