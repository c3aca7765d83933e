"""Modern stores, their partnerships with UMKM, warning letters and matchmaking runs.

Compliance is never stored: it is computed from partnerships (see ``compliance.py``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import Kelurahan, TimeStampedModel
from binaumkm.registry.models import Business, Product

from . import conf


class StoreType(models.TextChoices):
    MINIMARKET = "minimarket", _("Minimarket")
    SUPERMARKET = "supermarket", _("Supermarket")
    HYPERMARKET = "hypermarket", _("Hypermarket")
    DEPARTMENT_STORE = "department_store", _("Department store")
    PERKULAKAN = "perkulakan", _("Perkulakan / grosir")


class StoreStatus(models.TextChoices):
    OPEN = "buka", _("Buka")
    CLOSED = "tutup", _("Tutup")


# Brand suggestions on the store form (free text: any other brand may be typed).
BRAND_SUGGESTIONS = [
    "Indomaret", "Alfamart", "Alfamidi", "Superindo", "Luwes", "Lotte Mart", "Lotte Grosir", "Transmart",
    "Hypermart", "Matahari", "Ramayana", "Indogrosir",
]  # fmt: skip


class Store(TimeStampedModel):
    name = models.CharField(_("nama toko"), max_length=150)
    brand = models.CharField(_("merek / jaringan"), max_length=80, db_index=True)
    store_type = models.CharField(_("jenis toko"), max_length=20, choices=StoreType.choices)
    address = models.CharField(_("alamat"), max_length=255)
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, related_name="stores", verbose_name=_("kelurahan")
    )
    permit_number = models.CharField(_("nomor izin usaha toko modern"), max_length=60, blank=True)
    nib = models.CharField(_("NIB"), max_length=13, unique=True, null=True, blank=True)
    email = models.EmailField(_("e-mail toko"), blank=True)
    opened_on = models.DateField(_("tanggal buka"))
    status = models.CharField(
        _("status"), max_length=5, choices=StoreStatus.choices, default=StoreStatus.OPEN
    )
    closed_on = models.DateField(_("tanggal tutup"), null=True, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_stores", verbose_name=_("pengelola toko")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("toko modern")
        verbose_name_plural = _("toko modern")
        permissions = [
            ("send_warning_letter", _("Dapat membuat surat peringatan kemitraan")),
            ("manage_own_store", _("Dapat mengelola kemitraan toko yang dikelolanya (portal mitra toko)")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="partnerships_store_closed_after_opened",
                violation_error_message=_("Tanggal tutup tidak boleh sebelum tanggal buka."),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def reference(self) -> str:
        return f"TM-{self.pk:05d}"

    @property
    def required_partners(self) -> int:
        return conf.min_partners(self.store_type)

    @property
    def listing_fee_cap(self) -> int | None:
        return conf.listing_fee_cap(self.store_type)


class PartnershipForm(models.TextChoices):
    """Permendag 70/2013 forms, plus consignment as practised."""

    JOINT_MARKETING = "pemasaran_bersama", _("Pemasaran bersama")
    SPACE = "ruang_usaha", _("Penyediaan ruang usaha")
    SUPPLY = "pasokan", _("Pasokan")
    CONSIGNMENT = "konsinyasi", _("Konsinyasi")


class PartnershipStatus(models.TextChoices):
    PROPOSED = "diusulkan", _("Diusulkan")
    ACCEPTED = "diterima", _("Diterima pemilik")
    CONFIRMED = "dikonfirmasi", _("Dikonfirmasi toko")
    ACTIVE = "aktif", _("Aktif")
    ENDED = "berakhir", _("Berakhir")
    DECLINED = "ditolak", _("Ditolak")
    CANCELLED = "dibatalkan", _("Dibatalkan")

    @classmethod
    def open_values(cls) -> list[str]:
        """Statuses that block a second partnership between the same store and business."""
        return [cls.PROPOSED, cls.ACCEPTED, cls.CONFIRMED, cls.ACTIVE]

    @classmethod
    def offer_values(cls) -> list[str]:
        return [cls.PROPOSED, cls.ACCEPTED, cls.CONFIRMED]

    @classmethod
    def counting_values(cls) -> list[str]:
        """Statuses whose date range counts for compliance (ended ones up to their end date)."""
        return [cls.ACTIVE, cls.ENDED]


def agreement_path(instance, filename):
    return f"kemitraan/perjanjian/{instance.store_id}/{instance.business_id}-{instance.pk or 'baru'}.pdf"


class Partnership(TimeStampedModel):
    """A store ↔ UMKM partnership: an offer until the store confirms the display, then active."""

    store = models.ForeignKey(
        Store, on_delete=models.PROTECT, related_name="partnerships", verbose_name=_("toko")
    )
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="store_partnerships", verbose_name=_("UMKM")
    )
    form = models.CharField(_("bentuk kemitraan"), max_length=20, choices=PartnershipForm.choices)
    products = models.ManyToManyField(
        Product, blank=True, related_name="+", verbose_name=_("produk yang dipajang")
    )
    shelf = models.CharField(_("rak / ruang pajang"), max_length=200, blank=True)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"), null=True, blank=True)
    payment_days = models.PositiveSmallIntegerField(_("jangka pembayaran (hari)"), null=True, blank=True)
    listing_fee = models.PositiveBigIntegerField(_("biaya pendaftaran produk per item (Rp)"), default=0)
    agreement = models.FileField(_("perjanjian bertanda tangan (PDF)"), upload_to=agreement_path, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PartnershipStatus.choices, default=PartnershipStatus.PROPOSED
    )
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    reasons = models.JSONField(_("alasan usulan"), default=list, blank=True)
    match_run = models.ForeignKey(
        "MatchRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(_("diterima pemilik pada"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("dikonfirmasi toko pada"), null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(_("aktif sejak"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("diakhiri pada"), null=True, blank=True)
    end_reason = models.CharField(_("alasan berakhir"), max_length=500, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declined_at = models.DateTimeField(_("ditolak pada"), null=True, blank=True)
    decline_reason = models.CharField(_("alasan penolakan"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("kemitraan")
        verbose_name_plural = _("kemitraan")
        permissions = [
            (
                "manage_own_partnership",
                _("Dapat melihat dan menjawab tawaran kemitraan untuk usahanya sendiri"),
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["store", "business"],
                condition=Q(status__in=PartnershipStatus.open_values()),
                name="partnerships_one_open_per_store_business",
                violation_error_message=_(
                    "UMKM ini sudah bermitra atau sedang ditawari kemitraan dengan toko ini."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="partnerships_end_not_before_start",
                violation_error_message=_("Tanggal selesai harus sesudah tanggal mulai."),
            ),
        ]
        indexes = [
            models.Index(fields=["store", "status"]),
            models.Index(fields=["business", "status"]),
            models.Index(fields=["status", "start_date"]),
        ]

    def __str__(self):
        return f"{self.store} – {self.business}"

    @property
    def reference(self) -> str:
        return f"KM-{self.pk:06d}"

    @property
    def is_offer(self) -> bool:
        return self.status in PartnershipStatus.offer_values()

    @property
    def listing_fee_cap(self) -> int | None:
        return conf.listing_fee_cap(self.store.store_type)

    @property
    def listing_fee_exceeds_cap(self) -> bool:
        cap = self.listing_fee_cap
        return cap is not None and self.listing_fee > cap


class LetterStatus(models.TextChoices):
    SENT = "terkirim", _("Terkirim")
    ANSWERED = "dijawab", _("Dijawab")
    RESOLVED = "selesai", _("Selesai")


class LetterCounter(models.Model):
    """The running letter number per year; its row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_seq = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("penghitung nomor surat")
        verbose_name_plural = _("penghitung nomor surat")

    def __str__(self):
        return f"{self.year}: {self.last_seq}"


