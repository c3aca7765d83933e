"""Referrals of a UMKM to a bank branch for a scheme, their state log, and the owner's consent.

Every step is a row of ``ReferralStep`` (who, when, why, what was recorded). A mistaken step is
reversed by a further step that points at it, with its reason: both stay in the history, and nothing
is turned into something it was not (a reversed approval never becomes a rejection)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import TimeStampedModel
from binaumkm.registry.models import Business

from .catalogue import Branch, Scheme


class ReferralState(models.TextChoices):
    DRAFT = "draf", _("Draf")
    READY = "siap", _("Siap dikirim")
    SENT = "dikirim", _("Dikirim ke bank")
    RECEIVED = "diterima", _("Diterima bank")
    REVIEW = "ditinjau", _("Ditinjau bank")
    REJECTED = "ditolak", _("Ditolak bank")
    APPROVED = "disetujui", _("Disetujui")
    DISBURSED = "dicairkan", _("Dicairkan")
    CLOSED = "selesai", _("Selesai")
    WITHDRAWN = "ditarik", _("Ditarik")
    EXPIRED = "kedaluwarsa", _("Kedaluwarsa")


S = ReferralState
# Withdrawal and expiry are possible from these; the bank has not paid out yet.
OPEN_STATES = (S.DRAFT, S.READY, S.SENT, S.RECEIVED, S.REVIEW, S.APPROVED)
# One of these per business and scheme at a time (enforced by the database).
ACTIVE_STATES = (*OPEN_STATES, S.DISBURSED)
# The bank is expected to act: days waiting count against the scheme's service level.
WAITING_FOR_BANK = (S.SENT, S.RECEIVED, S.REVIEW)
# Steps taken by the bank (its officers may reverse their own mistakes).
BANK_STATES = (S.RECEIVED, S.REVIEW, S.REJECTED, S.APPROVED, S.DISBURSED)


class RejectionReason(models.TextChoices):
    CREDIT_HISTORY = "slik", _("Riwayat kredit bermasalah (SLIK OJK)")
    ACTIVE_CREDIT = "kredit_aktif", _("Masih ada kredit produktif lain")
    CAPACITY = "kemampuan", _("Kemampuan bayar belum cukup")
    DOCUMENTS = "dokumen", _("Dokumen tidak lengkap atau tidak sah")
    BUSINESS = "usaha", _("Usaha belum layak dibiayai")
    QUOTA = "kuota", _("Kuota atau plafon skema habis")
    OTHER = "lainnya", _("Alasan lain")


class Referral(TimeStampedModel):
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="financing_referrals", verbose_name=_("usaha")
    )
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("skema")
    )
    branch = models.ForeignKey(
        Branch, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("kantor")
    )
    amount = models.PositiveBigIntegerField(_("jumlah diajukan (Rp)"))
    purpose = models.CharField(_("keperluan"), max_length=300)
    state = models.CharField(_("status"), max_length=12, choices=ReferralState.choices, default=S.DRAFT)
    state_changed_at = models.DateTimeField(_("status sejak"))
    # The checklist as it stood when the referral was made ready and when it was sent.
    checklist = models.JSONField(_("daftar periksa"), default=dict, blank=True)
    number = models.CharField(_("nomor surat"), max_length=80, unique=True, null=True, blank=True)
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    approved_amount = models.PositiveBigIntegerField(_("jumlah disetujui (Rp)"), null=True, blank=True)
    rejection_reason = models.CharField(
        _("alasan penolakan"), max_length=15, choices=RejectionReason.choices, blank=True
    )
    disbursed_amount = models.PositiveBigIntegerField(_("jumlah dicairkan (Rp)"), null=True, blank=True)
    disbursed_on = models.DateField(_("tanggal pencairan"), null=True, blank=True)
    contract_number = models.CharField(_("nomor akad"), max_length=60, blank=True)
    reminded_at = models.DateTimeField(_("pengingat terakhir"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-state_changed_at", "-id"]
        verbose_name = _("rujukan pembiayaan")
        verbose_name_plural = _("rujukan pembiayaan")
        permissions = [
            ("request_financing", _("Dapat mengajukan pembiayaan untuk usahanya sendiri")),
            ("send_referral", _("Dapat mengirim rujukan ke bank")),
            ("handle_referral", _("Dapat menangani rujukan yang dikirim ke kantor banknya")),
            ("reverse_referral_step", _("Dapat membatalkan langkah rujukan yang keliru")),
            ("view_financing_report", _("Dapat melihat laporan pembiayaan")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["business", "scheme"], condition=Q(state__in=ACTIVE_STATES),
                name="financing_one_open_referral_per_scheme",
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="financing_referral_amount_positive"),
            models.CheckConstraint(
                condition=~Q(state__in=[S.DISBURSED, S.CLOSED]) | Q(disbursed_amount__gt=0, disbursed_on__isnull=False),
                name="financing_referral_disbursal_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(state=S.REJECTED) | ~Q(rejection_reason=""), name="financing_referral_rejection_reason"
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["branch", "state"]),
            models.Index(fields=["state", "state_changed_at"]),
        ]

    def __str__(self):
        return self.number or f"{self.scheme} · {self.business}"

    @property
    def reference(self) -> str:
        return f"RJK-{self.pk:06d}"


class ReferralStep(models.Model):
    """One step of a referral. ``reverses`` points at the step a reversal undoes; the undone step
    keeps its row and is only marked ``reversed``."""

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="steps", verbose_name=_("rujukan")
    )
    from_state = models.CharField(max_length=12, choices=ReferralState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=ReferralState.choices)
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("pelaku"), max_length=150)
    reason = models.CharField(_("alasan/catatan"), max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversal"
    )
    reversed = models.BooleanField(_("dibatalkan"), default=False)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("langkah rujukan")
        verbose_name_plural = _("langkah rujukan")
        constraints = [
            # A referral reaches "disbursed" once (a reversed disbursal may be recorded again).
            models.UniqueConstraint(
                fields=["referral"], condition=Q(to_state=S.DISBURSED, reversed=False, reverses__isnull=True),
                name="financing_disbursed_once",
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.referral_id}: {self.from_state or '-'} -> {self.to_state}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


class Consent(models.Model):
    """The owner's recorded consent to share their file with this bank office for this purpose."""

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="consents", verbose_name=_("rujukan")
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    given_at = models.DateTimeField(_("diberikan"))
    text = models.TextField(_("bunyi persetujuan"))
    withdrawn_at = models.DateTimeField(_("ditarik"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("persetujuan berbagi data")
        verbose_name_plural = _("persetujuan berbagi data")
        constraints = [
            models.UniqueConstraint(
                fields=["referral"], condition=Q(withdrawn_at__isnull=True), name="financing_one_live_consent"
            )
        ]

    def __str__(self):
        return f"{self.referral_id} {self.given_at:%Y-%m-%d}"
