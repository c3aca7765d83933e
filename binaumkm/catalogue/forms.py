"""Input validation of the catalogue's pages (messages in Indonesian)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import Form
from binaumkm.core.models import Kecamatan
from binaumkm.core.money import RupiahField
from binaumkm.registry.choices import KbliSection, ProductCategory, ProductUnit, SizeClass
from binaumkm.registry.platforms import Platform

from .badges import KINDS


class SearchForm(Form):
    q = forms.CharField(label=_("Cari produk"), max_length=100, required=False)
    category = forms.ChoiceField(
        label=_("Kategori"), required=False, choices=[("", _("Semua kategori")), *ProductCategory.choices]
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"),
        required=False,
        queryset=Kecamatan.objects.order_by("name"),
        empty_label=_("Semua kecamatan"),
    )
    price_min = RupiahField(label=_("Harga dari"), required=False)
    price_max = RupiahField(label=_("Harga sampai"), required=False)
    badges = forms.MultipleChoiceField(
        label=_("Legalitas"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(key, label) for key, label, _number, _expiry in KINDS],
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": _("mis. batik, kopi, blangkon")}
        )

    def clean(self):
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", _("Harga sampai harus lebih besar dari harga dari."))
        return data

    def filters(self) -> dict:
        """The filters of a valid form (an invalid one filters nothing it could not read)."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": data.get("q", ""),
            "category": data.get("category", ""),
            "kecamatan": data["kecamatan"].pk if data.get("kecamatan") else None,
            "price_min": data.get("price_min"),
            "price_max": data.get("price_max"),
            "badges": data.get("badges") or [],
        }


def check_shop_url(value: str) -> str:
    """A http(s) address with a host; anything else (javascript:, data:, a bare word) is refused."""
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Tulis alamat lengkap yang diawali https://."), code="url")
    return value


class ListingForm(Form):
    name = forms.CharField(label=_("Nama produk"), max_length=150)
    category = forms.ChoiceField(label=_("Kategori"), choices=ProductCategory.choices)
    price = RupiahField(label=_("Harga (Rp)"))
    unit = forms.ChoiceField(label=_("Satuan"), choices=ProductUnit.choices)
    description = forms.CharField(
        label=_("Deskripsi"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    marketplace_url = forms.URLField(
        label=_("Tautan toko online produk ini"), required=False, assume_scheme="https",
        help_text=_("Shopee, Tokopedia, atau situs Anda; diawali https://."),
    )  # fmt: skip
    photo = forms.FileField(
        label=_("Foto produk"), required=False,
        help_text=_("JPEG, PNG atau WebP, maksimal 5 MB. Data lokasi di foto dihapus otomatis."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )  # fmt: skip

    def clean_marketplace_url(self):
        return check_shop_url(self.cleaned_data.get("marketplace_url", ""))


class ListingCreateForm(ListingForm):
    product = forms.ChoiceField(label=_("Produk dari data usaha Anda"))
    field_order = ["product"]

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].choices = [("", _("Pilih produk")), *((p.pk, p.name) for p in products)]
        for name in ("name", "category", "price", "unit"):
            self.fields[name].required = False
            self.fields[name].help_text = _("Kosongkan untuk memakai data produk.")


class ConsentForm(Form):
    given = forms.BooleanField(
        label=_("Tampilkan produk saya yang lolos kurasi di katalog publik"), required=False
    )
    whatsapp = forms.CharField(
        label=_("Nomor WhatsApp untuk pembeli (boleh kosong)"), max_length=20, required=False,
        help_text=_("Hanya ditampilkan bila diisi. Kosongkan bila tidak ingin dihubungi lewat WhatsApp."),
    )  # fmt: skip


class RevisionForm(Form):
    reason = forms.CharField(
        label=_("Yang perlu diperbaiki"), max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mis. foto buram, nama tidak jelas, harga tidak wajar, nomor P-IRT belum ada."),
    )  # fmt: skip


class AdoptionFilterForm(Form):
    """The adoption report's filters and grouping; a bad value in the query string is ignored."""

    group_by = forms.ChoiceField(
        label=_("Kelompokkan per"), required=False,
        choices=[("kecamatan", _("Kecamatan")), ("sector", _("Sektor")), ("size_class", _("Skala usaha")),
                 ("platform", _("Platform"))],
    )  # fmt: skip
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.all(),
        required=False,
        empty_label=_("Semua kecamatan"),
    )
    sector = forms.ChoiceField(
        label=_("Sektor"), required=False, choices=[("", _("Semua sektor")), *KbliSection.choices]
    )
    size_class = forms.ChoiceField(
        label=_("Skala"), required=False, choices=[("", _("Semua skala")), *SizeClass.choices]
    )
    platform = forms.ChoiceField(
        label=_("Platform"), required=False, choices=[("", _("Semua platform")), *Platform.choices]
    )

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
