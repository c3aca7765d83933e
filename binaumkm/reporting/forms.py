from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import Form
from binaumkm.core.models import Kecamatan


class ReportFilterForm(Form):
    """The month measured (one of the snapshot months; default the latest) and a kecamatan."""

    bulan = forms.ChoiceField(label=_("Bulan"), required=False)
    kecamatan = forms.ModelChoiceField(
        queryset=Kecamatan.objects.order_by("code"), required=False, label=_("Kecamatan"),
        empty_label=_("Seluruh kota"),
    )  # fmt: skip

    def __init__(self, *args, months, **kwargs):
        super().__init__(*args, **kwargs)
        self.months = months
        self.fields["bulan"].choices = [(m.isoformat(), date_format(m, "F Y")) for m in months]

    def filters(self) -> dict:
        """{"month": date or None (no snapshot yet), "kecamatan": id or None}; bad input: defaults."""
        valid = self.is_valid()
        month = next(
            (m for m in self.months if valid and m.isoformat() == self.cleaned_data.get("bulan")), None
        )
        kecamatan = self.cleaned_data.get("kecamatan") if valid else None
        return {
            "month": month or (self.months[0] if self.months else None),
            "kecamatan": kecamatan.pk if kecamatan else None,
        }
