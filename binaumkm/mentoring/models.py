"""Mentoring (pendampingan): mentors, programmes with plan templates, engagements (a UMKM, a mentor,
a programme), sessions confirmed by the owner, goals and tasks, and the balancing runs that propose
caseloads. Business rules live in ``services`` and the pure ``balancing``, ``baseline``, ``outcomes``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import Kecamatan, Kelurahan, TimeStampedModel
from binaumkm.registry.models import Business

MAX_MINUTES = 600


class Topic(models.TextChoices):
    """A mentor's expertise and a UMKM's needs."""

    BOOKKEEPING = "pembukuan", _("Pembukuan dan keuangan")
    PACKAGING = "kemasan", _("Kemasan dan merek")
    DIGITAL_MARKETING = "pemasaran_digital", _("Pemasaran digital")
    LICENSING = "perizinan", _("Perizinan (NIB, P-IRT, halal)")
    FINANCING = "pembiayaan", _("Kesiapan pembiayaan")
    PRODUCTION = "produksi", _("Produksi dan mutu")


class Fact(models.TextChoices):
    """Goals another module can prove (``business_facts`` hooks), checked automatically."""

    NIB = "nib", _("NIB tercatat")
    FIRST_ONLINE_SALE = "first_online_sale", _("Penjualan online pertama tercatat")
    TURNOVER_BASELINE = "turnover_baseline", _("Omzet kembali ke baseline")
    FINANCING_REFERRAL = "financing_referral_sent", _("Rujukan pembiayaan terkirim")


class Mentor(TimeStampedModel):
    """A mentor (pendamping): an account with the mentor role, what they know, where they work."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor")
    expertise = models.JSONField(_("keahlian"), default=list, blank=True)  # Topic values
    sectors = models.JSONField(_("sektor KBLI"), default=list, blank=True)  # KBLI sections
    kecamatan = models.ManyToManyField(Kecamatan, related_name="+", verbose_name=_("kecamatan dilayani"))
    home_kelurahan = models.ForeignKey(
        Kelurahan, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("kelurahan domisili"),
    )  # fmt: skip
    capacity = models.PositiveSmallIntegerField(_("kapasitas (pendampingan aktif)"), default=10)
    is_active = models.BooleanField(_("aktif"), default=True)
    away_until = models.DateField(_("tidak tersedia sampai"), null=True, blank=True)

    class Meta:
        ordering = ["user__full_name", "id"]
        verbose_name = _("pendamping")
        verbose_name_plural = _("pendamping")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=200), name="mentoring_mentor_capacity_range"
            )
        ]

    def __str__(self):
        return self.user.display_name

    def is_available(self, on) -> bool:
        return self.is_active and (self.away_until is None or self.away_until < on)


