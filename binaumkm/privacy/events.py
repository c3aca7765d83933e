"""Audit event codes of the privacy app (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    NOTICE_PUBLISHED = "privacy.notice.published", _("Pemberitahuan privasi versi baru diterbitkan")
    CONSENT_GIVEN = "privacy.consent.given", _("Pemilik menyetujui pemberitahuan privasi")
    CONSENT_RECORDED = "privacy.consent.recorded", _("Persetujuan kertas dicatat staf")
    DATA_DOWNLOADED = "privacy.data.downloaded", _("Pemilik mengunduh data pribadinya")
    REQUEST_CREATED = "privacy.request.created", _("Permintaan data pribadi diajukan")
    REQUEST_STARTED = "privacy.request.started", _("Permintaan data pribadi mulai diproses")
    REQUEST_COMPLETED = "privacy.request.completed", _("Permintaan data pribadi diselesaikan")
    REQUEST_REJECTED = "privacy.request.rejected", _("Permintaan data pribadi ditolak")
    OWNER_ERASED = "privacy.owner.erased", _("Data pribadi pemilik dihapus (dianonimkan)")
    RETENTION_APPLIED = "privacy.retention.applied", _("Masa simpan data berakhir: pemilik dianonimkan")