class WarningLetter(TimeStampedModel):
    """A numbered warning letter to a store short of UMKM partners; what it said is kept as issued."""

    store = models.ForeignKey(Store, on_delete=models.PROTECT, related_name="letters", verbose_name=_("toko"))
    number = models.CharField(_("nomor surat"), max_length=80, unique=True)
    year = models.PositiveSmallIntegerField(_("tahun"))
    seq = models.PositiveIntegerField(_("nomor urut"))
    ordinal = models.PositiveSmallIntegerField(_("peringatan ke-"), default=1)
    issued_on = models.DateField(_("tanggal surat"))
    deadline = models.DateField(_("batas waktu"))
    required = models.PositiveSmallIntegerField(_("jumlah mitra wajib"))
    active_partners = models.PositiveSmallIntegerField(_("mitra aktif saat surat dibuat"))
    non_compliant_since = models.DateField(_("tidak patuh sejak"), null=True, blank=True)
    store_name = models.CharField(max_length=150)
    store_address = models.CharField(max_length=400)
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.SENT
    )
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    follow_up_note = models.CharField(_("catatan tindak lanjut"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-seq"]
        verbose_name = _("surat peringatan")
        verbose_name_plural = _("surat peringatan")
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="partnerships_letter_seq_per_year")
        ]

    def __str__(self):
        return self.number

    @property
    def shortfall(self) -> int:
        return max(self.required - self.active_partners, 0)

    @property
    def filename(self) -> str:
        return f"surat-peringatan-{self.year}-{self.seq:04d}.pdf"


class MatchRun(TimeStampedModel):
    """One matchmaking run: the proposals and the shortfalls left open, kept for review and offers."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(_("cakupan"), max_length=200)
    proposals = models.JSONField(default=list)
    unfilled = models.JSONField(default=list)
    stats = models.JSONField(default=dict)
    offered = models.JSONField(default=list, help_text="indexes of proposals already turned into offers")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pencocokan")
        verbose_name_plural = _("pencocokan")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.scope}"


class ComplianceState(models.Model):
    """A store's compliance as of one day, kept so the dashboard reads one row per store it shows
    instead of judging every store on every view (``partnerships.compliance_state``). A row is
    current for its day and rules; a change to the store, its partnerships or one of its UMKM drops
    it, and the next read (or the daily refresh) computes it again."""

    store = models.OneToOneField(
        Store, primary_key=True, on_delete=models.CASCADE, related_name="compliance_state"
    )
    as_of = models.DateField()
    rules = models.CharField(max_length=64)  # a fingerprint of the settings it was judged by
    required = models.PositiveSmallIntegerField()
    active = models.PositiveIntegerField()
    compliant = models.BooleanField()
    since = models.DateField()
    days_in_state = models.PositiveIntegerField()
    days_out = models.PositiveIntegerField()  # 0 when compliant: the dashboard's default order
    month_ends = models.JSONField(default=dict)  # {"YYYY-MM-DD": compliant} on the chart's days it was open

    def __str__(self):
        return f"{self.store_id} @ {self.as_of}: {self.active}/{self.required}"

    @property
    def days_out_of_compliance(self) -> int:
        return self.days_out

    @property
    def shortfall(self) -> int:
        return max(self.required - self.active, 0)
