"""Applications of UMKM to an exhibition, their curation, booth assignments, check-ins and sales."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import Kecamatan
from binaumkm.registry.choices import ProductCategory
from binaumkm.registry.models import Business, Product

from .exhibition import Booth, CurationCriterion, Exhibition, Venue, new_token


class Status(models.TextChoices):
    SUBMITTED = "diajukan", _("Diajukan")
    ELIGIBLE = "memenuhi_syarat", _("Memenuhi syarat")
    INELIGIBLE = "tidak_memenuhi", _("Tidak memenuhi syarat")
    CURATED = "dikurasi", _("Dikurasi")
    NOT_PASSED = "tidak_lolos", _("Tidak lolos kurasi")
    OFFERED = "ditawari", _("Ditawari booth")
    WAITLISTED = "daftar_tunggu", _("Daftar tunggu")
    ACCEPTED = "diterima", _("Booth diterima")
    DECLINED = "menolak", _("Menolak tawaran")
    EXPIRED = "kedaluwarsa", _("Tawaran kedaluwarsa")
    CHECKED_IN = "hadir", _("Hadir di acara")
    NO_SHOW = "tidak_hadir", _("Tidak hadir")
    WITHDRAWN = "mundur", _("Mengundurkan diri")


# Statuses of an applicant who holds or may yet hold a booth (the ones a withdrawal releases).
ACTIVE_STATUSES = (
    Status.SUBMITTED, Status.ELIGIBLE, Status.CURATED, Status.OFFERED, Status.WAITLISTED,
    Status.ACCEPTED, Status.CHECKED_IN,
)  # fmt: skip


class Tier(models.IntegerChoices):
    NEW = 1, _("Belum pernah ikut pameran dinas")
    RETURNING = 2, _("Pernah ikut pameran sebelumnya")
    ROTATION = 3, _("Ikut pameran dalam masa rotasi")


class Pool(models.TextChoices):
    KECAMATAN = "kecamatan", _("Kuota kecamatan")
    SECTOR = "sektor", _("Kuota sektor")
    OPEN = "umum", _("Booth umum")
    WAITLIST = "daftar_tunggu", _("Dari daftar tunggu")


class Application(models.Model):
    exhibition = models.ForeignKey(Exhibition, on_delete=models.PROTECT, related_name="applications")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="exhibition_applications")
    products = models.ManyToManyField(Product, related_name="+", verbose_name=_("produk yang dibawa"))
    sector = models.CharField(_("sektor"), max_length=20, choices=ProductCategory.choices)
    preferred_venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("tempat pilihan"),
    )
    needs_electricity = models.BooleanField(_("butuh listrik"), default=False)
    note = models.CharField(_("catatan untuk panitia"), max_length=500, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("waktu daftar"), default=timezone.now)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.SUBMITTED)
    problems = models.JSONField(_("syarat yang belum terpenuhi"), default=list, blank=True)
    checked_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    curation_score = models.FloatField(_("nilai kurasi"), null=True, blank=True)
    # The allocation's record: what the applicant was drawn as, and where they landed.
    kecamatan = models.ForeignKey(
        Kecamatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tier = models.PositiveSmallIntegerField(
        _("tingkat prioritas"), choices=Tier.choices, null=True, blank=True
    )
    weight = models.FloatField(_("bobot undian"), null=True, blank=True)
    pool = models.CharField(_("asal booth"), max_length=15, choices=Pool.choices, blank=True)
    lottery_key = models.FloatField(_("kunci undian"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("urutan alokasi"), null=True, blank=True)
    decided_at = models.DateTimeField(_("waktu keputusan"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("mundur pada"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("pendaftaran pameran")
        verbose_name_plural = _("pendaftaran pameran")
        permissions = [
            (
                "apply_own_business",
                _("Dapat mendaftarkan usaha miliknya ke pameran dan melaporkan penjualannya"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "business"], name="exhibitions_one_application"),
            models.CheckConstraint(
                condition=Q(curation_score__isnull=True) | Q(curation_score__gte=0, curation_score__lte=100),
                name="exhibitions_score_range",
            ),
        ]
        indexes = [models.Index(fields=["exhibition", "status", "rank"])]

    def __str__(self):
        return f"{self.business} · {self.exhibition}"

    @property
    def reference(self) -> str:
        return f"PMR-{self.pk:06d}"


class AssignmentState(models.TextChoices):
    HELD = "ditahan", _("Ditahan (tawaran terbuka)")
    ASSIGNED = "ditetapkan", _("Ditetapkan")
    RELEASED = "dilepas", _("Dilepas")


HOLDING = (AssignmentState.HELD, AssignmentState.ASSIGNED)


class Release(models.TextChoices):
    DECLINED = "menolak", _("Tawaran ditolak")
    EXPIRED = "kedaluwarsa", _("Tawaran kedaluwarsa")
    NO_SHOW = "tidak_hadir", _("Tidak hadir")
    WITHDRAWN = "mundur", _("Mengundurkan diri")


class Assignment(models.Model):
    """A booth held for (an open offer) or assigned to an application. The database keeps every booth
    with at most one holder, and each application with at most one booth per venue."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="assignments")
    booth = models.ForeignKey(Booth, on_delete=models.PROTECT, related_name="assignments")
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="+")  # = booth.venue
    state = models.CharField(_("status"), max_length=10, choices=AssignmentState.choices)
    offered_at = models.DateTimeField(_("ditawarkan pada"), default=timezone.now)
    expires_at = models.DateTimeField(_("batas konfirmasi"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    released_at = models.DateTimeField(_("dilepas pada"), null=True, blank=True)
    release_reason = models.CharField(_("alasan dilepas"), max_length=15, choices=Release.choices, blank=True)

    class Meta:
        ordering = ["venue", "booth__code", "id"]
        verbose_name = _("penempatan booth")
        verbose_name_plural = _("penempatan booth")
        constraints = [
            models.UniqueConstraint(
                fields=["booth"],
                condition=Q(state__in=["ditahan", "ditetapkan"]),
                name="exhibitions_booth_held_once",
            ),
            models.UniqueConstraint(
                fields=["application", "venue"],
                condition=Q(state__in=["ditahan", "ditetapkan"]),
                name="exhibitions_one_booth_per_venue",
            ),
            models.CheckConstraint(
                condition=~Q(state="ditahan") | Q(expires_at__isnull=False),
                name="exhibitions_offer_has_deadline",
            ),
        ]
        indexes = [
            models.Index(fields=["expires_at"], condition=Q(state="ditahan"), name="exhibitions_open_offers"),
        ]

    def __str__(self):
        return f"{self.booth} · {self.application.business}"


class CheckInMethod(models.TextChoices):
    QR = "qr", _("Pindai QR di booth")
    STAFF = "staf", _("Dicatat staf")


class CheckIn(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="check_ins")
    date = models.DateField(_("tanggal"))
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    method = models.CharField(_("cara"), max_length=5, choices=CheckInMethod.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["date", "at"]
        verbose_name = _("kehadiran booth")
        verbose_name_plural = _("kehadiran booth")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "date"], name="exhibitions_check_in_daily")
        ]

    def __str__(self):
        return f"{self.assignment} @ {self.date}"


