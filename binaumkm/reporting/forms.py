from django import forms
from django.utils.translation import gettext_lazy as _

from binaumkm.core.forms import Form
from binaumkm.core.models import Kecamatan
from binaumkm.core.rendering import date_label


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
        self.fields["bulan"].choices = [(m.isoformat(), date_label(m, "F Y")) for m in months]

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


class DashboardForm(Form):
    """The leadership dashboard's month (a snapshot month; default the latest) and map metric (one
    the modules offer through ``map_metrics``; default recovered %)."""

    bulan = forms.ChoiceField(label=_("Bulan"), required=False)
    metrik = forms.ChoiceField(label=_("Peta menampilkan"), required=False)

    def __init__(self, *args, months, metrics: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.months, self.metrics = months, metrics
        self.fields["bulan"].choices = [(m.isoformat(), date_label(m, "F Y")) for m in months]
        self.fields["metrik"].choices = [(key, metric.label) for key, metric in metrics.items()]
        self.fields["metrik"].initial = "pulih" if "pulih" in metrics else None

    def month(self):
        """The chosen month; unknown or none chosen: the latest (None: no snapshot yet)."""
        chosen = self.cleaned_data.get("bulan") if self.is_valid() else None
        return next(
            (m for m in self.months if m.isoformat() == chosen), self.months[0] if self.months else None
        )

    def metric(self):
        """The chosen metric; by default recovered % (else the first the user may see)."""
        key = self.cleaned_data.get("metrik") if self.is_valid() else None
        return self.metrics.get(key) or self.metrics.get("pulih") or next(iter(self.metrics.values()), None)
