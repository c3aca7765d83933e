from django import forms
from django.utils.translation import gettext_lazy as _

from . import conf


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Nama token"), max_length=100,
        help_text=_("Untuk apa token ini, misalnya \"Aplikasi kasir\"."),
    )  # fmt: skip
    days = forms.IntegerField(
        label=_("Berlaku (hari)"), min_value=1, max_value=conf.TOKEN_MAX_DAYS, initial=conf.TOKEN_DAYS
    )
