"""Consignment (titip jual): outlets, agreements, deliveries, an append-only stock ledger with a
running balance per batch, sales, expiry alerts and settlements.

Price model: every accepted product has one consignment price = the retail price at the outlet.
The outlet keeps a commission (basis points of the gross sales); the UMKM receives the rest.
Money is integer rupiah; percentages are integer basis points (1 % = 100 bp). See docs/consignment.md.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core.models import Kelurahan, TimeStampedModel
from binaumkm.registry.models import Business, Product

from . import conf


def percent_label(bp: int | None) -> str:
    """2000 -> '20 %', 1750 -> '17,5 %'."""
    if bp is None:
        return "–"
    whole, frac = divmod(int(bp), 100)
    text = f"{whole}" if not frac else f"{whole},{frac:02d}".rstrip("0")
    return f"{text} %"


class Outlet(TimeStampedModel):
    class Kind(models.TextChoices):
        HOTEL = "hotel", _("Hotel")
        SOUVENIR = "oleh_oleh", _("Pusat oleh-oleh")
        TRANSIT = "bandara_stasiun", _("Toko bandara / stasiun")
        OTHER = "lainnya", _("Lainnya")

    class Period(models.TextChoices):
        WEEKLY = "mingguan", _("Mingguan (Senin–Minggu)")
        FORTNIGHTLY = "dua_mingguan", _("Dua mingguan (tanggal 1–15 dan 16–akhir bulan)")
        MONTHLY = "bulanan", _("Bulanan")

    name = models.CharField(_("nama outlet"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    star_rating = models.PositiveSmallIntegerField(_("bintang hotel"), null=True, blank=True)
    address = models.CharField(_("alamat"), max_length=255)
    kelurahan = models.ForeignKey(
        Kelurahan, on_delete=models.PROTECT, related_name="+", verbose_name=_("kelurahan")
    )
    contact_name = models.CharField(_("nama kontak"), max_length=150)
    contact_phone = models.CharField(_("HP kontak"), max_length=16, blank=True)
    contact_email = models.EmailField(_("e-mail kontak"), blank=True)
    commission_bp = models.PositiveIntegerField(_("komisi bawaan (basis poin)"), default=conf.COMMISSION_BP)
    settlement_period = models.CharField(
        _("periode rekap pembayaran"), max_length=15, choices=Period.choices, default=Period.MONTHLY
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    partners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="consignment_outlets",
        verbose_name=_("akun mitra outlet"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("outlet titip jual")
        verbose_name_plural = _("outlet titip jual")
        permissions = [
            ("manage_own_outlet", _("Dapat mengelola outlet titip jual yang terhubung ke akunnya")),
            (
                "view_own_consignment",
                _("Dapat melihat titipan, penjualan, dan rekap pembayaran usahanya sendiri"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(commission_bp__lte=10000), name="consignment_outlet_commission_max"
            ),
            models.CheckConstraint(
                condition=Q(star_rating__isnull=True) | Q(star_rating__gte=1, star_rating__lte=5),
                name="consignment_outlet_star_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def commission_label(self) -> str:
        return percent_label(self.commission_bp)

    @property
    def kind_label(self) -> str:
        if self.kind == self.Kind.HOTEL and self.star_rating:
            return f"{self.get_kind_display()} {'★' * self.star_rating}"
        return self.get_kind_display()


class Agreement(TimeStampedModel):
    """Outlet ↔ business: commission, validity and what happens to goods near expiry."""

    class ExpiryHandling(models.TextChoices):
        RETURN = "retur", _("Dikembalikan ke pemilik")
        DISCOUNT = "diskon", _("Dijual dengan diskon")

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="agreements")
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="consignment_agreements", verbose_name=_("usaha")
    )
    commission_bp = models.PositiveIntegerField(_("komisi (basis poin)"))
    starts_on = models.DateField(_("berlaku mulai"))
    ends_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    expiry_handling = models.CharField(
        _("barang mendekati kedaluwarsa"), max_length=10, choices=ExpiryHandling.choices,
        default=ExpiryHandling.RETURN,
    )  # fmt: skip
    expiry_discount_bp = models.PositiveIntegerField(
        _("diskon mendekati kedaluwarsa (basis poin)"), default=0
    )
    notes = models.CharField(_("catatan"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["outlet__name", "business__name", "-starts_on"]
        verbose_name = _("perjanjian titip jual")
        verbose_name_plural = _("perjanjian titip jual")
        constraints = [
            models.CheckConstraint(condition=Q(commission_bp__lte=10000), name="consignment_agreement_commission_max"),
            models.CheckConstraint(condition=Q(expiry_discount_bp__lt=10000), name="consignment_agreement_discount_max"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="consignment_agreement_dates"
            ),
            models.UniqueConstraint(fields=["outlet", "business", "starts_on"], name="consignment_agreement_unique"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.business} @ {self.outlet}"

    @property
    def reference(self) -> str:
        return f"PTJ-{self.pk:05d}"

    @property
    def commission_label(self) -> str:
        return percent_label(self.commission_bp)

    @property
    def discount_label(self) -> str:
        return percent_label(self.expiry_discount_bp)

    def is_active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class AgreementTerms(models.Model):
    """One version of an agreement's terms, in force from ``effective_from`` until the next version
    (``consignment.terms``): a sale uses the version in force on its date, however late it is recorded."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="terms")
    effective_from = models.DateField(_("berlaku mulai"))
    commission_bp = models.PositiveIntegerField(_("komisi (basis poin)"))
    expiry_handling = models.CharField(
        _("barang mendekati kedaluwarsa"), max_length=10, choices=Agreement.ExpiryHandling.choices
    )
    expiry_discount_bp = models.PositiveIntegerField(
        _("diskon mendekati kedaluwarsa (basis poin)"), default=0
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agreement", "effective_from"]
        verbose_name = _("versi syarat perjanjian")
        verbose_name_plural = _("versi syarat perjanjian")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "effective_from"], name="consignment_terms_unique"),
            models.CheckConstraint(
                condition=Q(commission_bp__lte=10000), name="consignment_terms_commission_max"
            ),
        ]

    def __str__(self):
        return f"{self.agreement_id} @ {self.effective_from}: {self.commission_bp}"


