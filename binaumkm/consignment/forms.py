"""Forms for consignment pages. Rules live in the services; forms parse and re-show what was typed."""

import datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from binaumkm.core import validators as v
from binaumkm.core.forms import Form, KelurahanChoiceField, ModelForm
from binaumkm.core.money import RupiahField

from . import conf
from .models import Agreement, Outlet, StockEntry
from .services.settlement import period_bounds

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PercentField(forms.Field):
    """A percentage typed as '20', '17,5' or '17.5 %', cleaned to integer basis points (1750)."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("maxlength", "8")

    def prepare_value(self, value):
        if isinstance(value, int):
            whole, frac = divmod(value, 100)
            return f"{whole}" if not frac else f"{whole},{frac:02d}".rstrip("0")
        return value

    def to_python(self, value):
        text = str(value or "").strip().rstrip("%").strip().replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(_("Tulis persentase dengan angka, misalnya 20 atau 17,5.")) from None
        if not number.is_finite() or number < 0 or number > 100:
            raise ValidationError(_("Persentase harus antara 0 dan 100."))
        basis_points = number * 100
        if basis_points != basis_points.to_integral_value():
            raise ValidationError(_("Paling banyak dua angka di belakang koma."))
        return int(basis_points)


class QuantityField(forms.IntegerField):
    # A text box with the phone's number pad: "pattern" is not allowed on type=number, and a
    # number box changes its value when the page is scrolled over it.
    widget = forms.TextInput

    def __init__(self, *args, signed=False, **kwargs):
        kwargs.setdefault("min_value", None if signed else 1)
        kwargs.setdefault("max_value", conf.MAX_QUANTITY)
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "pattern": "-?[0-9]*" if signed else "[0-9]*"})
        self.error_messages["invalid"] = _("Isi bilangan bulat.")
        if not signed:
            self.error_messages["min_value"] = _("Jumlah harus lebih dari nol.")


def _not_future(day):
    if day and day > timezone.localdate():
        raise ValidationError(_("Tanggal tidak boleh di masa depan."))
    return day


class OutletForm(ModelForm):
    kelurahan = KelurahanChoiceField()
    commission_bp = PercentField(
        label=_("Komisi bawaan (%)"), help_text=_("Persentase dari penjualan untuk outlet.")
    )

    class Meta:
        model = Outlet
        fields = [
            "name", "kind", "star_rating", "address", "kelurahan", "contact_name", "contact_phone", "contact_email",
            "commission_bp", "settlement_period", "is_active",
        ]  # fmt: skip
        widgets = {"star_rating": forms.Select(choices=[("", "–"), *[(n, "★" * n) for n in range(1, 6)]]),
                   "contact_phone": forms.TextInput(attrs={"inputmode": "tel"})}  # fmt: skip
        help_texts = {"star_rating": _("Hanya untuk hotel.")}

    def clean_contact_phone(self):
        phone = self.cleaned_data.get("contact_phone")
        return v.normalize_phone(phone) if phone else ""

    def clean(self):
        data = super().clean()
        for name in ("name", "address", "contact_name"):
            if data.get(name):
                try:
                    v.validate_no_html(data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data


class PartnerForm(Form):
    full_name = forms.CharField(label=_("Nama"), max_length=150)
    phone = forms.CharField(label=_("Nomor HP (untuk masuk)"), max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))  # fmt: skip
    email = forms.EmailField(label=_("E-mail (tidak wajib)"), required=False)

    def clean_phone(self):
        return v.normalize_phone(self.cleaned_data["phone"], mobile_only=True)


class AgreementForm(ModelForm):
    commission_bp = PercentField(label=_("Komisi outlet (%)"), required=False,
                                 help_text=_("Kosongkan untuk memakai komisi bawaan outlet."))  # fmt: skip
    expiry_discount_bp = PercentField(label=_("Diskon mendekati kedaluwarsa (%)"), required=False)

    class Meta:
        model = Agreement
        fields = ["commission_bp", "starts_on", "ends_on", "expiry_handling", "expiry_discount_bp", "notes"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def clean_expiry_discount_bp(self):
        return self.cleaned_data.get("expiry_discount_bp") or 0

    def _post_clean(self):
        """Model validation happens in the service (it knows the outlet's default commission)."""


class DynamicFieldsMixin:
    """Forms whose fields depend on data. core's Bootstrap mixin validates inside ``__init__`` (to mark
    invalid fields), so extra fields must exist before that: they go into an instance ``base_fields``."""

    def set_fields(self, extra: dict) -> None:
        self.base_fields = {**type(self).base_fields, **extra}


class AgreementItemForm(DynamicFieldsMixin, Form):
    price = RupiahField(label=_("Harga jual di outlet"), help_text=_("Harga eceran untuk pembeli di outlet."))
    is_active = forms.BooleanField(label=_("Diterima outlet"), required=False, initial=True)
    field_order = ["product", "price", "is_active"]

    def __init__(self, *args, business, **kwargs):
        products = business.products.filter(is_active=True).order_by("name")
        self.set_fields(
            {
                "product": forms.ModelChoiceField(
                    queryset=products, label=_("Produk"), empty_label=_("— pilih produk —")
                )
            }
        )
        super().__init__(*args, **kwargs)


class DeliveryForm(DynamicFieldsMixin, Form):
    """The delivery note: one row (quantity, expiry) per product accepted under the agreement."""

    delivered_on = forms.DateField(label=_("Tanggal titip"), widget=DATE, validators=[_not_future])
    sender_name = forms.CharField(label=_("Diserahkan oleh (pihak UMKM)"), max_length=150)
    receiver_name = forms.CharField(label=_("Diterima oleh (pihak outlet)"), max_length=150)
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)

    def __init__(self, *args, items, **kwargs):
        self.items = list(items)
        extra = {}
        for item in self.items:
            extra[f"qty_{item.pk}"] = QuantityField(label=item.product.name, required=False)
            extra[f"exp_{item.pk}"] = forms.DateField(label=_("Kedaluwarsa"), required=False, widget=DATE)
        self.set_fields(extra)
        super().__init__(*args, **kwargs)

    def rows(self):
        return [(item, self[f"qty_{item.pk}"], self[f"exp_{item.pk}"]) for item in self.items]

    def lines(self):
        """[(item, quantity, expiry)] for the rows with a quantity, and the field name per line."""
        lines, names = [], []
        for item in self.items:
            quantity = self.cleaned_data.get(f"qty_{item.pk}")
            if quantity:
                lines.append((item, quantity, self.cleaned_data.get(f"exp_{item.pk}")))
                names.append(f"qty_{item.pk}")
        return lines, names


