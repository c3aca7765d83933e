"""Input validation only: normalise, bound, and say what is wrong in Indonesian. The rules live in the
services."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binaumkm.core import validators as v
from binaumkm.core.forms import Form, KelurahanChoiceField
from binaumkm.core.models import Kecamatan, Kelurahan
from binaumkm.registry.choices import BusinessStatus, KbliSection

from .models import MAX_MINUTES, Assignee, Fact, SessionMode, Topic

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CHECKS = forms.CheckboxSelectMultiple


class MentorForm(Form):
    """Staff register a mentor (with their account's name and phone or e-mail) or edit one."""

    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    phone = forms.CharField(label=_("Nomor HP (untuk masuk)"), max_length=20, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))  # fmt: skip
    email = forms.EmailField(label=_("E-mail"), required=False)
    expertise = forms.MultipleChoiceField(label=_("Keahlian"), choices=Topic.choices, widget=CHECKS)
    sectors = forms.MultipleChoiceField(label=_("Sektor KBLI yang dikuasai"), choices=KbliSection.choices,
                                        required=False, widget=CHECKS)  # fmt: skip
    kecamatan = forms.ModelMultipleChoiceField(label=_("Kecamatan dilayani"), queryset=Kecamatan.objects.order_by("name"),
                                               widget=CHECKS)  # fmt: skip
    home_kelurahan = KelurahanChoiceField(label=_("Kelurahan domisili"), required=False)
    capacity = forms.IntegerField(
        label=_("Kapasitas (pendampingan aktif)"), min_value=1, max_value=200, initial=10
    )
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)
    away_until = forms.DateField(label=_("Tidak tersedia sampai (cuti)"), required=False, widget=DATE)

    ACCOUNT_FIELDS = ("full_name", "phone", "email")

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in self.ACCOUNT_FIELDS:
                del self.fields[name]

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        v.validate_no_html(name)
        return name

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return v.normalize_phone(phone, mobile_only=True) if phone else None

    def clean(self):
        data = super().clean()
        if "full_name" in self.fields and not data.get("phone") and not data.get("email"):
            self.add_error("phone", _("Isi nomor HP atau e-mail."))
        return data

    @classmethod
    def initial_for(cls, mentor) -> dict:
        return {
            "expertise": mentor.expertise, "sectors": mentor.sectors, "kecamatan": list(mentor.kecamatan.all()),
            "home_kelurahan": mentor.home_kelurahan, "capacity": mentor.capacity, "is_active": mentor.is_active,
            "away_until": mentor.away_until,
        }  # fmt: skip


