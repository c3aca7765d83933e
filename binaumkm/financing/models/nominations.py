"""Nomination lists: the UMKM the agency proposes for a grant round or uploads to the Ministry of
Finance's SIKP as potential KUR debtors. A list is checked row by row and exported all-or-nothing;
once exported its NIKs count as already nominated for every later list."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import TimeStampedModel
from binaumkm.registry.models import Business

from .catalogue import Scheme


class NominationTarget(models.TextChoices):
    GRANT = "hibah", _("Program hibah")
    SIKP = "sikp", _("SIKP (calon debitur KUR)")


class NominationState(models.TextChoices):
    DRAFT = "draf", _("Draf")
    EXPORTED = "diekspor", _("Sudah diekspor")


class NominationList(TimeStampedModel):
    title = models.CharField(_("judul"), max_length=150)
    target = models.CharField(_("tujuan"), max_length=10, choices=NominationTarget.choices)
    scheme = models.ForeignKey(
        Scheme, null=True, blank=True, on_delete=models.PROTECT, related_name="nomination_lists",
        verbose_name=_("skema"),
    )  # fmt: skip
    layout = models.CharField(_("susunan kolom"), max_length=40)
    state = models.CharField(
        _("status"), max_length=10, choices=NominationState.choices, default=NominationState.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    exported_at = models.DateTimeField(_("diekspor"), null=True, blank=True)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("daftar nominasi")
        verbose_name_plural = _("daftar nominasi")

    def __str__(self):
        return self.title


class Nomination(models.Model):
    nomination_list = models.ForeignKey(
        NominationList,
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("daftar nominasi"),
    )
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="financing_nominations", verbose_name=_("usaha")
    )
    nik = models.CharField(_("NIK"), max_length=16)  # as exported: later lists are checked against it
    amount = models.PositiveBigIntegerField(_("jumlah (Rp)"), null=True, blank=True)
    added_at = models.DateTimeField(_("ditambahkan"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("nominasi")
        verbose_name_plural = _("nominasi")
        constraints = [
            models.UniqueConstraint(fields=["nomination_list", "business"], name="financing_nomination_once")
        ]
        indexes = [models.Index(fields=["nik"])]

    def __str__(self):
        return f"{self.nomination_list} · {self.business}"
