"""An exhibition (pameran, bazaar, expo, pop-up), its venues, booth categories and booths on a floor
plan grid, its curation panel and criteria, and its documentation photos."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import Kelurahan, TimeStampedModel

from .. import conf


def new_token() -> str:
    """An unguessable token for QR codes and private file names."""
    return secrets.token_urlsafe(12)


class Kind(models.TextChoices):
    EXHIBITION = "pameran", _("Pameran")
    BAZAAR = "bazaar", _("Bazar")
    EXPO = "expo", _("Expo")
    POPUP = "popup", _("Pop-up di suatu tempat")


class State(models.TextChoices):
    PLANNING = "perencanaan", _("Perencanaan")
    OPEN_CALL = "pendaftaran", _("Pendaftaran dibuka")
    CURATION = "kurasi", _("Kurasi")
    ALLOCATION = "alokasi", _("Alokasi booth")
    CONFIRMED = "terkonfirmasi", _("Peserta terkonfirmasi")
    RUNNING = "berlangsung", _("Berlangsung")
    CLOSED = "ditutup", _("Ditutup")
    REPORTED = "dilaporkan", _("Dilaporkan (LPJ)")


class Exhibition(TimeStampedModel):
    name = models.CharField(_("nama acara"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.EXHIBITION)
    description = models.TextField(_("deskripsi"), max_length=3000, blank=True)
    co_hosts = models.JSONField(_("penyelenggara bersama"), default=list, blank=True)
    target_sectors = models.JSONField(_("sektor sasaran"), default=list, blank=True)
    state = models.CharField(_("status"), max_length=15, choices=State.choices, default=State.PLANNING)
    call_opens_at = models.DateTimeField(_("pendaftaran dibuka"), null=True, blank=True)
    call_closes_at = models.DateTimeField(_("pendaftaran ditutup"), null=True, blank=True)

    # The allocation's rules (see docs/exhibitions.md).
    kecamatan_quota_percent = models.PositiveSmallIntegerField(
        _("kuota kecamatan (% booth)"), default=conf.KECAMATAN_QUOTA_PERCENT
    )
    sector_quota_percent = models.PositiveSmallIntegerField(
        _("kuota sektor (% booth)"), default=conf.SECTOR_QUOTA_PERCENT
    )
    first_timer_priority = models.BooleanField(_("utamakan yang belum pernah ikut pameran"), default=True)
    rotation_months = models.PositiveSmallIntegerField(_("rotasi (bulan)"), default=conf.ROTATION_MONTHS)
    curation_threshold = models.PositiveSmallIntegerField(_("nilai kurasi paling sedikit (0–100)"), default=0)
    curation_weighted = models.BooleanField(_("nilai kurasi sebagai bobot undian"), default=True)

    allocation_seed = models.BigIntegerField(_("kode undian"), null=True, blank=True)
    allocation_summary = models.JSONField(default=dict, blank=True)
    allocated_at = models.DateTimeField(_("hasil diumumkan"), null=True, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    reported_at = models.DateTimeField(_("LPJ selesai pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pameran")
        verbose_name_plural = _("pameran")
        permissions = [
            (
                "curate_exhibition",
                _("Dapat menjadi kurator pameran (hanya acara yang ia menjadi anggota panel)"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kecamatan_quota_percent__lte=100) & Q(sector_quota_percent__lte=100),
                name="exhibitions_quota_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(curation_threshold__lte=100), name="exhibitions_threshold_range"
            ),
            models.CheckConstraint(
                condition=Q(call_opens_at__isnull=True)
                | Q(call_closes_at__isnull=True)
                | Q(call_closes_at__gt=F("call_opens_at")),
                name="exhibitions_call_window_order",
            ),
        ]

    def __str__(self):
        return self.name

    def get_staff_url(self) -> str:
        return reverse("exhibitions:exhibition_detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("exhibitions:exhibition_public", args=[self.pk])

    def call_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.state == State.OPEN_CALL
            and self.call_opens_at is not None
            and self.call_closes_at is not None
            and self.call_opens_at <= now < self.call_closes_at
        )

    @property
    def waitlist_active(self) -> bool:
        """Freed booths pass to the waiting list from the published allocation until the close."""
        return self.state in (State.CONFIRMED, State.RUNNING)


class Venue(models.Model):
    """One place and dates of an exhibition, with the grid its floor plan is drawn on."""

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("nama tempat"), max_length=150)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    kelurahan = models.ForeignKey(
        Kelurahan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kelurahan"),
    )
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    columns = models.PositiveSmallIntegerField(_("kolom denah"), default=8)
    rows = models.PositiveSmallIntegerField(_("baris denah"), default=4)

    class Meta:
        ordering = ["start_date", "id"]
        verbose_name = _("tempat")
        verbose_name_plural = _("tempat")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="exhibitions_venue_dates"
            ),
            models.CheckConstraint(
                condition=Q(columns__gte=1, columns__lte=40, rows__gte=1, rows__lte=40),
                name="exhibitions_venue_grid_size",
            ),
        ]

    def __str__(self):
        return self.name

    def get_staff_url(self) -> str:
        return reverse("exhibitions:venue_detail", args=[self.pk])


class BoothCategory(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="booth_categories")
    name = models.CharField(_("nama kategori"), max_length=80)
    size = models.CharField(_("ukuran"), max_length=30, help_text=_("Misalnya 3 × 3 m."))
    zone = models.CharField(_("zona"), max_length=60, blank=True)
    fee = models.PositiveBigIntegerField(_("biaya sewa (Rp)"), default=0)
    electricity_watts = models.PositiveIntegerField(_("listrik (watt)"), default=0)
    sectors = models.JSONField(_("sektor zona"), default=list, blank=True)

    class Meta:
        ordering = ["exhibition", "name", "id"]
        verbose_name = _("kategori booth")
        verbose_name_plural = _("kategori booth")
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "name"], name="exhibitions_category_name_unique"),
            models.CheckConstraint(condition=Q(fee__gte=0), name="exhibitions_category_fee_not_negative"),
        ]

    def __str__(self):
        return self.name


class Booth(models.Model):
    """A booth at a venue: a code and a rectangle on the venue's floor-plan grid."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="booths")
    category = models.ForeignKey(BoothCategory, on_delete=models.PROTECT, related_name="booths")
    code = models.CharField(_("kode booth"), max_length=12)
    x = models.PositiveSmallIntegerField(_("kolom"))
    y = models.PositiveSmallIntegerField(_("baris"))
    width = models.PositiveSmallIntegerField(_("lebar (petak)"), default=1)
    height = models.PositiveSmallIntegerField(_("tinggi (petak)"), default=1)
    blocked = models.BooleanField(_("diblokir"), default=False)
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["venue", "code"]
        verbose_name = _("booth")
        verbose_name_plural = _("booth")
        constraints = [
            models.UniqueConstraint(fields=["venue", "code"], name="exhibitions_booth_code_unique"),
            models.UniqueConstraint(fields=["venue", "x", "y"], name="exhibitions_booth_cell_unique"),
            models.CheckConstraint(
                condition=Q(width__gte=1, width__lte=10, height__gte=1, height__lte=10),
                name="exhibitions_booth_size",
            ),
        ]

    def __str__(self):
        return self.code


