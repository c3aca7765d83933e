"""Monthly snapshots of outcomes (docs/reporting.md): rebuilt by ``services.snapshots_refresh``,
read by the outcome and funnel pages, the map and the leadership dashboard — never computed per
request from the 9.6 M turnover rows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import Kelurahan


class BusinessProfile(models.Model):
    """Working table of the refresh: one row per business with what the monthly snapshots group by
    (area, sector, size, baseline band, the help received as bits) and the dates its state changed.
    Rebuilt at every refresh; pages never read it."""

    business_id = models.BigIntegerField(primary_key=True)  # no FK: a working copy, rebuilt whole
    kelurahan_id = models.BigIntegerField()
    kbli_section = models.CharField(max_length=1)
    size_class = models.CharField(max_length=10, blank=True)
    base_sum = models.BigIntegerField(default=0)
    base_n = models.PositiveSmallIntegerField(default=0)
    band = models.PositiveSmallIntegerField(default=0)
    help_bits = models.BigIntegerField(default=0)
    registered_at = models.DateTimeField()
    verified_at = models.DateTimeField(null=True)
    closed_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"profil usaha {self.business_id}"


class Snapshot(models.Model):
    """Counts of businesses registered by the end of ``month``, per kelurahan × KBLI section × size
    class × baseline band × combination of help received (``help_bits``, one bit per funnel step in
    ``SnapshotRun.steps``). Every count is of businesses; they add up: registered = closed +
    no_baseline + no_recent + assessed, and recovered ≤ assessed."""

    month = models.DateField(_("bulan"))
    kelurahan = models.ForeignKey(Kelurahan, on_delete=models.CASCADE, related_name="+")
    kbli_section = models.CharField(max_length=1)
    size_class = models.CharField(max_length=10, blank=True)
    band = models.PositiveSmallIntegerField()
    help_bits = models.BigIntegerField()
    registered = models.PositiveIntegerField()
    verified = models.PositiveIntegerField()
    closed = models.PositiveIntegerField()
    no_baseline = models.PositiveIntegerField()
    no_recent = models.PositiveIntegerField()
    assessed = models.PositiveIntegerField()
    recovered = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("snapshot bulanan")
        verbose_name_plural = _("snapshot bulanan")
        indexes = [
            models.Index(fields=["month", "kelurahan"]),
            # The recovery trend sums two columns per month over every cell (the leadership
            # dashboard, every page view): read from this index alone, not from ~85,000 rows.
            models.Index(fields=["month", "assessed", "recovered"], name="reporting_snap_trend_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(recovered__lte=models.F("assessed")), name="reporting_recovered_le_assessed"
            ),
        ]
        permissions = [
            ("view_outcomes", _("Dapat melihat hasil pembinaan dan corong")),
            ("refresh_snapshots", _("Dapat memperbarui snapshot laporan")),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.kelurahan_id} {self.kbli_section}"


class SnapshotRun(models.Model):
    """One refresh of the snapshots: queued by staff (or the scheduler), its progress and when it
    finished — the "as of" time of every figure drawn from the snapshots."""

    class State(models.TextChoices):
        QUEUED = "antre", _("Dalam antrean")
        RUNNING = "berjalan", _("Sedang berjalan")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("diminta"))
    started_at = models.DateTimeField(_("mulai"), null=True, blank=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.QUEUED)
    months_total = models.PositiveIntegerField(default=0)
    months_done = models.PositiveIntegerField(default=0)
    first_month = models.DateField(null=True, blank=True)
    last_month = models.DateField(null=True, blank=True)
    # [[bit, step name, label]] of the help kinds at the time of the refresh (help_bits decode).
    steps = models.JSONField(default=list, blank=True)
    message = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("pembaruan snapshot")
        verbose_name_plural = _("pembaruan snapshot")

    def __str__(self):
        return f"{self.requested_at:%Y-%m-%d %H.%M} {self.state}"
