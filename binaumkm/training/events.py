"""Audit event codes of training (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PROGRAMME_CREATED = "training.programme.created", _("Program pelatihan dibuat")
    PROGRAMME_UPDATED = "training.programme.updated", _("Program pelatihan diubah")
    PROGRAMME_DELETED = "training.programme.deleted", _("Program pelatihan dihapus")
    BATCH_CREATED = "training.batch.created", _("Angkatan dibuat")
    BATCH_UPDATED = "training.batch.updated", _("Angkatan diubah")
    BATCH_DELETED = "training.batch.deleted", _("Angkatan dihapus")
    BATCH_OPENED = "training.batch.opened", _("Pendaftaran angkatan dibuka")
    BATCH_CLOSED = "training.batch.closed", _("Pendaftaran angkatan ditutup")
    BATCH_FINISHED = "training.batch.finished", _("Angkatan selesai")
    COMPLETION_APPLIED = "training.batch.completion_applied", _("Aturan kelulusan diterapkan")
    SESSION_CREATED = "training.session.created", _("Sesi ditambahkan")
    SESSION_DELETED = "training.session.deleted", _("Sesi dihapus")
    ALLOCATION_PUBLISHED = "training.allocation.published", _("Hasil seleksi diumumkan")
    REGISTRATION_CREATED = "training.registration.created", _("Pendaftaran pelatihan dibuat")
    REGISTRATION_CANCELLED = "training.registration.cancelled", _("Pendaftaran pelatihan dibatalkan")
    PRIORITY_CHANGED = "training.registration.priority_changed", _("Prioritas pendaftar diubah")
    OFFER_MADE = "training.offer.made", _("Kursi ditawarkan dari daftar tunggu")
    OFFER_ACCEPTED = "training.offer.accepted", _("Tawaran kursi diterima")
    OFFER_DECLINED = "training.offer.declined", _("Tawaran kursi ditolak")
    OFFER_EXPIRED = "training.offer.expired", _("Tawaran kursi kedaluwarsa")
    CHECKED_IN = "training.attendance.checked_in", _("Kehadiran dicatat")
    CHECK_IN_REMOVED = "training.attendance.removed", _("Kehadiran dihapus")
    CERTIFICATE_ISSUED = "training.certificate.issued", _("Sertifikat diterbitkan")
    COVERAGE_EXPORTED = "training.coverage.exported", _("Laporan pemerataan diekspor")
