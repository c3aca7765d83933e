from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        abstract = True


class Kecamatan(models.Model):
    code = models.CharField(_("kode Kemendagri"), max_length=8, unique=True)
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self):
        return self.name


class Kelurahan(models.Model):
    code = models.CharField(_("kode Kemendagri"), max_length=13, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.PROTECT, related_name="kelurahan_set")
    postal_code = models.CharField(_("kode pos"), max_length=5, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")

    def __str__(self):
        return self.name


class AuditEntry(models.Model):
    """Who did what to which object, when, with old -> new values (sensitive values masked)."""

    created_at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("pelaku"), max_length=150)
    action = models.CharField(_("tindakan"), max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("objek"), max_length=200, blank=True)
    changes = models.JSONField(_("perubahan"), default=dict, blank=True)
    data = models.JSONField(_("keterangan"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]
        verbose_name = _("catatan audit")
        verbose_name_plural = _("log audit")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    @property
    def description(self) -> str:
        """The readable label of the action ("NIK dibuka"), from its app's ``events.Event``."""
        from .audit import event_label

        return event_label(self.action)


class Counter(models.Model):
    """A running number per key and year (letter numbers); its row is locked while a number is taken
    (see ``core.numbering``)."""

    key = models.CharField(_("kunci"), max_length=60)
    year = models.PositiveSmallIntegerField(_("tahun"))
    last = models.PositiveIntegerField(_("nomor terakhir"), default=0)

    class Meta:
        verbose_name = _("penghitung nomor")
        verbose_name_plural = _("penghitung nomor")
        constraints = [models.UniqueConstraint(fields=["key", "year"], name="core_counter_key_year_unique")]

    def __str__(self):
        return f"{self.key} {self.year}: {self.last}"
