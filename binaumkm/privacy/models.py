"""UU PDP records: the privacy notice's versions, owners' consents to them, and owners' requests about
their personal data (see docs/privacy.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.registry.models import Owner


class PrivacyNotice(models.Model):
    """One version of the privacy notice. The current one is the newest in effect (or the version a
    deployment pins in ``PRIVACY_NOTICE_VERSION``); owners who agreed to an older one are asked again."""

    version = models.PositiveIntegerField(_("versi"), unique=True)
    text = models.TextField(_("isi pemberitahuan"), max_length=20_000)
    effective_date = models.DateField(_("berlaku mulai"))
    published_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("pemberitahuan privasi")
        verbose_name_plural = _("pemberitahuan privasi")

    def __str__(self):
        return _("Pemberitahuan privasi versi %(v)d") % {"v": self.version}


class ConsentChannel(models.TextChoices):
    ONLINE = "online", _("Daring (dicentang sendiri)")
    PAPER = "kertas", _("Formulir kertas (dicatat staf)")


class Consent(models.Model):
    """An owner agreed to one version of the notice: when, and how."""

    owner = models.ForeignKey(Owner, on_delete=models.PROTECT, related_name="consents")
    notice = models.ForeignKey(PrivacyNotice, on_delete=models.PROTECT, related_name="consents")
    given_at = models.DateTimeField(_("waktu persetujuan"), default=timezone.now)
    channel = models.CharField(_("cara"), max_length=10, choices=ConsentChannel.choices)
    document_reference = models.CharField(_("nomor dokumen"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_at", "-id"]
        verbose_name = _("persetujuan")
        verbose_name_plural = _("persetujuan")
        constraints = [
            models.UniqueConstraint(fields=["owner", "notice"], name="privacy_consent_once_per_version"),
            # A paper consent names the signed form it was entered from.
            models.CheckConstraint(
                condition=Q(channel="online") | ~Q(document_reference=""),
                name="privacy_paper_consent_has_document",
            ),
        ]

    def __str__(self):
        return f"{self.owner_id}/v{self.notice_id}"


class RequestKind(models.TextChoices):
    ACCESS = "akses", _("Salinan data")
    CORRECTION = "koreksi", _("Perbaikan data")
    DELETION = "hapus", _("Penghapusan data")


class RequestState(models.TextChoices):
    NEW = "baru", _("Baru")
    IN_PROGRESS = "diproses", _("Sedang diproses")
    DONE = "selesai", _("Selesai")
    REJECTED = "ditolak", _("Ditolak")


OPEN_STATES = (RequestState.NEW, RequestState.IN_PROGRESS)


class DataRequest(models.Model):
    """An owner's request about their personal data, answered by staff before ``due_at`` (a legal
    deadline per kind, ``privacy.conf``)."""

    owner = models.ForeignKey(Owner, on_delete=models.PROTECT, related_name="data_requests")
    kind = models.CharField(_("jenis"), max_length=10, choices=RequestKind.choices)
    state = models.CharField(
        _("status"), max_length=10, choices=RequestState.choices, default=RequestState.NEW
    )
    fields = models.JSONField(_("data yang dimaksud"), default=list, blank=True)
    message = models.TextField(_("keterangan"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("diajukan"), default=timezone.now)
    due_at = models.DateTimeField(_("batas waktu"))
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(_("ditangani"), null=True, blank=True)
    outcome = models.TextField(_("hasil"), max_length=4000, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("permintaan data pribadi")
        verbose_name_plural = _("permintaan data pribadi")
        indexes = [models.Index(fields=["state", "due_at"], name="privacy_request_queue_idx")]
        permissions = [
            ("process_datarequest", _("Dapat memproses permintaan data pribadi")),
            ("view_personal_data_log", _("Dapat melihat log akses NIK dan nomor HP")),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self) -> str:
        return f"PDP-{self.pk:05d}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()
