from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from binaumkm.core import validators as v
from binaumkm.core.forms import AreaChoiceField, Form, KelurahanChoiceField, ModelForm
from binaumkm.core.models import Kecamatan
from binaumkm.core.money import RupiahField
from binaumkm.registry.models import Product

from . import conf, selectors, services
from .models import (
    BRAND_SUGGESTIONS,
    LetterStatus,
    Partnership,
    PartnershipForm,
    Store,
    StoreStatus,
    StoreType,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _no_html(value):
    if value:
        v.validate_no_html(value)
    return value


def _agreement_field():
    return forms.FileField(
        label=_("Perjanjian bertanda tangan (PDF)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Berkas PDF, paling besar 5 MB."),
    )  # fmt: skip


class AgreementMixin:
    def clean_agreement(self):
        upload = self.cleaned_data.get("agreement")
        if upload in (None, False) or not hasattr(upload, "read"):
            return None
        try:
            services.validate_agreement(upload)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict.get("agreement", exc.messages)) from exc
        return upload


class StoreForm(ModelForm):
    kelurahan = KelurahanChoiceField()

    class Meta:
        model = Store
        fields = services.STORE_FIELDS
        widgets = {
            "opened_on": DATE, "closed_on": DATE,
            "brand": forms.TextInput(attrs={"list": "brand-suggestions", "autocomplete": "off"}),
            "nib": forms.TextInput(attrs={"inputmode": "numeric"}),
        }  # fmt: skip
        help_texts = {
            "brand": _("Pilih dari saran atau ketik merek lain."),
            "permit_number": _("Izin Usaha Toko Modern (IUTM) atau izin usaha dari OSS."),
            "email": _("Untuk pemberitahuan surat peringatan."),
        }

    brand_suggestions = BRAND_SUGGESTIONS

    def validate_unique(self):
        """NIB collisions are reported by the service with a clear message."""

    def _get_validation_exclusions(self):
        # Date order is checked by the service, with a clear message per field.
        return {*super()._get_validation_exclusions(), "opened_on", "closed_on"}

    def clean_name(self):
        return _no_html(self.cleaned_data["name"])

    def clean_address(self):
        return _no_html(self.cleaned_data["address"])

    def clean_brand(self):
        return _no_html(self.cleaned_data["brand"].strip())

    def clean_nib(self):
        nib = self.cleaned_data.get("nib")
        return v.normalize_nib(nib) if nib else None


