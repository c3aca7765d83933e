import datetime

from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core import validators as v
from binaumkm.core.forms import AreaChoiceField, Form, KelurahanChoiceField, ModelForm, MonthField, _FormBase
from binaumkm.core.masking import mask_nik
from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.core.money import RupiahField

from .choices import BusinessStatus, Gender, KbliSection, SizeClass, Verification
from .models import Business, Owner, Product
from .services import BUSINESS_FIELDS, OWNER_FIELDS, nib_collision_message

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CleanIdentifiersMixin(_FormBase):
    """Normalises NIK, NIB, phone and licence numbers the same way in every form and the import."""

    NORMALIZERS = {
        "nik": v.normalize_nik,
        "nib": v.normalize_nib,
        "phone": lambda x: v.normalize_phone(x, mobile_only=True),
        "whatsapp": lambda x: v.normalize_phone(x, mobile_only=True),
        "pirt_number": v.normalize_pirt,
        "bpom_number": v.normalize_bpom,
        "halal_number": v.normalize_halal,
    }
    TEXT_FIELDS = ("full_name", "name", "address", "description", "instagram", "tiktok", "facebook")

    def _clean_fields(self):
        super()._clean_fields()  # type: ignore[misc]
        for name, normalize in self.NORMALIZERS.items():
            if name in self.cleaned_data and self.cleaned_data[name] not in (None, ""):
                try:
                    self.cleaned_data[name] = normalize(self.cleaned_data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        for name in self.TEXT_FIELDS:
            if self.cleaned_data.get(name):
                try:
                    v.validate_no_html(self.cleaned_data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)


class OwnerForm(CleanIdentifiersMixin, ModelForm):
    class Meta:
        model = Owner
        fields = OWNER_FIELDS
        widgets = {"nik": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                   "phone": forms.TextInput(attrs={"inputmode": "tel"})}  # fmt: skip
        help_texts = {
            "nik": _("16 digit sesuai KTP."),
            "phone": _("Nomor HP aktif, misalnya 0812 3456 7890."),
        }

    def validate_unique(self):
        """The NIK collision message names the existing owner: the service raises it."""


class OwnerEditForm(OwnerForm):
    """Staff correct an owner's data. The form never shows the full NIK (opening it would be a
    logged disclosure on every visit): a new NIK is typed only when it must change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["nik"] = ""
        field = self.fields["nik"]
        field.required = False
        field.label = _("NIK baru")
        field.help_text = _("Kosongkan bila tidak berubah. NIK sekarang: %(nik)s.") % {
            "nik": mask_nik(self.instance.nik)
        }


class SignupForm(CleanIdentifiersMixin, Form):
    full_name = forms.CharField(label=_("Nama lengkap (sesuai KTP)"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))  # fmt: skip
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, help_text=_("Dipakai untuk masuk. Contoh: 0812 3456 7890."),
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))  # fmt: skip
    email = forms.EmailField(label=_("E-mail (tidak wajib)"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))  # fmt: skip
    nik = forms.CharField(label=_("NIK"), max_length=20, help_text=_("16 digit sesuai KTP."),
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))  # fmt: skip
    gender = forms.ChoiceField(label=_("Jenis kelamin"), choices=Gender.choices, widget=forms.RadioSelect)
    password = forms.CharField(label=_("Kata sandi"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=_("Minimal 8 karakter, jangan hanya angka."))  # fmt: skip
    password_again = forms.CharField(label=_("Ulangi kata sandi"),
                                     widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))  # fmt: skip
    consent = forms.BooleanField(
        label=_(
            "Saya setuju data saya diproses oleh dinas untuk pembinaan UMKM sesuai UU Pelindungan Data Pribadi."
        )
    )

    def clean(self):
        data = super().clean() or self.cleaned_data
        password = data.get("password")
        if password and data.get("password_again") and password != data["password_again"]:
            self.add_error("password_again", _("Kedua kata sandi tidak sama."))
        elif password:
            try:
                validate_password(password)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class ClaimForm(CleanIdentifiersMixin, Form):
    """The NIK and the one-time code from the registration slip staff printed."""

    nik = forms.CharField(label=_("NIK"), max_length=20, help_text=_("16 digit sesuai KTP."),
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))  # fmt: skip
    code = forms.CharField(label=_("Kode klaim"), max_length=20,
                           help_text=_("Tertulis di slip pendaftaran dari dinas, misalnya K7MX4-PQ2RT."),
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))  # fmt: skip


class ClaimAccountForm(SignupForm):
    """The new account of someone claiming their record without being signed in: the sign-up form
    without the personal fields, which come from the record staff made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "nik", "gender"):
            del self.fields[name]


