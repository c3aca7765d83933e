"""An exhibition's budget: lines coded by the regional budget's activity and account codes
(Permendagri 90/2019), each planned, and realised by entries with their receipts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exhibition import Exhibition, new_token


class BudgetLine(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="budget_lines")
    activity_code = models.CharField(_("kode kegiatan"), max_length=40)
    account_code = models.CharField(_("kode rekening"), max_length=40)
    description = models.CharField(_("uraian"), max_length=200)
    planned = models.PositiveBigIntegerField(_("pagu (Rp)"))

    class Meta:
        ordering = ["exhibition", "activity_code", "account_code", "id"]
        verbose_name = _("baris anggaran")
        verbose_name_plural = _("baris anggaran")
        constraints = [
            models.CheckConstraint(condition=Q(planned__gte=0), name="exhibitions_planned_not_negative"),
        ]
        permissions = [
            ("override_budget", _("Dapat mencatat realisasi anggaran melebihi pagu, dengan alasan")),
        ]

    def __str__(self):
        return f"{self.account_code} {self.description}"


def evidence_path(instance, filename):
    return f"pameran/bukti/{instance.line.exhibition_id}/{new_token()}.{instance.evidence_type}"


class BudgetRealisation(models.Model):
    """Money spent on a line, on a date, with its receipt. A realisation that takes the line above its
    plan carries the reason of the override (and the audit log names who allowed it)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="realisations")
    amount = models.PositiveBigIntegerField(_("jumlah (Rp)"))
    date = models.DateField(_("tanggal"))
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    evidence = models.FileField(_("bukti (kuitansi)"), upload_to=evidence_path, blank=True)
    evidence_type = models.CharField(max_length=4, blank=True)
    over_plan_reason = models.CharField(_("alasan melebihi pagu"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["line", "date", "id"]
        verbose_name = _("realisasi anggaran")
        verbose_name_plural = _("realisasi anggaran")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="exhibitions_realised_not_negative"),
        ]

    def __str__(self):
        return f"{self.line} · {self.date}"
