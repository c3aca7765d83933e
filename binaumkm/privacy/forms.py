"""Input of the privacy pages: validation only (the services hold the rules)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import Form

from .models import RequestKind, RequestState

CORRECTABLE = [
    ("full_name", _("Nama lengkap")),
    ("nik", _("NIK")),
    ("phone", _("Nomor HP")),
    ("email", _("E-mail")),
    ("gender", _("Jenis kelamin")),
    ("business", _("Data usaha")),
    ("other", _("Lainnya")),
]


class CorrectionForm(Form):
    fields_to_fix = forms.MultipleChoiceField(
        label=_("Data yang salah"), choices=CORRECTABLE, widget=forms.CheckboxSelectMultiple, required=False
    )
    message = forms.CharField(
        label=_("Isi yang benar"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tuliskan data yang benar, misalnya: nama saya Siti Aminah, bukan Siti Amina."),
    )  # fmt: skip


class DeletionForm(Form):
    message = forms.CharField(label=_("Alasan (tidak wajib)"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    understood = forms.BooleanField(
        label=_(
            "Saya mengerti: akun saya akan dinonaktifkan dan identitas saya dihapus. Catatan yang wajib "
            "disimpan (misalnya rekap pembayaran titip jual) tetap ada tanpa nama saya."
        )
    )


class OutcomeForm(Form):
    outcome = forms.CharField(label=_("Hasil / jawaban untuk pemilik"), max_length=4000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class PaperConsentForm(Form):
    owner = forms.CharField(label=_("Nomor pemilik"), max_length=20, help_text=_("Contoh: P-000123."))
    document_reference = forms.CharField(label=_("Nomor dokumen persetujuan"), max_length=100,
                                         help_text=_("Nomor formulir kertas yang ditandatangani pemilik."))  # fmt: skip
    given_on = forms.DateField(
        label=_("Tanggal tanda tangan"), widget=forms.DateInput(attrs={"type": "date"})
    )


class NoticeForm(Form):
    text = forms.CharField(
        label=_("Isi pemberitahuan"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 12})
    )
    effective_date = forms.DateField(label=_("Berlaku mulai"), widget=forms.DateInput(attrs={"type": "date"}))


class QueueFilterForm(Form):
    state = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("terbuka", _("Belum selesai")), ("semua", _("Semua")), *RequestState.choices],
    )  # fmt: skip
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[("", _("Semua jenis")), *RequestKind.choices]
    )


class AccessLogFilterForm(Form):
    actor = forms.CharField(label=_("Pelaku"), max_length=150, required=False)
    owner = forms.CharField(
        label=_("Nomor pemilik"), max_length=20, required=False, help_text=_("Contoh: P-000123.")
    )
    since = forms.DateField(
        label=_("Dari tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Sampai tanggal"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