class Curator(models.Model):
    """A member of an exhibition's curation panel: curators see only the exhibitions they are on."""

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="curators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["exhibition", "added_at", "id"]
        verbose_name = _("kurator")
        verbose_name_plural = _("kurator")
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "user"], name="exhibitions_curator_once")
        ]

    def __str__(self):
        return str(self.user)


class CurationCriterion(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("kriteria"), max_length=100)
    weight = models.PositiveSmallIntegerField(_("bobot"), default=1)

    class Meta:
        ordering = ["exhibition", "id"]
        verbose_name = _("kriteria kurasi")
        verbose_name_plural = _("kriteria kurasi")
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "name"], name="exhibitions_criterion_name_unique"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=10), name="exhibitions_weight_range"
            ),
        ]

    def __str__(self):
        return self.name


def photo_path(instance, filename):
    return f"pameran/foto/{instance.exhibition_id}/{new_token()}.{instance.extension}"


class ExhibitionPhoto(models.Model):
    """A documentation photo, printed in the accountability report; served only to staff."""

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=photo_path)
    extension = models.CharField(max_length=4)
    caption = models.CharField(_("keterangan"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["exhibition", "uploaded_at", "id"]
        verbose_name = _("foto dokumentasi")
        verbose_name_plural = _("foto dokumentasi")

    def __str__(self):
        return self.caption or f"#{self.pk}"