def receipt_path(instance, filename):
    return f"pameran/struk/{instance.assignment_id}/{new_token()}.{instance.receipt_type}"


class SalesReport(models.Model):
    """One booth's sales on one day, reported by the exhibitor from their phone."""

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="sales")
    date = models.DateField(_("tanggal"))
    gross = models.PositiveBigIntegerField(_("penjualan kotor (Rp)"))
    transactions = models.PositiveIntegerField(_("jumlah transaksi"))
    cash = models.PositiveBigIntegerField(_("tunai (Rp)"))
    qris = models.PositiveBigIntegerField(_("QRIS (Rp)"))
    leads = models.PositiveIntegerField(_("calon pembeli/mitra (kontak)"), default=0)
    receipt = models.FileField(_("foto buku nota"), upload_to=receipt_path, blank=True)
    receipt_type = models.CharField(max_length=4, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["assignment", "date"]
        verbose_name = _("laporan penjualan")
        verbose_name_plural = _("laporan penjualan")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "date"], name="exhibitions_sales_daily"),
            models.CheckConstraint(
                condition=Q(gross=models.F("cash") + models.F("qris")), name="exhibitions_sales_split"
            ),
        ]

    def __str__(self):
        return f"{self.assignment} · {self.date}"


class CurationReview(models.Model):
    """One curator's scores of one application, with their comment."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    curator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.CharField(_("catatan kurator"), max_length=1000, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "updated_at"]
        verbose_name = _("penilaian kurasi")
        verbose_name_plural = _("penilaian kurasi")
        constraints = [
            models.UniqueConstraint(fields=["application", "curator"], name="exhibitions_review_once"),
        ]

    def __str__(self):
        return f"{self.application} · {self.curator}"


class CurationScore(models.Model):
    review = models.ForeignKey(CurationReview, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(CurationCriterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("nilai (1–5)"))

    class Meta:
        verbose_name = _("nilai kriteria")
        verbose_name_plural = _("nilai kriteria")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="exhibitions_score_once"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="exhibitions_score_scale"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"