class SalesForm(DynamicFieldsMixin, Form):
    """Phone-friendly sales entry: a date and a quantity per product in stock."""

    sold_on = forms.DateField(label=_("Tanggal terjual"), widget=DATE)

    def __init__(self, *args, products, **kwargs):
        kwargs.setdefault("initial", {"sold_on": timezone.localdate()})
        self.products = list(products)
        extra = {}
        for row in self.products:
            field = QuantityField(label=row["product__name"], required=False)
            field.widget.attrs.update({"placeholder": "0", "class": "text-end"})
            extra[f"qty_{row['product_id']}"] = field
        self.set_fields(extra)
        super().__init__(*args, **kwargs)

    def rows(self):
        return [(row, self[f"qty_{row['product_id']}"]) for row in self.products]

    def items(self):
        return [
            (f"qty_{row['product_id']}", row["product_id"], self.cleaned_data[f"qty_{row['product_id']}"])
            for row in self.products
            if self.cleaned_data.get(f"qty_{row['product_id']}")
        ]


class ReturnForm(Form):
    quantity = QuantityField(label=_("Jumlah dikembalikan"))
    returned_on = forms.DateField(label=_("Tanggal retur"), widget=DATE, validators=[_not_future])
    reason_code = forms.ChoiceField(label=_("Alasan"), choices=StockEntry.ReturnReason.choices)
    note = forms.CharField(label=_("Keterangan"), max_length=500, required=False)


class AdjustmentForm(Form):
    quantity = QuantityField(label=_("Selisih (negatif bila barang kurang)"), signed=True,
                             min_value=-conf.MAX_QUANTITY)  # fmt: skip
    counted_on = forms.DateField(label=_("Tanggal hitung"), widget=DATE, validators=[_not_future])
    reason = forms.CharField(label=_("Alasan"), max_length=500)


class ReasonForm(Form):
    reason = forms.CharField(label=_("Alasan"), max_length=500)


def period_choices(outlet: Outlet, *, count: int = 12) -> list[tuple[str, str]]:
    """The outlet's last ``count`` ended periods, newest first, as (start ISO date, label)."""
    choices = []
    day = period_bounds(outlet.settlement_period, timezone.localdate())[0] - datetime.timedelta(days=1)
    for _i in range(count):
        start, end = period_bounds(outlet.settlement_period, day)
        if outlet.settlement_period == Outlet.Period.MONTHLY:
            label = date_format(start, "F Y")
        else:
            label = f"{date_format(start, 'j M Y')} – {date_format(end, 'j M Y')}"
        choices.append((start.isoformat(), label))
        day = start - datetime.timedelta(days=1)
    return choices


class SettlementForm(DynamicFieldsMixin, Form):
    def __init__(self, *args, outlet, **kwargs):
        self.outlet = outlet
        self.set_fields({"period": forms.ChoiceField(label=_("Periode"), choices=period_choices(outlet))})
        super().__init__(*args, **kwargs)

    def bounds(self):
        start = datetime.date.fromisoformat(self.cleaned_data["period"])
        return period_bounds(self.outlet.settlement_period, start)


class PaymentForm(Form):
    paid_on = forms.DateField(label=_("Tanggal bayar"), widget=DATE)
    reference = forms.CharField(label=_("Referensi pembayaran"), max_length=100,
                                help_text=_("Nomor transfer atau kuitansi."))  # fmt: skip

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"paid_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class UploadForm(Form):
    file = forms.FileField(
        label=_("Berkas Excel (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )


class OutletFilterForm(Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua")), *Outlet.Kind.choices]
    )


class ReportFilterForm(Form):
    outlet = forms.ModelChoiceField(queryset=Outlet.objects.order_by("name"), required=False, label=_("Outlet"),
                                    empty_label=_("Semua outlet"))  # fmt: skip
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("Tanggal akhir sebelum tanggal awal."))
        return data
