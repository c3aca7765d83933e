from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from binaumkm.core.forms import Form, KelurahanChoiceField, ModelForm
from binaumkm.core.models import Kecamatan
from binaumkm.core.validators import validate_no_html
from binaumkm.registry.choices import BusinessStatus, KbliSection, SizeClass

from . import conf
from .models import Batch, Delivery, Programme, RegistrationStatus, Topic
from .services.batches import BATCH_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
CHECKS = forms.CheckboxSelectMultiple


class NoHtmlMixin:
    TEXT_FIELDS: tuple[str, ...] = ()

    def _clean_fields(self):
        super()._clean_fields()
        for name in self.TEXT_FIELDS:
            if self.cleaned_data.get(name):
                try:
                    validate_no_html(self.cleaned_data[name])
                except ValidationError as exc:
                    self.add_error(name, exc)


class ProgrammeForm(NoHtmlMixin, ModelForm):
    TEXT_FIELDS = ("title", "partner", "description")

    class Meta:
        model = Programme
        fields = ["title", "topic", "partner", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class BatchForm(NoHtmlMixin, ModelForm):
    TEXT_FIELDS = ("venue_address",)

    venue_kelurahan = KelurahanChoiceField(required=False)
    questions_text = forms.CharField(
        label=_("Pertanyaan singkat untuk pendaftar"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu pertanyaan per baris, paling banyak %(n)d.") % {"n": conf.MAX_QUESTIONS},
    )  # fmt: skip
    sectors = forms.MultipleChoiceField(label=_("Sektor (kosong = semua)"), choices=KbliSection.choices,
                                        required=False, widget=CHECKS)  # fmt: skip
    size_classes = forms.MultipleChoiceField(label=_("Skala usaha (kosong = semua)"), choices=SizeClass.choices,
                                             required=False, widget=CHECKS)  # fmt: skip
    statuses = forms.MultipleChoiceField(label=_("Status usaha (kosong = semua)"), choices=BusinessStatus.choices,
                                         required=False, widget=CHECKS)  # fmt: skip
    kecamatan = forms.ModelMultipleChoiceField(label=_("Kecamatan (kosong = semua)"),
                                               queryset=Kecamatan.objects.order_by("name"), required=False,
                                               widget=CHECKS)  # fmt: skip

    class Meta:
        model = Batch
        fields = [f for f in BATCH_FIELDS if f != "questions"] + ["kecamatan"]
        widgets = {
            "registration_opens_at": DATETIME, "registration_closes_at": DATETIME,
            "start_date": DATE, "end_date": DATE,
        }  # fmt: skip
        help_texts = {
            "selection_mode": _("Seleksi adil: kursi dibagi setelah pendaftaran ditutup, mengutamakan yang "
                                "belum pernah dilatih dan merata antarkecamatan."),
            "completion_percent": _("Peserta lulus dan mendapat sertifikat bila menghadiri sekurangnya "
                                    "persentase sesi ini."),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("questions_text", "\n".join(self.instance.questions or []))
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["completion_percent"].widget.attrs.update(min=1, max=100)

    def clean_questions_text(self):
        lines = [
            line.strip() for line in self.cleaned_data.get("questions_text", "").splitlines() if line.strip()
        ]
        if len(lines) > conf.MAX_QUESTIONS:
            raise ValidationError(_("Paling banyak %(n)d pertanyaan.") % {"n": conf.MAX_QUESTIONS})
        for line in lines:
            if len(line) > 200:
                raise ValidationError(_("Satu pertanyaan paling panjang 200 karakter."))
            validate_no_html(line)
        return lines

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise ValidationError(_("Jumlah kursi paling sedikit 1."))
        return capacity

    def clean_completion_percent(self):
        value = self.cleaned_data["completion_percent"]
        if not 1 <= value <= 100:
            raise ValidationError(_("Isi antara 1 dan 100."))
        return value

    def clean(self):
        data = super().clean()
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Penutupan pendaftaran harus sesudah pembukaannya."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Tanggal selesai tidak boleh sebelum tanggal mulai."))
        if closes and start and closes.date() > start:
            self.add_error(
                "registration_closes_at", _("Pendaftaran harus ditutup sebelum pelatihan dimulai.")
            )
        if data.get("delivery") == Delivery.VENUE and not data.get("venue_kelurahan"):
            self.add_error("venue_kelurahan", _("Pilih kelurahan tempat pelatihan tatap muka."))
        data["questions"] = data.pop("questions_text", [])
        return data

    def validate_unique(self):
        """The service reports a clash of batch numbers with its own message."""

    def _post_clean(self):
        # The service applies the values; constraints are checked there with friendly messages.
        pass


class SessionForm(NoHtmlMixin, Form):
    TEXT_FIELDS = ("title",)

    date = forms.DateField(label=_("Tanggal"), widget=DATE)
    start_time = forms.TimeField(label=_("Mulai"), widget=TIME)
    end_time = forms.TimeField(label=pgettext_lazy("session end time", "Selesai"), widget=TIME)
    title = forms.CharField(label=_("Materi"), max_length=150, required=False)

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("Jam selesai harus sesudah jam mulai."))
        return data


class RegistrationForm(Form):
    """Owner registration: which of their businesses, and the batch's short questions. Build it with
    ``registration_form(batch, businesses, data)``: the fields depend on the batch."""

    questions: list[str] = []

    @property
    def answers(self) -> list[str]:
        return [self.cleaned_data[f"q{i}"] for i in range(len(self.questions))]


def registration_form(batch: Batch, businesses, data=None) -> RegistrationForm:
    fields = {
        "business": forms.ModelChoiceField(
            label=_("Usaha yang didaftarkan"), queryset=businesses, empty_label=None,
            error_messages={"invalid_choice": _("Pilih salah satu usaha Anda sendiri.")},
        ),
        "questions": list(batch.questions or []),
    }  # fmt: skip
    for i, question in enumerate(fields["questions"]):
        fields[f"q{i}"] = forms.CharField(
            label=question, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
        )
    form_class = type("BatchRegistrationForm", (RegistrationForm,), fields)
    return form_class(data)


class PriorityForm(Form):
    priority = forms.IntegerField(label=_("Prioritas (-9 s.d. 9, 0 = biasa)"), min_value=-9, max_value=9)
    reason = forms.CharField(label=_("Alasan (wajib, tercatat)"), max_length=300, min_length=5)


class CancelForm(Form):
    reason = forms.CharField(label=_("Alasan (tidak wajib)"), max_length=300, required=False)


class SeedForm(Form):
    seed = forms.IntegerField(
        label=_("Kode undian"), min_value=0, max_value=2**53, required=False,
        help_text=_("Kosongkan untuk kode undian acak baru. Kode undian yang sama memberi hasil yang sama."),
    )  # fmt: skip


class RegistrationFilterForm(Form):
    q = forms.CharField(
        label=_("Cari"), required=False, max_length=100,
        widget=forms.TextInput(
            attrs={"placeholder": _("Cari nama usaha atau pemilik"), "type": "search", "aria-label": _("Cari")}
        ),
    )  # fmt: skip
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua"))] + list(RegistrationStatus.choices),
        widget=forms.Select(attrs={"aria-label": _("Status")}),
    )  # fmt: skip

    def filters(self) -> dict:
        return self.cleaned_data if self.is_valid() else {}


class CoverageFilterForm(Form):
    year = forms.IntegerField(label=_("Tahun"), required=False, min_value=2000, max_value=2100)
    topic = forms.ChoiceField(
        label=_("Topik"), required=False, choices=[("", _("Semua"))] + list(Topic.choices)
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"year": self.cleaned_data.get("year"), "topic": self.cleaned_data.get("topic") or None}


class CertificateCheckForm(Form):
    """The public "Cek sertifikat" form: the number and the name printed on the certificate."""

    number = forms.CharField(label=_("Nomor sertifikat"), max_length=40,
                             help_text=_("Tertulis di bawah judul sertifikat, misalnya 2026/PLT-0012/0003."))  # fmt: skip
    name = forms.CharField(label=_("Nama pada sertifikat"), max_length=150,
                           widget=forms.TextInput(attrs={"autocomplete": "off"}))  # fmt: skip
