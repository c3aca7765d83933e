"""Audit event codes of the registry (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    OWNER_CREATED = "registry.owner.created", _("Pemilik didaftarkan")
    OWNER_UPDATED = "registry.owner.updated", _("Data pemilik diubah")
    OWNER_ANONYMISED = "registry.owner.anonymised", _("Data pribadi pemilik dianonimkan")
    PERSONAL_DATA_REVEALED = "registry.owner.nik_revealed", _("NIK atau nomor HP lengkap dibuka")
    SIGNUP_DUPLICATE = (
        "registry.owner.signup_duplicate",
        _("Pendaftaran mandiri memakai data yang sudah terdaftar (pemiliknya diberi tahu)"),
    )
    CLAIM_CODE_ISSUED = "registry.owner.claim_code_issued", _("Kode klaim pemilik dibuat")
    OWNER_CLAIMED = "registry.owner.claimed", _("Data pemilik diklaim dan ditautkan ke akun")
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
    IMPORT_SHEET_CHOSEN = "registry.import.sheet_chosen", _("Lembar impor dipilih")
    IMPORT_MAPPING_CONFIRMED = "registry.import.mapping_confirmed", _("Pemetaan kolom impor dikonfirmasi")
    IMPORT_MAPPING_SAVED = (
        "registry.import.mapping_saved",
        _("Pemetaan kolom disimpan untuk berkas berikutnya"),
    )
    IMPORT_SECTORS_CONFIRMED = "registry.import.sectors_confirmed", _("Sektor hasil impor dikonfirmasi")
    IMPORT_UPDATED = "registry.import.updated", _("Usaha yang sudah terdaftar diperbarui dari impor")
    SECTOR_KEYWORD_CREATED = "registry.sector_keyword.created", _("Kata kunci sektor ditambahkan")
    SECTOR_KEYWORD_UPDATED = "registry.sector_keyword.updated", _("Kata kunci sektor diubah")
    SECTOR_KEYWORD_DELETED = "registry.sector_keyword.deleted", _("Kata kunci sektor dihapus")
    PRESENCE_CREATED = "registry.presence.created", _("Kehadiran digital dicatat")
    PRESENCE_UPDATED = "registry.presence.updated", _("Kehadiran digital diubah")
    PRESENCE_VERIFIED = "registry.presence.verified", _("Kehadiran digital diverifikasi dinas")
    PRESENCE_ASSISTED = "registry.presence.assisted", _("Pendampingan onboarding digital dicatat")
    PRESENCE_CONFIRMED = (
        "registry.presence.confirmed_active",
        _("Pemilik mengonfirmasi toko online masih aktif"),
    )
    PRESENCE_DORMANT = "registry.presence.dormant", _("Toko online ditandai tidak aktif (tidur)")
    PRESENCE_LINK_CHECKED = "registry.presence.link_checked", _("Tautan kehadiran digital diperiksa")
