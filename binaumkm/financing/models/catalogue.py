"""The scheme catalogue: who provides financing (banks and their branches, grant programmes) and on
what terms. Terms and eligibility rules are data kept by staff, each with the regulation it rests on
and the date it was last confirmed, because the rules change every year."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import TimeStampedModel


class ProviderKind(models.TextChoices):
    BANK = "bank", _("Bank")
    PROGRAMME = "program", _("Program pemerintah")


class Provider(TimeStampedModel):
    """A bank (BRI, Bank Solo ...) or a government programme (BPUM's ministry)."""

    name = models.CharField(_("nama"), max_length=150, unique=True)
    short_name = models.CharField(_("nama singkat"), max_length=40)
    kind = models.CharField(
        _("jenis"), max_length=10, choices=ProviderKind.choices, default=ProviderKind.BANK
    )
    website = models.URLField(_("situs web"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("penyedia pembiayaan")
        verbose_name_plural = _("penyedia pembiayaan")

    def __str__(self):
        return self.short_name or self.name


class Branch(TimeStampedModel):
    """A bank branch (or a programme's desk) that receives referrals; its officers see only the
    referrals sent to it."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="branches", verbose_name=_("penyedia")
    )
    name = models.CharField(_("nama kantor"), max_length=150)
    address = models.CharField(_("alamat"), max_length=255, blank=True)
    phone = models.CharField(_("telepon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="financing_branches", verbose_name=_("petugas")
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["provider__name", "name"]
        verbose_name = _("kantor cabang")
        verbose_name_plural = _("kantor cabang")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "name"],
                name="financing_branch_name_unique",
                violation_error_message=_("Kantor dengan nama ini sudah ada untuk penyedia ini."),
            )
        ]

    def __str__(self):
        return f"{self.provider} {self.name}"


class SchemeKind(models.TextChoices):
    LOAN = "pinjaman", _("Pinjaman")
    GRANT = "hibah", _("Hibah")
    GUARANTEE = "penjaminan", _("Penjaminan")


class Scheme(TimeStampedModel):
    """One financing product with its terms. ``rules`` and ``documents`` are data read by
    ``financing.eligibility`` (see docs/financing.md for their shape)."""

    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="schemes", verbose_name=_("penyedia")
    )
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama skema"), max_length=150)
    family = models.CharField(
        _("rumpun"), max_length=20, blank=True, help_text=_("Mis. KUR: kredit program yang dicek ganda.")
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=SchemeKind.choices, default=SchemeKind.LOAN)
    summary = models.TextField(_("penjelasan singkat"), max_length=1000)
    amount_min = models.PositiveBigIntegerField(_("jumlah terendah (Rp)"))
    amount_max = models.PositiveBigIntegerField(_("jumlah tertinggi (Rp)"))
    rate = models.CharField(_("bunga/margin"), max_length=120, blank=True)
    tenor_months_max = models.PositiveSmallIntegerField(
        _("jangka waktu terlama (bulan)"), null=True, blank=True
    )
    collateral = models.CharField(_("agunan"), max_length=200, blank=True)
    documents = models.JSONField(_("dokumen wajib"), default=list, blank=True)
    rules = models.JSONField(_("syarat kelayakan"), default=list, blank=True)
    regulation = models.CharField(_("dasar aturan"), max_length=255)
    terms_confirmed_on = models.DateField(_("syarat terakhir dipastikan"))
    service_level_days = models.PositiveSmallIntegerField(_("batas waktu layanan bank (hari)"), default=14)
    branches = models.ManyToManyField(Branch, blank=True, related_name="schemes", verbose_name=_("kantor"))
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["provider__name", "amount_max", "name"]
        verbose_name = _("skema pembiayaan")
        verbose_name_plural = _("skema pembiayaan")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__lte=F("amount_max")),
                name="financing_scheme_amount_range",
                violation_error_message=_("Jumlah tertinggi harus sama atau lebih dari jumlah terendah."),
            ),
            models.CheckConstraint(
                condition=Q(service_level_days__gte=1),
                name="financing_scheme_sla_positive",
                violation_error_message=_("Batas waktu layanan paling sedikit 1 hari."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_loan(self) -> bool:
        return self.kind == SchemeKind.LOAN
