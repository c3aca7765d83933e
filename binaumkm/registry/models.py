from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import Kelurahan, TimeStampedModel
from binaumkm.core.storage import private_storage

from .choices import (
    BusinessStatus,
    Gender,
    KbliSection,
    ProductCategory,
    ProductUnit,
    SizeClass,
    Verification,
)
from .platforms import LinkStatus, OrderBand, Platform, Stage


class Owner(TimeStampedModel):
    """The person who owns one or more businesses. One owner per NIK."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owner"
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    nik = models.CharField(_("NIK"), max_length=16, unique=True)
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("pemilik")
        verbose_name_plural = _("pemilik")

    def __str__(self):
        return self.full_name

    @property
    def reference(self) -> str:
        return f"P-{self.pk:06d}"


class ClaimCode(models.Model):
    """A one-time code on an owner's registration slip, with which the person links the record staff
    created (or imported) to their own account. Only a keyed hash of the code is kept; issuing a new
    code replaces the unused ones."""

    owner = models.ForeignKey(Owner, on_delete=models.CASCADE, related_name="claim_codes")
    code_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    used_at = models.DateTimeField(_("dipakai"), null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kode klaim")
        verbose_name_plural = _("kode klaim")

    def __str__(self):
        return f"{self.owner} ({self.created_at:%Y-%m-%d})"


class Business(TimeStampedModel):
    """A UMKM binaan."""

    owner = models.ForeignKey(
        Owner, on_delete=models.PROTECT, related_name="businesses", verbose_name=_("pemilik")
    )
    name = models.CharField(_("nama usaha"), max_length=150)
    nib = models.CharField(_("NIB"), max_length=13, unique=True, null=True, blank=True)
    address = models.CharField(_("alamat"), max_length=255)
    # Indexed by registry_business_filter_idx, which leads with kelurahan.
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, related_name="businesses", db_index=False
    )
    kbli_section = models.CharField(_("sektor (kategori KBLI)"), max_length=1, choices=KbliSection.choices)
    kbli_code = models.CharField(_("kode KBLI"), max_length=5, blank=True)
    capital = models.PositiveBigIntegerField(_("modal usaha (Rp)"), null=True, blank=True)
    annual_sales = models.PositiveBigIntegerField(_("penjualan tahunan (Rp)"), null=True, blank=True)
    size_class = models.CharField(_("skala usaha"), max_length=10, choices=SizeClass.choices, blank=True)
    employees = models.PositiveIntegerField(_("jumlah tenaga kerja"), default=1)
    year_founded = models.PositiveSmallIntegerField(_("tahun berdiri"), null=True, blank=True)
    binaan_since = models.DateField(_("binaan sejak"), null=True, blank=True)

    status = models.CharField(
        _("status usaha"), max_length=10, choices=BusinessStatus.choices, default="aktif"
    )
    verification = models.CharField(
        _("verifikasi"), max_length=15, choices=Verification.choices, default=Verification.NEW
    )
    verification_note = models.CharField(_("alasan penolakan"), max_length=500, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("waktu verifikasi"), null=True, blank=True)

    # Social handles; shops and pages on platforms are Presence records.
    instagram = models.CharField(_("Instagram"), max_length=100, blank=True)
    tiktok = models.CharField(_("TikTok"), max_length=100, blank=True)
    facebook = models.CharField(_("Facebook"), max_length=200, blank=True)
    whatsapp = models.CharField(_("nomor WhatsApp"), max_length=16, blank=True)

    # Licences
    pirt_number = models.CharField(_("nomor P-IRT"), max_length=15, blank=True)
    pirt_expiry = models.DateField(_("P-IRT berlaku sampai"), null=True, blank=True)
    halal_number = models.CharField(_("nomor sertifikat halal"), max_length=32, blank=True)
    halal_expiry = models.DateField(_("halal berlaku sampai"), null=True, blank=True)
    bpom_number = models.CharField(_("nomor BPOM"), max_length=14, blank=True)
    bpom_expiry = models.DateField(_("BPOM berlaku sampai"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("usaha")
        verbose_name_plural = _("usaha")
        permissions = [
            ("verify_business", _("Dapat memverifikasi atau menolak usaha")),
            ("import_business", _("Dapat mengimpor data usaha dari Excel")),
            ("view_personal_data", _("Dapat membuka NIK dan nomor HP lengkap pemilik (tercatat di log)")),
            ("manage_own_business", _("Dapat mengelola usaha miliknya sendiri")),
        ]
        # Two covering indexes keep the staff list fast at 100,000 rows on SQLite: counts and
        # kecamatan/kelurahan pages are answered from the first, name-ordered pages from the second,
        # without reading the wide table rows (see docs/benchmarks.md).
        indexes = [
            models.Index(
                fields=["kelurahan", "status", "verification", "size_class", "kbli_section", "name"],
                name="registry_business_filter_idx",
            ),
            models.Index(
                fields=["name", "id", "status", "verification", "size_class", "kbli_section", "kelurahan"],
                name="registry_business_name_idx",
            ),
            # The staff dashboard: tallies by verification and status; the oldest pending first.
            models.Index(fields=["verification", "status"], name="registry_business_tally_idx"),
            models.Index(fields=["verification", "created_at"], name="registry_business_queue_idx"),
        ]

    def __str__(self):
        return self.name

    @property
    def reference(self) -> str:
        return f"UMKM-{self.pk:06d}"

    def get_staff_url(self) -> str:
        return reverse("registry:business_detail", args=[self.pk])

    def get_owner_url(self) -> str:
        return reverse("registry:my_business_detail", args=[self.pk])

    @property
    def sells_online(self) -> bool:
        """Has a shop online (an account or further on a shop platform). Lists annotate
        ``has_online_shop`` (``selectors.with_online_shop``) so that rows cost no query."""
        annotated = getattr(self, "has_online_shop", None)
        if annotated is not None:
            return bool(annotated)
        from .selectors import online_shop_q  # the one definition of "sells online"

        return self.presences.filter(online_shop_q()).exists()


class BusinessStatusChange(models.Model):
    """History of a business's recovery status (aktif / stagnan / tutup)."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=10, choices=BusinessStatus.choices, blank=True)
    new_status = models.CharField(max_length=10, choices=BusinessStatus.choices)
    reason = models.CharField(_("alasan"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("waktu"))

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("perubahan status usaha")
        verbose_name_plural = _("riwayat status usaha")

    def __str__(self):
        return f"{self.business_id}: {self.old_status or '-'} -> {self.new_status}"


class BusinessVerificationChange(models.Model):
    """History of a business's verification (baru / terverifikasi / ditolak): with the status
    history it tells what the business was on any past day (``registry.history``)."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="verification_changes")
    old_verification = models.CharField(max_length=15, choices=Verification.choices, blank=True)
    new_verification = models.CharField(max_length=15, choices=Verification.choices)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("waktu"))

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("perubahan verifikasi usaha")
        verbose_name_plural = _("riwayat verifikasi usaha")

    def __str__(self):
        return f"{self.business_id}: {self.old_verification or '-'} -> {self.new_verification}"


def product_photo_path(instance, filename):
    return f"produk/{instance.business_id}/{filename}"


class Product(TimeStampedModel):
    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("nama produk"), max_length=150)
    category = models.CharField(_("kategori"), max_length=20, choices=ProductCategory.choices)
    description = models.TextField(_("deskripsi"), max_length=2000, blank=True)
    price = models.PositiveBigIntegerField(_("harga (Rp)"))
    unit = models.CharField(
        _("satuan"), max_length=10, choices=ProductUnit.choices, default=ProductUnit.PIECE
    )
    photo = models.ImageField(_("foto"), upload_to=product_photo_path, blank=True)
    pirt_number = models.CharField(_("nomor P-IRT"), max_length=15, blank=True)
    bpom_number = models.CharField(_("nomor BPOM"), max_length=14, blank=True)
    halal_number = models.CharField(_("nomor sertifikat halal"), max_length=32, blank=True)
    is_active = models.BooleanField(_("dijual"), default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("produk")
        verbose_name_plural = _("produk")

    def __str__(self):
        return self.name


class TurnoverReport(TimeStampedModel):
    """Monthly turnover of a business: the basis for measuring recovery."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="turnover_reports")
    period = models.DateField(_("bulan"), help_text=_("Hari pertama bulan laporan."))
    turnover = models.PositiveBigIntegerField(_("omzet (Rp)"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period"]
        verbose_name = _("laporan omzet")
        verbose_name_plural = _("laporan omzet")
        constraints = [
            models.UniqueConstraint(fields=["business", "period"], name="registry_turnover_one_per_month")
        ]

    def __str__(self):
        return f"{self.business} {self.period:%Y-%m}"


class ImportJob(TimeStampedModel):
    """One uploaded Excel file: validated first (preview), then written all-or-nothing."""

    class State(models.TextChoices):
        QUEUED = "antre", _("Menunggu diperiksa")
        VALIDATING = "memeriksa", _("Sedang diperiksa")
        READY = "siap", _("Siap diimpor")
        WRITING = "mengimpor", _("Sedang diimpor")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")
        # Only for an agency's own spreadsheet (layout "dipetakan"): staff confirm before validation.
        MAPPING = "pemetaan", _("Menunggu pemetaan kolom")
        SECTORS = "sektor", _("Menunggu konfirmasi sektor")

    class Layout(models.TextChoices):
        TEMPLATE = "templat", _("Templat Bina UMKM")
        MAPPED = "dipetakan", _("Berkas sendiri (kolom dipetakan)")

    class Duplicates(models.TextChoices):
        SKIP = "lewati", _("Lewati baris yang sudah terdaftar")
        UPDATE = "perbarui", _("Perbarui usaha yang sudah terdaftar")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="impor/%Y/%m/")
    original_name = models.CharField(max_length=255)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    error_rows = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    only_valid = models.BooleanField(default=False)
    created_count = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Mapped imports: what was found in the file, what staff confirmed, and what the preview says.
    layout = models.CharField(max_length=10, choices=Layout.choices, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    sheets = models.JSONField(default=list, blank=True)  # [{name, header_row, rows, score}]
    header_row = models.PositiveIntegerField(null=True, blank=True)
    columns = models.JSONField(default=list, blank=True)  # per column: header, samples, proposal
    mapping = models.JSONField(default=dict, blank=True)  # confirmed {column index: field key}
    sectors = models.JSONField(
        default=dict, blank=True
    )  # {column, values: [suggestion, decision], confirmed}
    preview = models.JSONField(default=dict, blank=True)  # column statistics, cleaned rows, duplicates
    duplicate_action = models.CharField(max_length=10, choices=Duplicates.choices, default=Duplicates.SKIP)
    duplicate_rows = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("impor Excel")
        verbose_name_plural = _("impor Excel")

    def __str__(self):
        return self.original_name

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_running(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.VALIDATING, self.State.WRITING)


class ImportMapping(TimeStampedModel):
    """A column mapping staff confirmed for one set of headers: the next file with the same headers
    (the same colleague's next file) is mapped the same way."""

    signature = models.CharField(max_length=64, unique=True)  # import_mapping.header_signature
    headers = models.JSONField(default=list)  # the headers as written, for people reading the table
    fields = models.JSONField(default=dict)  # {header key: field key, or "" for a column left out}
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    times_used = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pemetaan kolom impor")
        verbose_name_plural = _("pemetaan kolom impor")

    def __str__(self):
        return ", ".join(self.headers)[:100]


class SectorKeyword(TimeStampedModel):
    """A word staff write for a kind of business ("kuliner", "bengkel") and its KBLI section."""

    keyword = models.CharField(_("kata kunci"), max_length=60, unique=True)
    section = models.CharField(_("sektor (kategori KBLI)"), max_length=1, choices=KbliSection.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["keyword"]
        verbose_name = _("kata kunci sektor")
        verbose_name_plural = _("kata kunci sektor")
        constraints = [
            models.CheckConstraint(condition=~models.Q(keyword=""), name="registry_keyword_not_empty")
        ]

    def __str__(self):
        return f"{self.keyword} → {self.section}"


def presence_evidence_path(instance, filename):
    return f"kehadiran-digital/{instance.business_id}/{filename}"


class Presence(TimeStampedModel):
    """A business on one digital platform, from "planned" to "actually sells". The dated field of
    each stage keeps when it was reached (``platforms.STAGE_DATE_FIELD``), which is all the adoption
    report needs (median days assisted → first sale) without a history table."""

    business = models.ForeignKey(Business, on_delete=models.CASCADE, related_name="presences")
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    stage = models.CharField(_("tahap"), max_length=20, choices=Stage.choices, default=Stage.PLANNED)
    url = models.URLField(_("tautan"), max_length=500, blank=True)
    planned_on = models.DateField(_("direncanakan"), null=True, blank=True)
    assisted_on = models.DateField(_("didampingi"), null=True, blank=True)
    account_on = models.DateField(_("akun dibuat"), null=True, blank=True)
    first_listing_on = models.DateField(_("produk pertama tayang"), null=True, blank=True)
    first_sale_on = models.DateField(_("penjualan pertama"), null=True, blank=True)
    active_on = models.DateField(_("aktif sejak"), null=True, blank=True)
    dormant_on = models.DateField(_("tidur sejak"), null=True, blank=True)
    closed_on = models.DateField(_("ditutup"), null=True, blank=True)
    # The last day the owner or staff confirmed the shop is in use; dormancy counts from here.
    activity_confirmed_on = models.DateField(_("aktivitas terakhir dikonfirmasi"), null=True, blank=True)
    # Private (outside MEDIA_ROOT): a screenshot of orders may show buyers; served by a checked view.
    evidence = models.FileField(
        _("bukti (tangkapan layar)"), storage=private_storage, upload_to=presence_evidence_path, blank=True
    )
    order_band = models.CharField(_("jumlah pesanan"), max_length=6, choices=OrderBand.choices, blank=True)
    # Free text, not a foreign key: the registry sits below the training module (import layers);
    # the demo and the workshop form write the batch's name here.
    assisted_by = models.CharField(_("didampingi oleh"), max_length=200, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("diverifikasi dinas"), null=True, blank=True)
    link_status = models.CharField(
        _("tautan"), max_length=6, choices=LinkStatus.choices, default=LinkStatus.UNCHECKED, blank=True
    )
    link_checked_at = models.DateTimeField(_("tautan diperiksa"), null=True, blank=True)
    link_problem = models.CharField(_("masalah tautan"), max_length=200, blank=True)

    class Meta:
        ordering = ["business", "platform"]
        verbose_name = _("kehadiran digital")
        verbose_name_plural = _("kehadiran digital")
        constraints = [
            models.UniqueConstraint(
                fields=["business", "platform"], name="registry_presence_one_per_platform"
            ),
        ]
        indexes = [
            models.Index(fields=["stage", "platform"], name="registry_presence_stage_idx"),
            # Broken links for staff to follow up, latest check first (the staff dashboard).
            models.Index(fields=["link_status", "-link_checked_at"], name="registry_presence_link_idx"),
        ]

    def __str__(self):
        return f"{self.business} – {self.get_platform_display()}"
