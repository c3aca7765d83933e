"""Audit event codes of financing (see ``core.audit``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PROVIDER_SAVED = "financing.provider.saved", _("Penyedia pembiayaan disimpan")
    BRANCH_SAVED = "financing.branch.saved", _("Kantor cabang disimpan")
    OFFICER_ADDED = "financing.branch.officer_added", _("Petugas bank ditambahkan ke kantor")
    OFFICER_REMOVED = "financing.branch.officer_removed", _("Petugas bank dilepas dari kantor")
    SCHEME_CREATED = "financing.scheme.created", _("Skema pembiayaan dibuat")
    SCHEME_UPDATED = "financing.scheme.updated", _("Skema pembiayaan diubah")
    DOCUMENT_UPLOADED = "financing.document.uploaded", _("Dokumen usaha diunggah")
    DOCUMENT_VERIFIED = "financing.document.verified", _("Dokumen usaha diverifikasi")
    DOCUMENT_REJECTED = "financing.document.rejected", _("Dokumen usaha ditolak")
    DOCUMENT_VIEWED = "financing.document.viewed", _("Dokumen usaha dibuka")
    REFERRAL_CREATED = "financing.referral.created", _("Rujukan dibuat")
    REFERRAL_SUBMITTED = "financing.referral.submitted", _("Rujukan lengkap dan siap dikirim")
    REFERRAL_CONSENTED = "financing.referral.consented", _("Pemilik menyetujui berbagi berkas")
    REFERRAL_SENT = "financing.referral.sent", _("Rujukan dikirim ke bank")
    REFERRAL_RECEIVED = "financing.referral.received", _("Rujukan diterima bank")
    REFERRAL_REVIEWED = "financing.referral.reviewed", _("Rujukan ditinjau bank")
    REFERRAL_REJECTED = "financing.referral.rejected", _("Rujukan ditolak bank")
    REFERRAL_APPROVED = "financing.referral.approved", _("Pembiayaan disetujui")
    REFERRAL_DISBURSED = "financing.referral.disbursed", _("Pembiayaan dicairkan")
    REFERRAL_CLOSED = "financing.referral.closed", _("Rujukan selesai")
    REFERRAL_WITHDRAWN = "financing.referral.withdrawn", _("Rujukan ditarik")
    REFERRAL_EXPIRED = "financing.referral.expired", _("Rujukan kedaluwarsa")
    REFERRAL_REVERSED = "financing.referral.reversed", _("Langkah rujukan dibatalkan")
    REFERRAL_BUNDLE_DOWNLOADED = "financing.referral.bundle_downloaded", _("Berkas rujukan diunduh")
    REFERRAL_REMINDED = "financing.referral.reminded", _("Pengingat rujukan dikirim")
    FOLLOWUP_ASSIGNED = "financing.followup.assigned", _("Tindak lanjut ditugaskan")
    FOLLOWUP_RECORDED = "financing.followup.recorded", _("Tindak lanjut dicatat")
    NOMINATION_LIST_CREATED = "financing.nomination_list.created", _("Daftar nominasi dibuat")
    NOMINATIONS_ADDED = "financing.nomination_list.added", _("UMKM ditambahkan ke daftar nominasi")
    NOMINATION_REMOVED = "financing.nomination_list.removed", _("UMKM dikeluarkan dari daftar nominasi")
    NOMINATION_LIST_EXPORTED = "financing.nomination_list.exported", _("Daftar nominasi diekspor")