class Programme(TimeStampedModel):
    name = models.CharField(_("nama program"), max_length=150, unique=True)
    description = models.TextField(_("deskripsi"), max_length=2000, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("program pendampingan")
        verbose_name_plural = _("program pendampingan")

    def __str__(self):
        return self.name


class GoalTemplate(models.Model):
    """A goal every engagement of the programme starts with: "NIB obtained by day 30"."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="goal_templates")
    title = models.CharField(_("sasaran"), max_length=200)
    day_offset = models.PositiveSmallIntegerField(_("hari ke-"))
    fact = models.CharField(_("dicek otomatis dari"), max_length=30, choices=Fact.choices, blank=True)

    class Meta:
        ordering = ["day_offset", "id"]
        verbose_name = _("templat sasaran")
        verbose_name_plural = _("templat sasaran")
        constraints = [
            models.CheckConstraint(
                condition=Q(day_offset__gte=1) & Q(day_offset__lte=730), name="mentoring_goal_offset_range"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.day_offset})"


class EngagementState(models.TextChoices):
    REFERRED = "dirujuk", _("Dirujuk")
    INTAKE = "asesmen", _("Asesmen awal")
    ACTIVE = "aktif", _("Aktif")
    ON_HOLD = "ditunda", _("Ditunda")
    COMPLETED = "selesai", _("Selesai")
    DROPPED = "berhenti", _("Berhenti")

    @classmethod
    def open_values(cls) -> list[str]:
        """States that hold one of the mentor's slots."""
        return [cls.REFERRED, cls.INTAKE, cls.ACTIVE, cls.ON_HOLD]


class BalanceRun(TimeStampedModel):
    """One proposal of the balancer: staff review, adjust and confirm it."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scope = models.CharField(_("cakupan"), max_length=300)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="+")
    proposals = models.JSONField(
        default=list
    )  # [{business, business_name, kelurahan, mentor, mentor_name, fit, reasons}]
    unfilled = models.JSONField(default=list)  # [{business, business_name}]
    stats = models.JSONField(default=dict)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("usulan pembagian pendamping")
        verbose_name_plural = _("usulan pembagian pendamping")
        permissions = [("balance_caseload", _("Dapat menjalankan dan mengonfirmasi pembagian pendamping"))]

    def __str__(self):
        return self.scope


class Engagement(TimeStampedModel):
    """One UMKM mentored by one mentor in one programme."""

    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="mentoring_engagements")
    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="engagements")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="engagements")
    state = models.CharField(
        _("status"), max_length=10, choices=EngagementState.choices, default=EngagementState.REFERRED
    )
    reasons = models.JSONField(default=list, blank=True)  # why the balancer proposed this mentor
    balance_run = models.ForeignKey(
        BalanceRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="engagements"
    )
    baseline = models.JSONField(_("kondisi awal"), default=dict, blank=True)
    baseline_at = models.DateTimeField(null=True, blank=True)
    started_on = models.DateField(_("mulai aktif"), null=True, blank=True)
    ended_on = models.DateField(_("berakhir"), null=True, blank=True)
    hold_reason = models.CharField(_("alasan ditunda"), max_length=500, blank=True)
    drop_reason = models.CharField(_("alasan berhenti"), max_length=500, blank=True)
    last_contact_on = models.DateField(_("kontak terakhir"), null=True, blank=True)
    next_visit_on = models.DateField(_("kunjungan berikutnya"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pendampingan")
        verbose_name_plural = _("pendampingan")
        permissions = [
            ("work_own_engagements", _("Pendamping: mengerjakan pendampingan yang ditugaskan kepadanya")),
            ("follow_own_mentoring", _("Pemilik: mengikuti pendampingan usahanya")),
            ("supervise_mentoring", _("Dapat melihat pengawasan pendampingan dan laporan honorarium")),
        ]
        constraints = [
            # One open engagement per UMKM at a time (a new one after completion or drop is fine).
            models.UniqueConstraint(
                fields=["business"],
                condition=Q(state__in=EngagementState.open_values()),
                name="mentoring_one_open_engagement",
            ),
            models.CheckConstraint(
                condition=~Q(state=EngagementState.DROPPED) | ~Q(drop_reason=""),
                name="mentoring_dropped_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["mentor", "state"], name="mentoring_eng_mentor_state"),
            models.Index(fields=["state", "last_contact_on"], name="mentoring_eng_state_contact"),
        ]

    def __str__(self):
        return f"{self.business} — {self.mentor}"

    @property
    def reference(self) -> str:
        return f"PD-{self.pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.state in EngagementState.open_values()

    def get_absolute_url(self) -> str:
        return reverse("mentoring:engagement_detail", args=[self.pk])

    def get_owner_url(self) -> str:
        return reverse("mentoring:my_engagement", args=[self.pk])


class SessionMode(models.TextChoices):
    VISIT = "kunjungan", _("Kunjungan")
    PHONE = "telepon", _("Telepon")
    WHATSAPP = "whatsapp", _("WhatsApp")
    ONLINE = "daring", _("Daring (video)")


class ConfirmedVia(models.TextChoices):
    HOME = "beranda", _("dari beranda pemilik")
    LINK = "tautan", _("lewat tautan sekali pakai")


def session_photo_path(instance, filename):
    return f"pendampingan/{instance.engagement_id}/{filename}"


class Session(TimeStampedModel):
    """One mentoring session. ``summary`` is shared with the owner; ``private_notes`` never is."""

    engagement = models.ForeignKey(Engagement, on_delete=models.PROTECT, related_name="sessions")
    mentor = models.ForeignKey(Mentor, on_delete=models.PROTECT, related_name="sessions")  # who held it
    held_on = models.DateField(_("tanggal"))
    mode = models.CharField(_("cara"), max_length=10, choices=SessionMode.choices)
    minutes = models.PositiveSmallIntegerField(_("durasi (menit)"))
    topics = models.JSONField(_("topik"), default=list, blank=True)
    summary = models.TextField(_("ringkasan untuk pemilik"), max_length=2000)
    private_notes = models.TextField(
        _("catatan pribadi (tidak terlihat pemilik)"), max_length=2000, blank=True
    )
    next_steps = models.TextField(_("langkah berikutnya"), max_length=1000, blank=True)
    photo = models.ImageField(_("foto"), upload_to=session_photo_path, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("dikonfirmasi pemilik"), null=True, blank=True)
    confirmed_via = models.CharField(max_length=10, choices=ConfirmedVia.choices, blank=True)
    # The one-time confirmation link carries this nonce; it is cleared when used.
    confirm_nonce = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("sesi pendampingan")
        verbose_name_plural = _("sesi pendampingan")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=MAX_MINUTES),
                name="mentoring_session_minutes_range",
            )
        ]
        indexes = [
            models.Index(fields=["engagement", "held_on"], name="mentoring_session_eng_date"),
            models.Index(fields=["mentor", "held_on"], name="mentoring_session_mentor_date"),
        ]

    def __str__(self):
        return f"{self.held_on:%d-%m-%Y} {self.get_mode_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class GoalStatus(models.TextChoices):
    OPEN = "terbuka", _("Terbuka")
    MET = "tercapai", _("Tercapai")
    CANCELLED = "batal", _("Dibatalkan")


class Goal(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("sasaran"), max_length=200)
    target_date = models.DateField(_("target"))
    fact = models.CharField(_("dicek otomatis dari"), max_length=30, choices=Fact.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    met_on = models.DateField(_("tercapai pada"), null=True, blank=True)
    met_automatically = models.BooleanField(default=False)

    class Meta:
        ordering = ["target_date", "id"]
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")

    def __str__(self):
        return self.title


class Assignee(models.TextChoices):
    MENTOR = "pendamping", _("Pendamping")
    OWNER = "pemilik", _("Pemilik usaha")


class Task(models.Model):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("tugas"), max_length=200)
    assignee = models.CharField(_("dikerjakan oleh"), max_length=10, choices=Assignee.choices)
    due_on = models.DateField(_("batas waktu"))
    done_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("tugas")
        verbose_name_plural = _("tugas")
        indexes = [models.Index(fields=["assignee", "done_at", "due_on"], name="mentoring_task_open")]

    def __str__(self):
        return self.title
