"""Training (pelatihan): programmes, batches (angkatan) with sessions, registrations, attendance and
certificates. Business rules live in ``services.py`` and the pure ``allocation.py``."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from binaumkm.core.models import Kecamatan, Kelurahan, TimeStampedModel
from binaumkm.registry.models import Business

from . import conf


def new_code() -> str:
    """An unguessable token for QR codes and public verification links."""
    return secrets.token_urlsafe(12)


class Topic(models.TextChoices):
    DIGITAL_MARKETING = "pemasaran_digital", _("Pemasaran digital")
    MARKETPLACE = "marketplace", _("Berjualan di marketplace")
    PHOTO = "foto_produk", _("Foto produk")
    PACKAGING = "kemasan", _("Kemasan dan merek")
    BOOKKEEPING = "pembukuan", _("Pembukuan dan keuangan")
    EXPORT = "ekspor", _("Ekspor")
    LICENSING = "perizinan", _("Perizinan dan sertifikasi halal")
    FINANCING = "pembiayaan", _("Akses pembiayaan")
    OTHER = "lainnya", _("Lainnya")


class Programme(TimeStampedModel):
    title = models.CharField(_("judul"), max_length=150)
    topic = models.CharField(_("topik"), max_length=20, choices=Topic.choices)
    partner = models.CharField(
        _("mitra penyelenggara"), max_length=100, blank=True, help_text=_("Misalnya Shopee, Grab, Bank Solo.")
    )
    description = models.TextField(_("deskripsi"), max_length=3000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")

    def __str__(self):
        return self.title

    def get_staff_url(self) -> str:
        return reverse("training:programme_detail", args=[self.pk])


class SelectionMode(models.TextChoices):
    FAIR = "adil", _("Seleksi adil (undian berprioritas)")
    FCFS = "urutan", _("Siapa cepat dia dapat")


class Delivery(models.TextChoices):
    VENUE = "tatap_muka", _("Tatap muka")
    ONLINE = "daring", _("Daring (online)")


class BatchState(models.TextChoices):
    DRAFT = "konsep", _("Konsep")
    OPEN = "dibuka", _("Pendaftaran dibuka")
    CLOSED = "ditutup", _("Pendaftaran ditutup")
    ALLOCATED = "diumumkan", _("Hasil seleksi diumumkan")
    FINISHED = "selesai", pgettext_lazy("batch state", "Selesai")


class Batch(TimeStampedModel):
    """One stage (angkatan) of a programme: its dates, seats, registration window and eligibility."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="batches")
    number = models.PositiveSmallIntegerField(_("angkatan ke-"))
    state = models.CharField(_("status"), max_length=10, choices=BatchState.choices, default=BatchState.DRAFT)
    selection_mode = models.CharField(
        _("cara seleksi"), max_length=10, choices=SelectionMode.choices, default=SelectionMode.FAIR
    )
    capacity = models.PositiveIntegerField(_("jumlah kursi"))
    registration_opens_at = models.DateTimeField(_("pendaftaran dibuka"))
    registration_closes_at = models.DateTimeField(_("pendaftaran ditutup"))
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    delivery = models.CharField(_("bentuk"), max_length=10, choices=Delivery.choices, default=Delivery.VENUE)
    venue_kelurahan = models.ForeignKey(
        Kelurahan, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("kelurahan tempat"),
    )  # fmt: skip
    venue_address = models.CharField(_("alamat tempat"), max_length=255, blank=True)
    online_link = models.URLField(_("tautan kelas daring"), blank=True)
    questions = models.JSONField(_("pertanyaan singkat"), default=list, blank=True)

    # Eligibility: an empty list means "no restriction".
    sectors = models.JSONField(_("sektor (KBLI)"), default=list, blank=True)
    size_classes = models.JSONField(_("skala usaha"), default=list, blank=True)
    statuses = models.JSONField(_("status usaha"), default=list, blank=True)
    kecamatan = models.ManyToManyField(Kecamatan, blank=True, related_name="+", verbose_name=_("kecamatan"))
    verified_only = models.BooleanField(_("hanya usaha terverifikasi"), default=True)
    new_to_topic_only = models.BooleanField(_("hanya yang belum pernah dilatih topik ini"), default=False)

    completion_percent = models.PositiveSmallIntegerField(
        _("syarat lulus (persen sesi dihadiri)"), default=conf.COMPLETION_PERCENT
    )

    # Allocation record (fair mode): the seed and per-kecamatan summary of the published result.
    allocation_seed = models.BigIntegerField(_("kode undian"), null=True, blank=True)
    allocation_summary = models.JSONField(default=dict, blank=True)
    allocated_at = models.DateTimeField(_("hasil diumumkan"), null=True, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    finished_at = models.DateTimeField(_("diselesaikan pada"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("angkatan pelatihan")
        verbose_name_plural = _("angkatan pelatihan")
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="training_batch_number_unique"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="training_batch_capacity_positive"),
            models.CheckConstraint(
                condition=Q(registration_closes_at__gt=models.F("registration_opens_at")),
                name="training_batch_window_order",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="training_batch_dates_order"
            ),
            models.CheckConstraint(
                condition=Q(completion_percent__gte=1, completion_percent__lte=100),
                name="training_batch_completion_range",
            ),
        ]
        indexes = [models.Index(fields=["state", "registration_closes_at"])]

    def __str__(self):
        return _("%(title)s — Angkatan %(n)d") % {"title": self.programme.title, "n": self.number}

    def get_staff_url(self) -> str:
        return reverse("training:batch_detail", args=[self.pk])

    @property
    def label(self) -> str:
        return _("Angkatan %(n)d") % {"n": self.number}

    @property
    def is_fair(self) -> bool:
        return self.selection_mode == SelectionMode.FAIR

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.state == BatchState.OPEN and self.registration_opens_at <= now < self.registration_closes_at
        )

    def registration_has_closed(self, now=None) -> bool:
        now = now or timezone.now()
        if self.state == BatchState.DRAFT:
            return False
        return self.state != BatchState.OPEN or now >= self.registration_closes_at

    @property
    def waitlist_active(self) -> bool:
        """Freed seats are offered onward: after a fair result is published, or any time in
        first-come mode, until the batch finishes or starts."""
        if self.state == BatchState.FINISHED or timezone.localdate() > self.start_date:
            return False
        if self.is_fair:
            return self.state == BatchState.ALLOCATED
        return self.state in (BatchState.OPEN, BatchState.CLOSED)


class Session(models.Model):
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("sesi ke-"))
    date = models.DateField(_("tanggal"))
    start_time = models.TimeField(_("mulai"))
    end_time = models.TimeField(_("selesai"))
    title = models.CharField(_("materi"), max_length=150, blank=True)

    class Meta:
        ordering = ["batch", "number"]
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        constraints = [
            models.UniqueConstraint(fields=["batch", "number"], name="training_session_number_unique"),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="training_session_time_order"
            ),
        ]

    def __str__(self):
        return _("Sesi %(n)d") % {"n": self.number}


class RegistrationStatus(models.TextChoices):
    PENDING = "menunggu", _("Menunggu seleksi")
    ACCEPTED = "diterima", _("Diterima")
    WAITLISTED = "daftar_tunggu", _("Daftar tunggu")
    OFFERED = "ditawari", _("Ditawari kursi")
    DECLINED = "tidak_berminat", _("Tidak berminat")
    EXPIRED = "kedaluwarsa", _("Tawaran kedaluwarsa")
    CANCELLED = "dibatalkan", _("Dibatalkan")


# Statuses that hold a seat: an open offer keeps its seat until it is accepted, declined or expires.
SEAT_STATUSES = (RegistrationStatus.ACCEPTED, RegistrationStatus.OFFERED)


class Tier(models.IntegerChoices):
    NEW = 1, _("Belum pernah ikut pelatihan")
    OTHER_TOPIC = 2, _("Pernah dilatih topik lain")
    SAME_TOPIC = 3, _("Pernah dilatih topik ini")


class Pool(models.TextChoices):
    KECAMATAN = "kecamatan", _("Kuota kecamatan")
    OPEN = "umum", _("Kursi umum")
    ORDER = "urutan", _("Urutan pendaftaran")
    WAITLIST = "daftar_tunggu", _("Dari daftar tunggu")


