from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import BootstrapFormMixin


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


class SetPasswordForm(BootstrapFormMixin, auth_forms.SetPasswordForm):
    pass
