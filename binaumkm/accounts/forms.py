from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import Permission
from django.template import loader
from django.utils.translation import gettext_lazy as _

from binaumkm.core import notify
from binaumkm.core.forms import BootstrapFormMixin
from binaumkm.core.validators import normalize_phone

from .roles import AGENCY_ROLES


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("Nomor HP, e-mail atau nama pengguna"),
        help_text=_("Pemilik UMKM memakai nomor HP; staf dinas dan mitra memakai nama pengguna."),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Nomor HP, e-mail, nama pengguna atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif."),
    }


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(BootstrapFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail akun Anda"),
        help_text=_("Jika akun Anda tidak memakai e-mail, hubungi dinas untuk mengatur ulang kata sandi."),
    )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):  # fmt: skip
        """Through the worker like every other e-mail (``core.notify``), not inside the request."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        notify.queue_email(
            to=to_email, subject=subject, body=loader.render_to_string(email_template_name, context)
        )


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass


class AgencyAccountForm(BootstrapFormMixin, forms.Form):
    """An agency admin creates a staff or admin account; its holder sets a password from a link."""

    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    email = forms.EmailField(label=_("E-mail dinas"))
    phone = forms.CharField(
        label=_("Nomor HP (tidak wajib)"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )  # fmt: skip
    role = forms.ChoiceField(label=_("Peran"), choices=[(r.value, r.label) for r in AGENCY_ROLES])

    def clean_phone(self):
        phone = self.cleaned_data.get("phone")
        return normalize_phone(phone, mobile_only=True) if phone else None


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.content_type.app_label}.{obj.codename})"


class RolePermissionsForm(BootstrapFormMixin, forms.Form):
    permissions = PermissionChoiceField(
        label=_("Izin"),
        queryset=Permission.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["permissions"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = queryset


class SecondFactorForm(BootstrapFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Kode"),
        help_text=_("6 angka dari aplikasi autentikator, atau satu kode pemulihan."),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )
