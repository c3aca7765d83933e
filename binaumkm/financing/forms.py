"""Input validation of financing's pages: normalise, bound, say what is wrong in Indonesian."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import Form, ModelForm
from binaumkm.core.models import Kecamatan
from binaumkm.core.money import RupiahField
from binaumkm.registry.choices import BusinessStatus, KbliSection, SizeClass

from . import eligibility
from .models import (
    Branch,
    DocumentKind,
    NominationTarget,
    Provider,
    ReferralState,
    RejectionReason,
    Scheme,
    SchemeKind,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FACT_CHOICES = [(k, v) for k, v in eligibility.FACT_LABELS.items()]
DOC_CHOICES = [(k, v) for k, v in eligibility.DOCUMENT_LABELS.items()]


class DocumentForm(Form):
    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=DocumentKind.choices)
    number = forms.CharField(label=_("Nomor dokumen"), max_length=40, required=False,
                             help_text=_("KTP/KK 16 digit, NIB 13 digit, NPWP 15/16 digit; SKU sesuai suratnya."))  # fmt: skip
    file = forms.FileField(label=_("Berkas (PDF, JPG atau PNG)"),
                           widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}))  # fmt: skip
    issued_on = forms.DateField(label=_("Tanggal terbit"), required=False, widget=DATE)
    expires_on = forms.DateField(label=_("Berlaku sampai"), required=False, widget=DATE,
                                 help_text=_("Kosongkan bila berlaku seumur hidup (e-KTP, NIB)."))  # fmt: skip
    address_in_city = forms.BooleanField(label=_("Alamat pada KTP/KK di kota ini"), required=False)


class ReferralForm(Form):
    branch = forms.ModelChoiceField(label=_("Kantor bank"), queryset=Branch.objects.none(), empty_label=None)
    amount = RupiahField(label=_("Jumlah yang diajukan (Rp)"))
    purpose = forms.CharField(label=_("Keperluan dana"), max_length=300, min_length=5,
                              widget=forms.TextInput(attrs={"placeholder": _("mis. tambah modal bahan baku")}))  # fmt: skip

    def __init__(self, *args, branches=None, **kwargs):
        super().__init__(*args, **kwargs)
        if branches is not None:
            self.fields["branch"].queryset = branches


class ReasonForm(Form):
    reason = forms.CharField(label=_("Alasan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class RejectForm(Form):
    reason_code = forms.ChoiceField(label=_("Alasan penolakan"), choices=RejectionReason.choices)
    note = forms.CharField(label=_("Catatan"), max_length=500, required=False)


class ApproveForm(Form):
    amount = RupiahField(label=_("Jumlah disetujui (Rp)"))


class DisburseForm(Form):
    amount = RupiahField(label=_("Jumlah dicairkan (Rp)"))
    disbursed_on = forms.DateField(label=_("Tanggal pencairan"), widget=DATE, initial=timezone.localdate)
    contract_number = forms.CharField(label=_("Nomor akad"), max_length=60)


class BoardFilterForm(Form):
    STATES = [("", _("Semua status")), ("terbuka", _("Masih berjalan")), ("menunggu_bank", _("Menunggu bank")),
              ("terlambat", _("Melewati batas layanan")), *ReferralState.choices]  # fmt: skip
    q = forms.CharField(label=_("Cari"), required=False, max_length=100,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Usaha, pemilik atau nomor surat")}))  # fmt: skip
    state = forms.ChoiceField(label=_("Status"), choices=STATES, required=False)
    scheme = forms.ModelChoiceField(label=_("Skema"), queryset=Scheme.objects.order_by("name"), required=False,
                                    empty_label=_("Semua skema"))  # fmt: skip
    branch = forms.ModelChoiceField(label=_("Kantor"), queryset=Branch.objects.select_related("provider"),
                                    required=False, empty_label=_("Semua kantor"))  # fmt: skip
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False,
                                       empty_label=_("Semua kecamatan"))  # fmt: skip

    def filters(self) -> dict:
        """Valid filters only: a bad value in the query string is ignored, not a 500."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}


class BankFilterForm(BoardFilterForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("branch", "kecamatan", "scheme"):
            del self.fields[name]


class PrecheckForm(Form):
    scheme = forms.ModelChoiceField(label=_("Skema"), queryset=Scheme.objects.filter(is_active=True).order_by("name"),
                                    empty_label=None)  # fmt: skip
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False,
                                       empty_label=_("Semua kecamatan"))  # fmt: skip
    kbli_section = forms.ChoiceField(
        label=_("Sektor"), required=False, choices=[("", _("Semua sektor")), *KbliSection.choices]
    )
    size_class = forms.ChoiceField(
        label=_("Skala"), required=False, choices=[("", _("Semua skala")), *SizeClass.choices]
    )
    status = forms.ChoiceField(label=_("Status usaha"), required=False,
                               choices=[("", _("Semua status")), *BusinessStatus.choices])  # fmt: skip
    result = forms.ChoiceField(label=_("Hasil"), required=False,
                               choices=[("", _("Semua hasil")), *eligibility.STATUS_LABELS.items()])  # fmt: skip


class ProviderForm(ModelForm):
    class Meta:
        model = Provider
        fields = ["name", "short_name", "kind", "website", "is_active"]


class BranchForm(ModelForm):
    class Meta:
        model = Branch
        fields = ["name", "address", "phone", "email", "is_active"]


class OfficerForm(Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    phone = forms.CharField(label=_("Nomor HP"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail kantor"), required=False)

    def clean_phone(self):
        from binaumkm.core.validators import normalize_phone

        raw = self.cleaned_data.get("phone", "")
        return normalize_phone(raw) if raw else None

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email"):
            raise forms.ValidationError(_("Isi nomor HP atau e-mail petugas."))
        return data


class SchemeForm(ModelForm):
    """The scheme's terms; the eligibility rules are fields here and become data (``rules``)."""

    amount_min = RupiahField(label=_("Jumlah terendah (Rp)"))
    amount_max = RupiahField(label=_("Jumlah tertinggi (Rp)"))
    min_months = forms.IntegerField(
        label=_("Lama usaha minimal (bulan)"), min_value=0, max_value=240, required=False
    )
    alt_months = forms.IntegerField(label=_("…atau cukup (bulan) bila punya bukti pembinaan"), min_value=0, max_value=240,
                                    required=False)  # fmt: skip
    alt_facts = forms.MultipleChoiceField(label=_("Bukti pembinaan yang diterima"), choices=FACT_CHOICES, required=False,
                                          widget=forms.CheckboxSelectMultiple)  # fmt: skip
    size_classes = forms.MultipleChoiceField(label=_("Skala usaha yang boleh"), choices=SizeClass.choices, required=False,
                                             widget=forms.CheckboxSelectMultiple)  # fmt: skip
    statuses = forms.MultipleChoiceField(label=_("Status usaha yang boleh"), choices=BusinessStatus.choices, required=False,
                                         widget=forms.CheckboxSelectMultiple)  # fmt: skip
    city_resident = forms.BooleanField(label=_("Hanya penduduk kota ini"), required=False)
    no_active_credit = forms.BooleanField(label=_("Tidak sedang punya kredit produktif"), required=False)
    credit_families = forms.CharField(label=_("…dari rumpun (kosong: kredit apa pun)"), max_length=100, required=False,
                                      help_text=_("Pisahkan dengan koma, mis. KUR."))  # fmt: skip
    required_docs = forms.MultipleChoiceField(label=_("Dokumen wajib"), choices=DOC_CHOICES, required=False,
                                              widget=forms.CheckboxSelectMultiple,
                                              help_text=_("NIB dan SKU saling menggantikan."))  # fmt: skip
    npwp_above = RupiahField(label=_("NPWP wajib di atas jumlah (Rp)"), required=False)
    branches = forms.ModelMultipleChoiceField(label=_("Kantor yang menerima rujukan"), required=False,
                                              queryset=Branch.objects.select_related("provider"),
                                              widget=forms.CheckboxSelectMultiple)  # fmt: skip

    class Meta:
        model = Scheme
        fields = ["provider", "code", "name", "family", "kind", "summary", "amount_min", "amount_max", "rate",
                  "tenor_months_max", "collateral", "regulation", "terms_confirmed_on", "service_level_days",
                  "is_active"]  # fmt: skip
        widgets = {"terms_confirmed_on": DATE, "summary": forms.Textarea(attrs={"rows": 3})}

    RULE_FIELDS = ("min_months", "alt_months", "alt_facts", "size_classes", "statuses", "city_resident",
                   "no_active_credit", "credit_families", "required_docs", "npwp_above")  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scheme = self.instance
        if scheme.pk:
            self.fields["branches"].initial = list(scheme.branches.all())
            for rule in scheme.rules or []:
                kind = rule.get("kind")
                if kind == "min_months":
                    self.initial.update(min_months=rule.get("months"), alt_months=rule.get("alt_months"),
                                        alt_facts=rule.get("alt_facts", []))  # fmt: skip
                elif kind in ("size_classes", "statuses"):
                    self.initial[kind] = rule.get("allowed", [])
                elif kind == "city_resident":
                    self.initial["city_resident"] = True
                elif kind == "no_active_credit":
                    self.initial.update(
                        no_active_credit=True, credit_families=", ".join(rule.get("families", []))
                    )
            docs = []
            for group in scheme.documents or []:
                if group.get("above") is not None:
                    self.initial["npwp_above"] = group["above"]
                else:
                    docs += group.get("any", [])
            self.initial["required_docs"] = docs

    def term_fields(self):
        return [self[name] for name in self.fields if name not in self.RULE_FIELDS]

    def rule_fields(self):
        return [self[name] for name in self.RULE_FIELDS]

    def clean(self):
        data = super().clean()
        if data.get("alt_facts") and data.get("alt_months") is None:
            self.add_error("alt_months", _("Isi jumlah bulan untuk bukti pembinaan."))
        if (
            data.get("alt_months") is not None
            and data.get("min_months") is not None
            and data["alt_months"] > data["min_months"]
        ):
            self.add_error("alt_months", _("Harus lebih pendek dari lama usaha minimal."))
        return data

    def terms(self) -> dict:
        """The rules and documents as the data the scheme keeps."""
        d = self.cleaned_data
        rules: list[dict] = []
        if d.get("min_months") is not None:
            rule: dict = {"kind": "min_months", "months": d["min_months"]}
            if d.get("alt_facts"):
                rule.update(alt_months=d["alt_months"], alt_facts=list(d["alt_facts"]))
            rules.append(rule)
        for name in ("size_classes", "statuses"):
            if d.get(name):
                rules.append({"kind": name, "allowed": list(d[name])})
        if d.get("city_resident"):
            rules.append({"kind": "city_resident"})
        if d.get("no_active_credit"):
            families = [f.strip() for f in (d.get("credit_families") or "").split(",") if f.strip()]
            rules.append({"kind": "no_active_credit", "families": families})
        docs = list(d.get("required_docs") or [])
        groups: list[dict] = []
        if "nib" in docs or "sku" in docs:
            groups.append({"any": ["nib", "sku"]})
        groups += [{"any": [k]} for k in docs if k not in ("nib", "sku", "npwp")]
        if "npwp" in docs:
            groups.append({"any": ["npwp"]})
        elif d.get("npwp_above"):
            groups.append({"any": ["npwp"], "above": d["npwp_above"]})
        return {"rules": rules, "documents": groups}


class NominationListForm(Form):
    title = forms.CharField(label=_("Judul"), max_length=150)
    target = forms.ChoiceField(label=_("Tujuan"), choices=NominationTarget.choices)
    scheme = forms.ModelChoiceField(label=_("Skema hibah"), required=False,
                                    queryset=Scheme.objects.filter(kind=SchemeKind.GRANT).order_by("name"))  # fmt: skip
    layout = forms.ChoiceField(label=_("Susunan kolom"), choices=())

    def __init__(self, *args, layouts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].choices = [(k, v.get("label", k)) for k, v in (layouts or {}).items()]


class NominationAddForm(Form):
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False,
                                       empty_label=_("Semua kecamatan"))  # fmt: skip
    kbli_section = forms.ChoiceField(
        label=_("Sektor"), required=False, choices=[("", _("Semua sektor")), *KbliSection.choices]
    )
    status = forms.ChoiceField(label=_("Status usaha"), required=False,
                               choices=[("", _("Semua status")), *BusinessStatus.choices])  # fmt: skip
    q = forms.CharField(label=_("Nama usaha"), required=False, max_length=100)
    limit = forms.IntegerField(label=_("Paling banyak"), min_value=1, max_value=5000, initial=100)


class FollowUpForm(Form):
    still_operating = forms.TypedChoiceField(
        label=_("Usaha masih berjalan?"), choices=[("1", _("Ya")), ("0", _("Tidak"))], coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )  # fmt: skip
    turnover = RupiahField(label=_("Omzet sebulan terakhir (Rp)"), required=False)
    employees = forms.IntegerField(
        label=_("Jumlah tenaga kerja"), min_value=0, max_value=10000, required=False
    )
    collectability = forms.TypedChoiceField(
        label=_("Kolektibilitas menurut bank"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Belum ada laporan bank")), (1, _("1 – Lancar")), (2, _("2 – Dalam perhatian khusus")),
                 (3, _("3 – Kurang lancar")), (4, _("4 – Diragukan")), (5, _("5 – Macet"))],
    )  # fmt: skip
    note = forms.CharField(
        label=_("Catatan"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AssignForm(Form):
    assignee = forms.ModelChoiceField(
        label=_("Petugas"), queryset=None, required=False, empty_label=_("— belum —")
    )

    def __init__(self, *args, assignees=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = assignees


class ReportFilterForm(Form):
    since = forms.DateField(label=_("Dikirim sejak"), required=False, widget=DATE)
    until = forms.DateField(label=_("sampai"), required=False, widget=DATE)

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if k not in self.errors and v}
