"""Form helpers shared by every app: Bootstrap classes and error markers on widgets."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kelurahan

if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class BootstrapFormMixin(_FormBase):
    """Adds Bootstrap 5 classes to widgets, and ``is-invalid`` to fields with errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            # No is-invalid here: reading self.errors would validate before subclasses finish
            # setting up their fields; full_clean() marks invalid widgets instead.
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        super().full_clean()
        self._mark_invalid(self.errors)

    def add_error(self, field, error):
        super().add_error(field, error)
        self._mark_invalid(self.errors)

    def _mark_invalid(self, errors):
        for name in errors or ():
            if name in self.fields:
                widget = self.fields[name].widget
                if "is-invalid" not in widget.attrs.get("class", ""):
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()


class Form(BootstrapFormMixin, forms.Form):
    pass


class ModelForm(BootstrapFormMixin, forms.ModelForm):
    pass


class MonthInput(forms.DateInput):
    input_type = "month"

    def format_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m")
        return value


class MonthField(forms.DateField):
    """A month picker ('2026-03') cleaned to the first day of that month."""

    widget = MonthInput
    input_formats = ["%Y-%m", "%m/%Y", "%Y-%m-%d"]

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace(day=1) if value else value


class KelurahanChoiceField(forms.ModelChoiceField):
    """A kelurahan picker naming its kecamatan ("Pajang — Laweyan")."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Kelurahan"))
        kwargs.setdefault("empty_label", _("— pilih kelurahan —"))
        queryset = Kelurahan.objects.select_related("kecamatan").order_by("kecamatan__name", "name")
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.kecamatan.name}"
