"""Releases of open datasets: a release freezes one dataset's rows at one moment into files (CSV,
JSON, .xlsx) kept in the media store with their SHA-256 checksums. Releases are never changed or
deleted, so an old version stays downloadable and its checksum stays true."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReleaseState(models.TextChoices):
    PENDING = "diproses", _("Sedang dibuat")
    READY = "terbit", _("Terbit")
    FAILED = "gagal", _("Gagal")


class Release(models.Model):
    dataset = models.CharField(_("dataset"), max_length=60)
    version = models.PositiveIntegerField(_("versi"))
    state = models.CharField(
        _("status"), max_length=10, choices=ReleaseState.choices, default=ReleaseState.PENDING
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    as_of = models.DateTimeField(_("data per"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)

    class Meta:
        ordering = ["dataset", "-version"]
        verbose_name = _("rilis data terbuka")
        verbose_name_plural = _("rilis data terbuka")
        constraints = [
            models.UniqueConstraint(fields=["dataset", "version"], name="opendata_release_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="opendata_release_version_positive"),
        ]

    def __str__(self):
        return f"{self.dataset} v{self.version}"


class FileFormat(models.TextChoices):
    CSV = "csv", "CSV"
    JSON = "json", "JSON"
    XLSX = "xlsx", "XLSX"


class ReleaseFile(models.Model):
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="files")
    format = models.CharField(_("format"), max_length=5, choices=FileFormat.choices)
    file = models.FileField(_("berkas"), upload_to="data-terbuka/", max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("ukuran (bita)"))

    class Meta:
        ordering = ["release", "format"]
        verbose_name = _("berkas rilis")
        verbose_name_plural = _("berkas rilis")
        constraints = [
            models.UniqueConstraint(fields=["release", "format"], name="opendata_file_format_unique"),
        ]

    def __str__(self):
        return f"{self.release} {self.format}"