class ProgrammeForm(Form):
    name = forms.CharField(label=_("Nama program"), max_length=150)
    description = forms.CharField(label=_("Deskripsi"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    is_active = forms.BooleanField(label=_("Aktif"), required=False, initial=True)

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        v.validate_no_html(text)
        return text


class GoalTemplateForm(Form):
    title = forms.CharField(label=_("Sasaran"), max_length=200)
    day_offset = forms.IntegerField(label=_("Hari ke-"), min_value=1, max_value=730)
    fact = forms.ChoiceField(label=_("Dicek otomatis dari"), required=False,
                             choices=[("", _("— dicentang pendamping —")), *Fact.choices])  # fmt: skip


class BalanceForm(Form):
    """Which UMKM need a mentor: by kecamatan, kelurahan, sector and status."""

    programme = forms.ModelChoiceField(label=_("Program"), queryset=None, empty_label=None)
    kecamatan = forms.ModelChoiceField(label=_("Kecamatan"), queryset=Kecamatan.objects.order_by("name"),
                                       required=False, empty_label=_("Semua kecamatan"))  # fmt: skip
    kelurahan = forms.ModelChoiceField(label=_("Kelurahan"), required=False, empty_label=_("Semua kelurahan"),
                                       queryset=Kelurahan.objects.order_by("name"))  # fmt: skip
    kbli_section = forms.ChoiceField(label=_("Sektor"), required=False,
                                     choices=[("", _("Semua sektor")), *KbliSection.choices])  # fmt: skip
    status = forms.ChoiceField(label=_("Status usaha"), required=False, initial=BusinessStatus.STAGNANT,
                               choices=[("", _("Semua status")), *BusinessStatus.choices])  # fmt: skip
    never_mentored = forms.BooleanField(
        label=_("Hanya yang belum pernah didampingi"), required=False, initial=True
    )

    def __init__(self, *args, programmes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "kecamatan": data["kecamatan"].pk if data.get("kecamatan") else None,
            "kelurahan": data["kelurahan"].pk if data.get("kelurahan") else None,
            "kbli_section": data.get("kbli_section") or None, "status": data.get("status") or None,
            "never_mentored": data.get("never_mentored"),
        }  # fmt: skip

    def scope(self) -> str:
        data = self.cleaned_data
        parts = [str(data["kecamatan"]) if data.get("kecamatan") else str(_("semua kecamatan"))]
        if data.get("kelurahan"):
            parts.append(str(data["kelurahan"]))
        if data.get("kbli_section"):
            parts.append(str(_("sektor %(s)s")) % {"s": data["kbli_section"]})
        if data.get("status"):
            parts.append(str(BusinessStatus(data["status"]).label).lower())
        if data.get("never_mentored"):
            parts.append(str(_("belum pernah didampingi")))
        return ", ".join(parts)


class SessionForm(Form):
    """The mentor's quick session entry (phone-first: few fields, big targets)."""

    held_on = forms.DateField(label=_("Tanggal"), widget=DATE)
    mode = forms.ChoiceField(label=_("Cara"), choices=SessionMode.choices, widget=forms.RadioSelect,
                             initial=SessionMode.VISIT)  # fmt: skip
    minutes = forms.IntegerField(label=_("Durasi (menit)"), min_value=1, max_value=MAX_MINUTES, initial=60,
                                 widget=forms.NumberInput(attrs={"inputmode": "numeric"}))  # fmt: skip
    topics = forms.MultipleChoiceField(label=_("Topik"), choices=Topic.choices, required=False, widget=CHECKS)
    summary = forms.CharField(label=_("Ringkasan untuk pemilik"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Pemilik usaha membaca ringkasan ini."))  # fmt: skip
    private_notes = forms.CharField(label=_("Catatan pribadi"), max_length=2000, required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text=_("Hanya pendamping dan staf dinas; tidak pernah terlihat pemilik."))  # fmt: skip
    next_steps = forms.CharField(label=_("Langkah berikutnya"), max_length=1000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    next_visit_on = forms.DateField(label=_("Kunjungan berikutnya"), required=False, widget=DATE)
    photo = forms.ImageField(label=_("Foto (opsional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and getattr(photo, "size", 0) > settings.BINAUMKM["PRODUCT_PHOTO_MAX_BYTES"]:
            raise ValidationError(_("Foto terlalu besar (paling besar 2 MB)."))
        return photo


class ReasonForm(Form):
    reason = forms.CharField(label=_("Alasan"), max_length=500)


class GoalForm(Form):
    title = forms.CharField(label=_("Sasaran"), max_length=200)
    target_date = forms.DateField(label=_("Target"), widget=DATE)
    fact = forms.ChoiceField(label=_("Dicek otomatis dari"), required=False,
                             choices=[("", _("— dicentang pendamping —")), *Fact.choices])  # fmt: skip


class TaskForm(Form):
    title = forms.CharField(label=_("Tugas"), max_length=200)
    assignee = forms.ChoiceField(label=_("Dikerjakan oleh"), choices=Assignee.choices)
    due_on = forms.DateField(label=_("Batas waktu"), widget=DATE)


class VisitForm(Form):
    next_visit_on = forms.DateField(label=_("Kunjungan berikutnya"), required=False, widget=DATE)
