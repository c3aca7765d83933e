"""Audit event codes of the registry (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    OWNER_CREATED = "registry.owner.created", _("Pemilik didaftarkan")
    OWNER_UPDATED = "registry.owner.updated", _("Data pemilik diubah")
    PERSONAL_DATA_REVEALED = "registry.owner.nik_revealed", _("NIK atau nomor HP lengkap dibuka")
    BUSINESS_CREATED = "registry.business.created", _("Usaha didaftarkan")
    BUSINESS_UPDATED = "registry.business.updated", _("Data usaha diubah")
    BUSINESS_VERIFIED = "registry.business.verified", _("Usaha diverifikasi")
    BUSINESS_REJECTED = "registry.business.rejected", _("Verifikasi usaha ditolak")
    BUSINESS_STATUS_CHANGED = "registry.business.status_changed", _("Status usaha diubah")
    BUSINESS_DELETED = "registry.business.deleted", _("Usaha dihapus")
    BUSINESS_EXPORTED = "registry.business.exported", _("Daftar usaha diekspor")
    PRODUCT_CREATED = "registry.product.created", _("Produk ditambahkan")
    PRODUCT_UPDATED = "registry.product.updated", _("Produk diubah")
    PRODUCT_DELETED = "registry.product.deleted", _("Produk dihapus")
    TURNOVER_CREATED = "registry.turnover.created", _("Omzet bulanan dilaporkan")
    TURNOVER_UPDATED = "registry.turnover.updated", _("Omzet bulanan dikoreksi")
    TURNOVER_DELETED = "registry.turnover.deleted", _("Laporan omzet dihapus")
    IMPORT_UPLOADED = "registry.import.uploaded", _("Berkas impor diunggah")
    IMPORT_CONFIRMED = "registry.import.confirmed", _("Impor dikonfirmasi")
    IMPORT_WRITTEN = "registry.import.written", _("Data impor ditulis")
