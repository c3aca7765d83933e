"""Audit event codes of modern-store partnerships (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    STORE_CREATED = "partnerships.store.created", _("Toko modern didaftarkan")
    STORE_UPDATED = "partnerships.store.updated", _("Data toko diubah")
    STORE_CLOSED = "partnerships.store.closed", _("Toko ditutup")
    STORE_REOPENED = "partnerships.store.reopened", _("Toko dibuka kembali")
    MANAGER_ADDED = "partnerships.store.manager_added", _("Pengelola toko ditambahkan")
    MANAGER_REMOVED = "partnerships.store.manager_removed", _("Pengelola toko dilepas")
    PARTNERSHIP_RECORDED = "partnerships.partnership.recorded", _("Kemitraan dicatat")
    PARTNERSHIP_UPDATED = "partnerships.partnership.updated", _("Ketentuan kemitraan diubah")
    PARTNERSHIP_CONFIRMED = "partnerships.partnership.confirmed", _("Kemitraan dikonfirmasi toko")
    PARTNERSHIP_ACTIVATED = "partnerships.partnership.activated", _("Kemitraan aktif")
    PARTNERSHIP_ENDED = "partnerships.partnership.ended", _("Kemitraan berakhir")
    AGREEMENT_UPLOADED = "partnerships.partnership.agreement_uploaded", _("Perjanjian kemitraan diunggah")
    OFFER_CREATED = "partnerships.offer.created", _("Tawaran kemitraan dibuat")
    OFFER_ACCEPTED = "partnerships.offer.accepted", _("Tawaran kemitraan diterima pemilik")
    OFFER_DECLINED = "partnerships.offer.declined", _("Tawaran kemitraan ditolak pemilik")
    OFFER_DECLINED_BY_STORE = "partnerships.offer.declined_by_store", _("Tawaran kemitraan ditolak toko")
    OFFER_CANCELLED = "partnerships.offer.cancelled", _("Tawaran kemitraan dibatalkan")
    MATCH_RUN = "partnerships.match.run", _("Pencocokan dijalankan")
    LETTER_CREATED = "partnerships.letter.created", _("Surat peringatan diterbitkan")
    LETTER_ANSWERED = "partnerships.letter.answered", _("Surat peringatan dijawab")
    LETTER_RESOLVED = "partnerships.letter.resolved", _("Surat peringatan dinyatakan selesai")