class Registration(models.Model):
    """One business's application to one batch, and what became of it."""

    # Foreign keys without their own index where a composite index already leads with the column
    # (batch: the unique batch+business; business: business+completed) or nobody searches by it:
    # publishing a 100,000-row allocation rewrites every index of every row on PostgreSQL.
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="registrations", db_index=False)
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="training_registrations", db_index=False
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(_("waktu daftar"), default=timezone.now)
    answers = models.JSONField(_("jawaban"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    tier = models.PositiveSmallIntegerField(_("tingkat prioritas"), choices=Tier.choices, default=Tier.NEW)
    priority = models.SmallIntegerField(_("prioritas staf"), default=0)
    priority_reason = models.CharField(_("alasan prioritas"), max_length=300, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    pool = models.CharField(_("asal kursi"), max_length=15, choices=Pool.choices, blank=True)
    lottery_key = models.FloatField(_("kunci undian"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("urutan seleksi"), null=True, blank=True)
    decided_at = models.DateTimeField(_("waktu keputusan"), null=True, blank=True)
    offered_at = models.DateTimeField(_("ditawari pada"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("batas konfirmasi"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True)
    cancel_reason = models.CharField(_("alasan pembatalan"), max_length=300, blank=True)
    completed = models.BooleanField(_("lulus"), null=True, blank=True)
    # Unique through a constraint, not ``unique=True``: on PostgreSQL the field option adds a second
    # (LIKE-pattern) index that no lookup uses and every publish of 100,000 results would rewrite.
    code = models.CharField(max_length=32, default=new_code, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pendaftaran pelatihan")
        verbose_name_plural = _("pendaftaran pelatihan")
        permissions = [
            (
                "register_own_business",
                _("Dapat mendaftarkan usaha miliknya sendiri ke pelatihan dan menjawab tawaran kursi"),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["batch", "business"], name="training_one_registration_per_batch"),
            models.UniqueConstraint(fields=["code"], name="training_registration_code_unique"),
            models.CheckConstraint(
                condition=~Q(status="ditawari") | Q(offer_expires_at__isnull=False),
                name="training_offer_has_deadline",
            ),
        ]
        indexes = [
            models.Index(fields=["batch", "status", "rank"]),
            models.Index(
                fields=["offer_expires_at"], condition=Q(status="ditawari"), name="training_open_offers"
            ),
            models.Index(fields=["business", "completed"]),
        ]

    def __str__(self):
        return f"{self.business} · {self.batch}"

    @property
    def reference(self) -> str:
        return f"PLT-{self.pk:06d}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES


class CheckInMethod(models.TextChoices):
    SCAN = "pindai", _("Pindai QR")
    SEARCH = "cari", _("Cari nama")


class Attendance(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendances")
    checked_in_at = models.DateTimeField(_("waktu hadir"), default=timezone.now)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    method = models.CharField(
        _("cara"), max_length=10, choices=CheckInMethod.choices, default=CheckInMethod.SEARCH
    )

    class Meta:
        ordering = ["session__number"]
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="training_attendance_once")
        ]

    def __str__(self):
        return f"{self.registration_id} @ {self.session_id}"


class Certificate(models.Model):
    """A completion certificate. The holder's name and the training are copied at issue, so the
    public verification page shows what was certified even if the registry changes later."""

    registration = models.OneToOneField(Registration, on_delete=models.PROTECT, related_name="certificate")
    number = models.CharField(_("nomor sertifikat"), max_length=40, unique=True)
    code = models.CharField(max_length=32, unique=True, default=new_code, editable=False)
    holder_name = models.CharField(_("nama"), max_length=150)
    business_name = models.CharField(_("nama usaha"), max_length=150)
    programme_title = models.CharField(_("program"), max_length=150)
    partner = models.CharField(_("mitra"), max_length=100, blank=True)
    batch_label = models.CharField(_("angkatan"), max_length=50)
    start_date = models.DateField(_("tanggal mulai"))
    end_date = models.DateField(_("tanggal selesai"))
    issued_at = models.DateTimeField(_("diterbitkan"), default=timezone.now)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")

    def __str__(self):
        return self.number
