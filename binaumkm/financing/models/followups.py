"""Follow-up after disbursement (3, 6 and 12 months): is the business still running, its turnover
and workers, and the repayment status the bank reports (OJK collectability 1-5)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .referrals import Referral


class Collectability(models.IntegerChoices):
    CURRENT = 1, _("1 – Lancar")
    SPECIAL = 2, _("2 – Dalam perhatian khusus")
    SUBSTANDARD = 3, _("3 – Kurang lancar")
    DOUBTFUL = 4, _("4 – Diragukan")
    LOSS = 5, _("5 – Macet")


class FollowUp(models.Model):
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="followups", verbose_name=_("rujukan")
    )
    months = models.PositiveSmallIntegerField(_("bulan setelah cair"))
    due_on = models.DateField(_("jatuh tempo"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("petugas"),
    )  # fmt: skip
    done_at = models.DateTimeField(_("dicatat"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    still_operating = models.BooleanField(_("usaha masih berjalan"), null=True, blank=True)
    turnover = models.PositiveBigIntegerField(_("omzet sebulan (Rp)"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("jumlah tenaga kerja"), null=True, blank=True)
    collectability = models.PositiveSmallIntegerField(
        _("kolektibilitas"), choices=Collectability.choices, null=True, blank=True
    )
    note = models.CharField(_("catatan"), max_length=500, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("tindak lanjut pembiayaan")
        verbose_name_plural = _("tindak lanjut pembiayaan")
        permissions = [("record_followup", _("Dapat mencatat tindak lanjut pembiayaan yang ditugaskan"))]
        constraints = [
            models.UniqueConstraint(fields=["referral", "months"], name="financing_followup_once_per_month"),
            models.CheckConstraint(
                condition=Q(collectability__isnull=True) | Q(collectability__gte=1, collectability__lte=5),
                name="financing_followup_collectability_1_5",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True) | Q(still_operating__isnull=False),
                name="financing_followup_done_has_answer",
            ),
        ]
        indexes = [models.Index(fields=["done_at", "due_on"])]

    def __str__(self):
        return f"{self.referral} +{self.months}"
