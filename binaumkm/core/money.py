"""Money is an integer number of rupiah. Parse what people type; format as "Rp1.500.000"."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_CLEAN = re.compile(
    r"^(?P<neg>-)?\s*(?:rp\.?)?\s*(?P<num>[0-9][0-9.\s]*)(?:,(?P<sen>\d{1,2}))?$", re.IGNORECASE
)

MAX_RUPIAH = 10**15  # one quadrillion: far above any UMKM figure, far below 64-bit limits


def format_rupiah(value) -> str:
    if value is None or value == "":
        return "–"
    value = int(value)
    sign = "-" if value < 0 else ""
    return f"{sign}Rp{abs(value):,}".replace(",", ".")


def parse_rupiah(text) -> int:
    """'Rp1.500.000' / '1.500.000' / '1500000' / '1.500.000,00' -> 1500000. Raises ValidationError."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    elif isinstance(text, float):
        if not text.is_integer():
            raise ValidationError(_("Nilai rupiah harus bilangan bulat (tanpa sen)."), code="fraction")
        value = int(text)
    else:
        raw = str(text).strip()
        match = _CLEAN.match(raw)
        if not match:
            raise ValidationError(
                _("Tulis nilai rupiah dengan angka, misalnya 1.500.000."), code="invalid_rupiah"
            )
        if match.group("sen") and int(match.group("sen")) != 0:
            raise ValidationError(_("Nilai rupiah harus bilangan bulat (tanpa sen)."), code="fraction")
        digits = re.sub(r"[.\s]", "", match.group("num"))
        value = -int(digits) if match.group("neg") else int(digits)
    if value < 0:
        raise ValidationError(_("Nilai rupiah tidak boleh negatif."), code="negative")
    if value >= MAX_RUPIAH:
        raise ValidationError(_("Nilai rupiah terlalu besar."), code="too_large")
    return value


class RupiahField(forms.Field):
    """A text input for rupiah that accepts thousands separators; cleans to int."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")
        self.widget.attrs.setdefault("placeholder", "Rp0")
        self.widget.attrs.setdefault("maxlength", "30")

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str) and len(value) > 30:
            raise ValidationError(_("Nilai rupiah terlalu panjang."), code="too_long")
        return parse_rupiah(value)