class BusinessForm(CleanIdentifiersMixin, ModelForm):
    """Business data. Owners get the same form without the staff-only field (binaan since)."""

    capital = RupiahField(label=_("Modal usaha (Rp)"), required=False,
                          help_text=_("Di luar tanah dan bangunan tempat usaha."))  # fmt: skip
    annual_sales = RupiahField(label=_("Penjualan tahunan (Rp)"), required=False)
    kelurahan = KelurahanChoiceField()

    class Meta:
        model = Business
        fields = BUSINESS_FIELDS
        widgets = {
            "binaan_since": DATE, "pirt_expiry": DATE, "halal_expiry": DATE, "bpom_expiry": DATE,
            "nib": forms.TextInput(attrs={"inputmode": "numeric"}),
            "whatsapp": forms.TextInput(attrs={"inputmode": "tel"}),
            "kbli_code": forms.TextInput(attrs={"inputmode": "numeric"}),
        }  # fmt: skip
        help_texts = {
            "nib": _("13 digit dari OSS, jika sudah punya."),
            "kbli_code": _("5 digit, jika diketahui."),
            "instagram": _("Nama akun, misalnya @batiksolo."),
        }

    FIELD_GROUPS = [
        (_("Data usaha"), "", ["name", "nib", "address", "kelurahan", "kbli_section", "kbli_code", "year_founded",
                               "employees", "binaan_since"]),
        (_("Skala usaha"), _("Skala (mikro/kecil/menengah) dihitung menurut PP 7/2021: usaha yang berdiri sejak 2021 "
                             "dari modal usaha, usaha yang lebih lama dari penjualan tahunan."), ["capital", "annual_sales"]),
        (_("Jualan online dan kontak"), "", ["whatsapp", "instagram", "tiktok", "facebook"]),
        (_("Izin dan sertifikat"), "", ["pirt_number", "pirt_expiry", "halal_number", "halal_expiry", "bpom_number",
                                        "bpom_expiry"]),
    ]  # fmt: skip

    def field_groups(self):
        return [
            (legend, note, [self[n] for n in names if n in self.fields])
            for legend, note, names in self.FIELD_GROUPS
        ]

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["binaan_since"]
        self.fields["year_founded"].widget.attrs.update({"min": 1900, "max": timezone.localdate().year})

    def validate_unique(self):
        """NIB collisions are reported with the colliding business in clean_nib."""

    def clean_year_founded(self):
        year = self.cleaned_data.get("year_founded")
        if year is not None and not (1900 <= year <= timezone.localdate().year):
            raise ValidationError(_("Tahun berdiri harus antara 1900 dan tahun ini."))
        return year

    def clean(self):
        data = super().clean() or self.cleaned_data
        nib = data.get("nib")
        if nib:
            other = Business.objects.filter(nib=nib).exclude(pk=self.instance.pk).first()
            if other:
                self.add_error("nib", nib_collision_message(other))
        else:
            data["nib"] = None
        if data.get("kbli_code") and data.get("kbli_section") and "kbli_code" not in self.errors:
            try:
                data["kbli_code"] = v.normalize_kbli(data["kbli_code"], section=data["kbli_section"])
            except ValidationError as exc:
                self.add_error("kbli_code", exc)
        if data.get("capital") is None and data.get("annual_sales") is None:
            self.add_error(
                "annual_sales", _("Isi penjualan tahunan atau modal usaha untuk menentukan skala usaha.")
            )
        return data