class StoreFilterForm(Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Nama, alamat atau izin")}))  # fmt: skip
    kecamatan = AreaChoiceField(label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False,
                                       empty_label=_("Semua kecamatan"))  # fmt: skip
    brand = forms.ChoiceField(label=_("Merek"), required=False)
    store_type = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *StoreType.choices]
    )
    state = forms.ChoiceField(label=_("Kepatuhan"), required=False,
                              choices=[("", _("Semua")), ("tidak", _("Belum patuh")), ("patuh", _("Patuh"))])  # fmt: skip
    status = forms.ChoiceField(label=_("Status toko"), required=False,
                               choices=[("", _("Buka")), (StoreStatus.CLOSED, _("Tutup")), ("semua", _("Semua"))])  # fmt: skip
    sort = forms.ChoiceField(
        label=_("Urutkan"), required=False,
        choices=[("", _("Lama tidak patuh")), ("mitra", _("Jumlah mitra")), ("nama", _("Nama toko")),
                 ("kecamatan", _("Kecamatan"))],
    )  # fmt: skip

    def __init__(self, *args, brands=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brand"].choices = [("", _("Semua merek")), *((b, b) for b in brands)]
        self._errors = None  # the Bootstrap mixin validated before the brand choices were known

    def filters(self) -> dict:
        """Valid filters only: a bad value in the query string is ignored, not a 500."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}


class ManagerForm(Form):
    full_name = forms.CharField(label=_("Nama pengelola"), max_length=150)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))  # fmt: skip
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean_full_name(self):
        return _no_html(self.cleaned_data["full_name"])

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return v.normalize_phone(phone, mobile_only=True) if phone else None

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and not self.errors:
            raise ValidationError(_("Isi nomor HP atau e-mail pengelola toko."))
        return data


class TermsMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("Tanggal selesai harus sesudah tanggal mulai."))
        if data.get("shelf"):
            try:
                _no_html(data["shelf"])
            except ValidationError as exc:
                self.add_error("shelf", exc)
        return data


class PartnershipCreateForm(AgreementMixin, TermsMixin, Form):
    business = forms.CharField(
        label=_("UMKM"), max_length=200,
        widget=forms.TextInput(attrs={"list": "business-options", "autocomplete": "off",
                                      "placeholder": _("Nomor UMKM, NIB atau nama")}),
        help_text=_("Ketik nama lalu pilih dari daftar, atau tulis nomor UMKM (UMKM-000123) atau NIB."),
    )  # fmt: skip
    form = forms.ChoiceField(label=_("Bentuk kemitraan"), choices=PartnershipForm.choices)
    shelf = forms.CharField(label=_("Rak / ruang pajang"), max_length=200, required=False)
    start_date = forms.DateField(label=_("Tanggal mulai"), widget=DATE)
    end_date = forms.DateField(label=_("Tanggal selesai"), widget=DATE, required=False)
    payment_days = forms.IntegerField(
        label=_("Jangka pembayaran (hari)"), min_value=0, max_value=365, required=False
    )
    listing_fee = RupiahField(label=_("Biaya pendaftaran produk per item (Rp)"), required=False)
    agreement = _agreement_field()
    running = forms.BooleanField(
        label=_("Kemitraan sudah berjalan (catat langsung sebagai aktif)"), required=False,
        help_text=_("Jika tidak dicentang, kemitraan menjadi tawaran yang harus diterima pemilik dan dikonfirmasi toko."),
    )  # fmt: skip
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)

    def __init__(self, *args, actor=None, **kwargs):
        self.actor = actor  # businesses are looked up among those the user may see
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate()
        self.fields["business"].widget.attrs.update({
            "hx-get": reverse("partnerships:business_search"), "hx-trigger": "keyup changed delay:300ms",
            "hx-target": "#business-options",
        })  # fmt: skip

    def clean_business(self):
        business = selectors.business_find(actor=self.actor, text=self.cleaned_data["business"])
        if business is None:
            raise ValidationError(
                _("UMKM tidak ditemukan. Tulis nomor UMKM (misalnya UMKM-000123) atau NIB.")
            )
        return business

    def clean_note(self):
        return _no_html(self.cleaned_data.get("note"))


class PartnershipEditForm(AgreementMixin, TermsMixin, ModelForm):
    listing_fee = RupiahField(label=_("Biaya pendaftaran produk per item (Rp)"), required=False)
    agreement = _agreement_field()

    class Meta:
        model = Partnership
        fields = [
            "form",
            "products",
            "shelf",
            "start_date",
            "end_date",
            "payment_days",
            "listing_fee",
            "note",
        ]
        widgets = {"start_date": DATE, "end_date": DATE, "products": forms.CheckboxSelectMultiple}

    def _get_validation_exclusions(self):
        # Date order is checked by the form and the service, with a clear message.
        return {*super()._get_validation_exclusions(), "start_date", "end_date"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = Product.objects.filter(
            business=self.instance.business_id
        ).order_by("name")
        self.fields["payment_days"].widget.attrs.update({"min": 0, "max": 365})

    def clean_payment_days(self):
        days = self.cleaned_data.get("payment_days")
        if days is not None and days > 365:
            raise ValidationError(_("Jangka pembayaran paling lama 365 hari."))
        return days

    def clean_note(self):
        return _no_html(self.cleaned_data.get("note"))


class ReasonForm(Form):
    reason = forms.CharField(label=_("Alasan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_reason(self):
        return _no_html(self.cleaned_data["reason"].strip())


class EndForm(ReasonForm):
    end_date = forms.DateField(label=_("Tanggal berakhir"), widget=DATE)
    field_order = ["end_date", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = timezone.localdate()
        self.fields["reason"].label = _("Alasan kemitraan diakhiri")


class ConfirmForm(AgreementMixin, Form):
    shelf = forms.CharField(label=_("Rak / ruang pajang"), max_length=200, required=False,
                            help_text=_("Misalnya: rak produk lokal dekat kasir."))  # fmt: skip
    display_ready = forms.BooleanField(
        label=_("Produk sudah dipajang mulai hari ini"), required=False, initial=True
    )
    agreement = _agreement_field()

    def clean_shelf(self):
        return _no_html(self.cleaned_data.get("shelf"))


class AgreementForm(AgreementMixin, Form):
    agreement = _agreement_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].required = True


class LetterForm(Form):
    deadline = forms.DateField(label=_("Batas waktu"), widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline"].help_text = gettext(
            "Kosongkan untuk memakai batas waktu baku (%(days)d hari)."
        ) % {"days": conf.LETTER_DEADLINE_DAYS}


class LetterStatusForm(Form):
    status = forms.ChoiceField(label=_("Tindak lanjut"),
                               choices=[(LetterStatus.ANSWERED, _("Dijawab toko")), (LetterStatus.RESOLVED, _("Selesai"))])  # fmt: skip
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)

    def clean_note(self):
        return _no_html(self.cleaned_data.get("note") or "")


class OfferBulkForm(Form):
    form = forms.ChoiceField(label=_("Bentuk kemitraan"), choices=PartnershipForm.choices,
                             initial=PartnershipForm.CONSIGNMENT)  # fmt: skip
    start_date = forms.DateField(label=_("Rencana mulai"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["start_date"].initial = timezone.localdate()