class AgreementProduct(models.Model):
    """A product the outlet accepts under an agreement, with its consignment (retail) price."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+", verbose_name=_("produk"))
    price = models.PositiveBigIntegerField(_("harga jual di outlet (Rp)"))
    is_active = models.BooleanField(_("diterima"), default=True)

    class Meta:
        ordering = ["product__name", "id"]
        verbose_name = _("produk dalam perjanjian")
        verbose_name_plural = _("produk dalam perjanjian")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "product"], name="consignment_item_unique"),
            models.CheckConstraint(condition=Q(price__gt=0), name="consignment_item_price_positive"),
        ]

    def __str__(self):
        return f"{self.product} ({self.price})"


class Delivery(TimeStampedModel):
    """A delivery note (surat titip barang): what one business placed at one outlet on one day."""

    number = models.CharField(_("nomor"), max_length=30, unique=True, null=True, blank=True)
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="deliveries")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="consignment_deliveries")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="deliveries")
    delivered_on = models.DateField(_("tanggal titip"))
    sender_name = models.CharField(_("diserahkan oleh (pihak UMKM)"), max_length=150)
    receiver_name = models.CharField(_("diterima oleh (pihak outlet)"), max_length=150)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-delivered_on", "-id"]
        verbose_name = _("surat titip barang")
        verbose_name_plural = _("surat titip barang")
        indexes = [
            models.Index(fields=["outlet", "-delivered_on"]),
            models.Index(fields=["business", "-delivered_on"]),
        ]

    def __str__(self):
        return self.number or f"#{self.pk}"


class Batch(models.Model):
    """One line of a delivery note: a quantity of one product with one price and expiry date."""

    delivery = models.ForeignKey(Delivery, on_delete=models.PROTECT, related_name="batches")
    line_no = models.PositiveSmallIntegerField()
    code = models.CharField(_("kode batch"), max_length=40)
    item = models.ForeignKey(AgreementProduct, on_delete=models.PROTECT, related_name="batches")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="+")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_price = models.PositiveBigIntegerField(_("harga jual (Rp)"))
    delivered_on = models.DateField(_("tanggal titip"))
    expiry_date = models.DateField(_("kedaluwarsa"), null=True, blank=True)

    class Meta:
        ordering = ["delivery", "line_no"]
        verbose_name = _("batch titipan")
        verbose_name_plural = _("batch titipan")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "line_no"], name="consignment_batch_line_unique"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="consignment_batch_quantity_positive"),
        ]

    def __str__(self):
        return self.code


class StockBalance(models.Model):
    """The running balance of one batch, updated in the same transaction as each ledger entry.

    ``on_hand = delivered - sold - returned + adjusted`` and ``on_hand >= 0`` are database checks.
    The stock of an outlet is one indexed query on this table (no scan of the ledger)."""

    batch = models.OneToOneField(Batch, primary_key=True, on_delete=models.PROTECT, related_name="balance")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="+")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    delivered_on = models.DateField()
    expiry_date = models.DateField(null=True, blank=True)
    delivered = models.PositiveIntegerField(default=0)
    sold = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)
    adjusted = models.IntegerField(default=0)
    on_hand = models.PositiveIntegerField(default=0)
    last_sale_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("saldo stok batch")
        verbose_name_plural = _("saldo stok batch")
        constraints = [
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="consignment_balance_not_negative"),
            models.CheckConstraint(
                condition=Q(on_hand=F("delivered") - F("sold") - F("returned") + F("adjusted")),
                name="consignment_balance_matches_counters",
            ),
        ]
        indexes = [
            models.Index(fields=["outlet", "product", "expiry_date"], name="consignment_bal_outlet_prod"),
            models.Index(fields=["business", "outlet"], name="consignment_bal_business"),
        ]

    def __str__(self):
        return f"{self.batch_id}: {self.on_hand}"


class StockEntry(models.Model):
    """The append-only stock ledger. Rows are never changed or deleted; corrections are new rows.

    ``quantity`` is signed: positive into the outlet's stock, negative out of it."""

    class Kind(models.TextChoices):
        DELIVERY = "titip", _("Titip (masuk)")
        SALE = "jual", _("Penjualan")
        SALE_CANCEL = "batal_jual", _("Pembatalan penjualan")
        RETURN = "retur", _("Retur ke pemilik")
        ADJUSTMENT = "penyesuaian", _("Penyesuaian stok")

    class ReturnReason(models.TextChoices):
        UNSOLD = "tidak_laku", _("Tidak laku")
        EXPIRED = "kedaluwarsa", _("Kedaluwarsa / mendekati kedaluwarsa")
        DAMAGED = "rusak", _("Rusak")

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="entries")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="+")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis"), max_length=15, choices=Kind.choices)
    quantity = models.IntegerField(_("jumlah"))
    occurred_on = models.DateField(_("tanggal"))
    reason_code = models.CharField(_("alasan"), max_length=15, choices=ReturnReason.choices, blank=True)
    note = models.CharField(_("keterangan"), max_length=500, blank=True)
    sale = models.ForeignKey("Sale", null=True, blank=True, on_delete=models.PROTECT, related_name="entries")
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("entri buku stok")
        verbose_name_plural = _("buku stok")
        permissions = [("adjust_stock", _("Dapat mencatat penyesuaian stok (stok opname)"))]
        constraints = [
            models.CheckConstraint(condition=~Q(quantity=0), name="consignment_entry_nonzero"),
            models.CheckConstraint(
                condition=Q(kind__in=["titip", "batal_jual"], quantity__gt=0)
                | Q(kind__in=["jual", "retur"], quantity__lt=0)
                | Q(kind="penyesuaian"),
                name="consignment_entry_sign",
            ),
        ]
        indexes = [
            models.Index(fields=["outlet", "occurred_on"], name="consignment_entry_outlet"),
            models.Index(fields=["business", "occurred_on"], name="consignment_entry_business"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity:+d}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValidationError(_("Buku stok tidak boleh diubah; catat entri koreksi."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Buku stok tidak boleh dihapus; catat entri koreksi."))


class Settlement(TimeStampedModel):
    """The settlement of one outlet for one period: per business gross, commission and net."""

    class State(models.TextChoices):
        OPEN = "terbuka", _("Belum dibayar")
        PAID = "lunas", _("Lunas")
        VOID = "batal", _("Dibatalkan")

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="settlements")
    period_start = models.DateField(_("periode mulai"))
    period_end = models.DateField(_("periode sampai"))
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.OPEN)
    gross = models.PositiveBigIntegerField(_("penjualan kotor"), default=0)
    commission = models.PositiveBigIntegerField(_("komisi outlet"), default=0)
    net = models.PositiveBigIntegerField(_("hak UMKM"), default=0)
    sale_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    void_reason = models.CharField(_("alasan pembatalan"), max_length=500, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-period_start", "-id"]
        verbose_name = _("rekap pembayaran")
        verbose_name_plural = _("rekap pembayaran")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="consignment_settlement_dates"),
            models.CheckConstraint(condition=Q(gross=F("commission") + F("net")), name="consignment_settlement_sum"),
            models.UniqueConstraint(
                fields=["outlet", "period_start"], condition=~Q(state="batal"), name="consignment_settlement_one_period"
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.reference} {self.outlet} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"

    @property
    def reference(self) -> str:
        return f"STL-{self.pk:05d}"


class SettlementLine(models.Model):
    """What one business is owed by one settlement, and its payment (recorded once)."""

    settlement = models.ForeignKey(Settlement, on_delete=models.PROTECT, related_name="lines")
    business = models.ForeignKey(
        Business, on_delete=models.PROTECT, related_name="consignment_settlement_lines"
    )
    gross = models.PositiveBigIntegerField(_("penjualan kotor"))
    commission = models.PositiveBigIntegerField(_("komisi outlet"))
    net = models.PositiveBigIntegerField(_("hak UMKM"))
    quantity = models.PositiveIntegerField(_("jumlah terjual"))
    sale_count = models.PositiveIntegerField()
    paid_on = models.DateField(_("tanggal bayar"), null=True, blank=True)
    payment_reference = models.CharField(_("referensi pembayaran"), max_length=100, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["business__name", "id"]
        verbose_name = _("rincian rekap pembayaran")
        verbose_name_plural = _("rincian rekap pembayaran")
        constraints = [
            models.UniqueConstraint(fields=["settlement", "business"], name="consignment_line_unique"),
            models.CheckConstraint(
                condition=Q(gross=F("commission") + F("net")), name="consignment_line_sum"
            ),
            models.CheckConstraint(
                condition=Q(paid_on__isnull=True, payment_reference="")
                | (Q(paid_on__isnull=False) & ~Q(payment_reference="")),
                name="consignment_line_payment_complete",
            ),
        ]

    def __str__(self):
        return f"{self.settlement_id}/{self.business}"

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None


class Sale(models.Model):
    """A sale of units from one batch. ``gross = quantity × unit_price``; the commission rate is the
    agreement's at the time of the sale. A sale belongs to at most one (non-void) settlement."""

    class Source(models.TextChoices):
        FORM = "formulir", _("Formulir")
        UPLOAD = "excel", _("Unggah Excel")

    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="sales")
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="sales")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="consignment_sales")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="sales")
    sold_on = models.DateField(_("tanggal jual"))
    quantity = models.PositiveIntegerField(_("jumlah"))
    unit_price = models.PositiveBigIntegerField(_("harga satuan"))
    gross = models.PositiveBigIntegerField(_("nilai penjualan"))
    commission_bp = models.PositiveIntegerField(_("komisi (basis poin)"))
    discounted = models.BooleanField(_("harga diskon kedaluwarsa"), default=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    settlement = models.ForeignKey(
        Settlement, null=True, blank=True, on_delete=models.PROTECT, related_name="sales"
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("alasan pembatalan"), max_length=500, blank=True)

    class Meta:
        ordering = ["-sold_on", "-id"]
        verbose_name = _("penjualan titipan")
        verbose_name_plural = _("penjualan titipan")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="consignment_sale_quantity_positive"),
            models.CheckConstraint(condition=Q(gross=F("quantity") * F("unit_price")), name="consignment_sale_gross"),
            models.CheckConstraint(
                condition=Q(settlement__isnull=True) | Q(cancelled_at__isnull=True),
                name="consignment_sale_settled_not_cancelled",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["outlet", "settlement", "sold_on"], name="consignment_sale_settle"),
            models.Index(fields=["outlet", "-sold_on"], name="consignment_sale_outlet"),
            models.Index(fields=["business", "-sold_on"], name="consignment_sale_business"),
        ]

    def __str__(self):
        return f"{self.product} × {self.quantity} ({self.sold_on:%d/%m/%Y})"


class ExpiryAlert(models.Model):
    """A batch flagged once as near expiry, with the proposal sent to the outlet and the owner."""

    batch = models.OneToOneField(Batch, on_delete=models.PROTECT, related_name="expiry_alert")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="+")
    business = models.ForeignKey(Business, on_delete=models.PROTECT, related_name="+")
    flagged_on = models.DateField(_("ditandai"))
    expiry_date = models.DateField(_("kedaluwarsa"))
    on_hand = models.PositiveIntegerField(_("sisa saat ditandai"))
    proposal = models.CharField(
        _("usulan"),
        max_length=10,
        choices=Agreement.ExpiryHandling.choices,
        default=Agreement.ExpiryHandling.RETURN,
    )
    notified = models.PositiveSmallIntegerField(_("e-mail terkirim"), default=0)

    class Meta:
        ordering = ["expiry_date", "id"]
        verbose_name = _("peringatan kedaluwarsa")
        verbose_name_plural = _("peringatan kedaluwarsa")
        indexes = [models.Index(fields=["outlet", "expiry_date"], name="consignment_alert_outlet")]

    def __str__(self):
        return f"{self.batch_id} {self.expiry_date}"