class ProductForm(CleanIdentifiersMixin, ModelForm):
    price = RupiahField(label=_("Harga (Rp)"))

    class Meta:
        model = Product
        fields = ["name", "category", "description", "price", "unit", "photo", "pirt_number", "bpom_number",
                  "halal_number", "is_active"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        limit = settings.BINAUMKM["PRODUCT_PHOTO_MAX_BYTES"]
        if photo and hasattr(photo, "size") and photo.size > limit:
            raise ValidationError(
                _("Foto terlalu besar (maksimal %(mb)d MB).") % {"mb": limit // (1024 * 1024)}
            )
        if photo and getattr(photo, "content_type", None) and photo.content_type not in (
            "image/jpeg", "image/png", "image/webp"
        ):  # fmt: skip
            raise ValidationError(_("Foto harus berformat JPG, PNG atau WebP."))
        return photo


class TurnoverForm(Form):
    period = MonthField(label=_("Bulan"))
    turnover = RupiahField(label=_("Omzet bulan itu (Rp)"))

    def clean_period(self):
        period = self.cleaned_data["period"]
        if period > timezone.localdate().replace(day=1):
            raise ValidationError(_("Omzet hanya bisa dilaporkan untuk bulan ini atau bulan yang lalu."))
        if period < datetime.date(2000, 1, 1):
            raise ValidationError(_("Bulan terlalu lama."))
        return period


class BusinessFilterForm(Form):
    q = forms.CharField(label=_("Cari"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"placeholder": _("Nama usaha, NIB atau UMKM-000123"), "type": "search"}))  # fmt: skip
    # Owner names are personal data: searched only when asked for (and only those the actor may see).
    cari_di = forms.ChoiceField(label=_("Cari di"), required=False,
                                choices=[("usaha", _("Usaha (nama, NIB, Instagram)")), ("pemilik", _("Nama pemilik"))])  # fmt: skip
    kecamatan = AreaChoiceField(label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False,
                                       empty_label=_("Semua kecamatan"))  # fmt: skip
    kelurahan = AreaChoiceField(label=_("Kelurahan"), queryset=Kelurahan.objects.all(), required=False,
                                       empty_label=_("Semua kelurahan"))  # fmt: skip
    kbli_section = forms.ChoiceField(label=_("Sektor"), required=False,
                                     choices=[("", _("Semua sektor")), *KbliSection.choices])  # fmt: skip
    size_class = forms.ChoiceField(
        label=_("Skala"), required=False, choices=[("", _("Semua skala")), *SizeClass.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *BusinessStatus.choices]
    )
    verification = forms.ChoiceField(label=_("Verifikasi"), required=False,
                                     choices=[("", _("Semua")), *Verification.choices])  # fmt: skip

    def filters(self) -> dict:
        """Valid filters only: a bad value in the query string is ignored, not a 500."""
        if not self.is_valid():
            return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
        return {k: v for k, v in self.cleaned_data.items() if v}


class RejectForm(Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatusForm(Form):
    status = forms.ChoiceField(label=_("Status usaha"), choices=BusinessStatus.choices)
    reason = forms.CharField(label=_("Keterangan"), max_length=500, required=False)


class MapMetricForm(Form):
    """Which figure the map of the city shows: one of the metrics the modules offer (``map_metrics``)."""

    metrik = forms.ChoiceField(label=_("Tampilkan"), required=False)

    def __init__(self, *args, metrics: dict, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["metrik"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(key, metric.label) for key, metric in metrics.items()]
        self.metrics = metrics

    def metric(self):
        """The chosen metric; an unknown value in the query string shows the first, not a 500."""
        key = self.cleaned_data.get("metrik") if self.is_valid() else None
        return self.metrics.get(key) or next(iter(self.metrics.values()))
