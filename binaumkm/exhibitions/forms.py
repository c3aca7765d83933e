"""Input validation of the exhibition pages: normalise, bounds, messages in Indonesian. The rules
themselves (states, plans, licences, who may act) are the services'."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import Form, KelurahanChoiceField, ModelForm
from binaumkm.core.money import RupiahField
from binaumkm.core.validators import validate_no_html
from binaumkm.registry.choices import ProductCategory

from .models import Exhibition, Status, Venue
from .services.setup import EXHIBITION_FIELDS, locked_fields

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
CHECKS = forms.CheckboxSelectMultiple


def _plain(value: str) -> str:
    validate_no_html(value)
    return value


class ExhibitionForm(ModelForm):
    co_hosts_text = forms.CharField(
        label=_("Penyelenggara bersama"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu per baris, misalnya Bank Indonesia Solo, Pemerintah Provinsi Jawa Tengah."),
    )  # fmt: skip
    target_sectors = forms.MultipleChoiceField(
        label=_("Sektor sasaran (kosong = semua)"),
        choices=ProductCategory.choices,
        required=False,
        widget=CHECKS,
    )

    class Meta:
        model = Exhibition
        fields = [f for f in EXHIBITION_FIELDS if f not in ("co_hosts", "target_sectors")]
        widgets = {
            "call_opens_at": DATETIME, "call_closes_at": DATETIME,
            "description": forms.Textarea(attrs={"rows": 3}),
        }  # fmt: skip
        help_texts = {
            "kecamatan_quota_percent": _("Bagian booth yang disediakan per kecamatan, sebanding dengan UMKM binaan "
                                         "yang memenuhi syarat di kecamatan itu."),
            "sector_quota_percent": _("Bagian booth yang dibagi rata untuk setiap sektor sasaran."),
            "rotation_months": _("Yang ikut pameran dinas dalam sekian bulan terakhir ditempatkan terakhir (0 = tanpa rotasi)."),
            "curation_threshold": _("Pendaftar dengan nilai kurasi di bawah angka ini tidak ikut undian (0 = tanpa batas)."),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("co_hosts_text", "\n".join(self.instance.co_hosts or []))
            self.initial.setdefault("target_sectors", self.instance.target_sectors or [])
        for name in ("kecamatan_quota_percent", "sector_quota_percent", "curation_threshold"):
            self.fields[name].widget.attrs.update(min=0, max=100)
        self.fields["rotation_months"].widget.attrs.update(min=0, max=60)
        for name in locked_fields(self.instance):  # shown, not editable: the stage has fixed them
            self.fields[name].disabled = True

    def clean_co_hosts_text(self):
        lines = [
            _plain(line.strip()[:150])
            for line in self.cleaned_data.get("co_hosts_text", "").splitlines()
            if line.strip()
        ]
        if len(lines) > 10:
            raise ValidationError(_("Paling banyak 10 penyelenggara bersama."))
        return lines

    def clean(self):
        data = super().clean()
        for field in ("kecamatan_quota_percent", "sector_quota_percent", "curation_threshold"):
            if data.get(field) is not None and not 0 <= data[field] <= 100:
                self.add_error(field, _("Isi angka 0 sampai 100."))
        if data.get("rotation_months") is not None and data["rotation_months"] > 60:
            self.add_error("rotation_months", _("Paling lama 60 bulan."))
        opens, closes = data.get("call_opens_at"), data.get("call_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("call_closes_at", _("Penutupan pendaftaran harus sesudah pembukaannya."))
        data["co_hosts"] = data.pop("co_hosts_text", [])
        for name in locked_fields(self.instance):  # kept exactly as stored (widgets drop seconds)
            data[name] = getattr(self.instance, name)
        return data

    def _post_clean(self):
        # The service applies the values and checks the rules with its own messages.
        pass


class VenueForm(ModelForm):
    kelurahan = KelurahanChoiceField(required=False)

    class Meta:
        model = Venue
        fields = ["name", "address", "kelurahan", "start_date", "end_date", "columns", "rows"]
        widgets = {"start_date": DATE, "end_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("columns", "rows"):
            self.fields[name].widget.attrs.update(min=1, max=40)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        for name in ("columns", "rows"):
            if data.get(name) is not None and not 1 <= data[name] <= 40:
                self.add_error(name, _("Isi 1 sampai 40 petak."))
        for name in ("name", "address"):
            if data.get(name):
                try:
                    validate_no_html(data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data

    def _post_clean(self):
        pass


class CategoryForm(Form):
    name = forms.CharField(label=_("Nama kategori"), max_length=80)
    size = forms.CharField(label=_("Ukuran"), max_length=30, initial="3 × 3 m")
    zone = forms.CharField(label=_("Zona"), max_length=60, required=False)
    fee = RupiahField(label=_("Biaya sewa (Rp)"), required=False)
    electricity_watts = forms.IntegerField(
        label=_("Listrik (watt)"), min_value=0, max_value=100_000, initial=0
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sektor zona (kosong = semua)"),
        choices=ProductCategory.choices,
        required=False,
        widget=CHECKS,
    )

    def clean(self):
        data = super().clean()
        data["fee"] = data.get("fee") or 0
        for name in ("name", "size", "zone"):
            if data.get(name):
                try:
                    validate_no_html(data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)
        return data


class BoothForm(Form):
    """Column and row are counted from 1 on the page, from 0 in the database."""

    category = forms.ModelChoiceField(label=_("Kategori"), queryset=None, empty_label=None)
    code = forms.CharField(label=_("Kode"), max_length=12)
    column = forms.IntegerField(label=_("Kolom"), min_value=1, max_value=40)
    row = forms.IntegerField(label=_("Baris"), min_value=1, max_value=40)
    width = forms.IntegerField(label=_("Lebar (petak)"), min_value=1, max_value=10, initial=1)
    height = forms.IntegerField(label=_("Tinggi (petak)"), min_value=1, max_value=10, initial=1)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories

    def booth_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["x"], data["y"] = data.pop("column") - 1, data.pop("row") - 1
        return data


class CriterionForm(Form):
    name = forms.CharField(label=_("Kriteria"), max_length=100)
    weight = forms.IntegerField(label=_("Bobot (1–10)"), min_value=1, max_value=10, initial=1)


class CuratorForm(Form):
    user = forms.ModelChoiceField(label=_("Kurator"), queryset=None, empty_label=_("— pilih akun —"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        from binaumkm.accounts.models import User

        self.fields["user"].queryset = User.objects.filter(pk__in=[u.pk for u in candidates])
        self.fields["user"].label_from_instance = lambda u: u.display_name


class BudgetLineForm(Form):
    activity_code = forms.CharField(
        label=_("Kode kegiatan"), max_length=40, help_text=_("Misalnya 2.17.02.2.01.0001")
    )
    account_code = forms.CharField(
        label=_("Kode rekening"), max_length=40, help_text=_("Misalnya 5.1.02.01.01.0024")
    )
    description = forms.CharField(label=_("Uraian"), max_length=200)
    planned = RupiahField(label=_("Pagu (Rp)"))


class RealisationForm(Form):
    amount = RupiahField(label=_("Jumlah (Rp)"))
    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    description = forms.CharField(label=_("Keterangan"), max_length=200, required=False)
    evidence = forms.FileField(
        label=_("Bukti (kuitansi: PDF, JPEG atau PNG)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )  # fmt: skip
    override = forms.BooleanField(label=_("Setujui melebihi pagu"), required=False)
    reason = forms.CharField(
        label=_("Alasan melebihi pagu"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PhotoForm(Form):
    image = forms.FileField(
        label=_("Foto (JPEG atau PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    caption = forms.CharField(label=_("Keterangan"), max_length=200, required=False)


class ApplicationForm(Form):
    """An owner applies from their phone: which business, the products they bring, wishes."""

    business = forms.ModelChoiceField(
        label=_("Usaha yang mendaftar"), queryset=None, empty_label=None,
        error_messages={"invalid_choice": _("Pilih salah satu usaha Anda sendiri.")},
    )  # fmt: skip
    products = forms.ModelMultipleChoiceField(
        label=_("Produk yang dibawa"), queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sekurangnya satu produk."),
                        "invalid_choice": _("Pilih produk dari usaha Anda sendiri.")},
    )  # fmt: skip
    preferred_venue = forms.ModelChoiceField(
        label=_("Tempat yang diinginkan"), queryset=None, required=False, empty_label=_("Di mana saja")
    )
    needs_electricity = forms.BooleanField(label=_("Butuh listrik"), required=False)
    note = forms.CharField(
        label=_("Catatan untuk panitia"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, businesses, products, venues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business"].queryset = businesses
        self.fields["products"].queryset = products
        self.fields["products"].label_from_instance = lambda p: f"{p.name} ({p.get_category_display()})"
        self.fields["preferred_venue"].queryset = venues
        if venues.count() <= 1:
            del self.fields["preferred_venue"]

    def clean(self):
        data = super().clean()
        business, products = data.get("business"), data.get("products") or []
        if business and any(p.business_id != business.pk for p in products):
            self.add_error("products", _("Pilih produk dari usaha yang mendaftar."))
        if data.get("note"):
            try:
                validate_no_html(data["note"])
            except ValidationError as exc:
                self.add_error("note", exc)
        return data


SCORES = [(str(n), str(n)) for n in range(1, 6)]


class ReviewForm(Form):
    """One 1–5 choice per criterion of the exhibition, and a comment."""

    comment = forms.CharField(
        label=_("Catatan kurator"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"c{criterion.pk}"] = forms.TypedChoiceField(
                label=_("%(name)s (bobot %(w)d)") % {"name": criterion.name, "w": criterion.weight},
                choices=SCORES, coerce=int, widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                error_messages={"required": _("Beri nilai 1 sampai 5.")},
            )  # fmt: skip
        self.order_fields([f"c{c.pk}" for c in self.criteria] + ["comment"])

    def scores(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"c{c.pk}"] for c in self.criteria}


class SalesForm(Form):
    date = forms.TypedChoiceField(label=_("Tanggal"), choices=(), coerce=datetime.date.fromisoformat)
    gross = RupiahField(label=_("Penjualan kotor (Rp)"))
    transactions = forms.IntegerField(label=_("Jumlah transaksi"), min_value=0, max_value=1_000_000)
    cash = RupiahField(label=_("Tunai (Rp)"))
    qris = RupiahField(label=_("QRIS (Rp)"))
    leads = forms.IntegerField(
        label=_("Calon pembeli/mitra (kontak)"), min_value=0, max_value=100_000, required=False
    )
    receipt = forms.FileField(
        label=_("Foto buku nota (tidak wajib)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png", "capture": "environment"}),
    )  # fmt: skip

    def __init__(self, *args, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = [(d.isoformat(), date_format(d, "D, j M Y")) for d in days]

    def values(self) -> dict:
        return {f: self.cleaned_data.get(f) for f in ("gross", "transactions", "cash", "qris", "leads")}


class SeedForm(Form):
    seed = forms.IntegerField(
        label=_("Kode undian"), min_value=0, max_value=2**53, required=False,
        help_text=_("Kosongkan untuk kode undian acak baru. Kode undian yang sama memberi hasil yang sama."),
    )  # fmt: skip


class ExtraBoothForm(Form):
    booth = forms.ModelChoiceField(
        label=_("Booth tambahan"), queryset=None, empty_label=_("— pilih booth bebas —")
    )

    def __init__(self, *args, booths, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths
        self.fields["booth"].label_from_instance = lambda b: f"{b.code} · {b.venue.name}"


class ApplicationFilterForm(Form):
    q = forms.CharField(
        label=_("Cari"), required=False, max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Cari nama usaha atau pemilik"), "type": "search", "aria-label": _("Cari")}),
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua"))] + list(Status.choices),
        widget=forms.Select(attrs={"aria-label": _("Status")}),
    )  # fmt: skip

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}
