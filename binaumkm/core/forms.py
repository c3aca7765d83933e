"""Form helpers shared by every app: Bootstrap classes, error markers on widgets, and "required"
messages that name the field (a summary of errors at the top of a long form is useless if every
line says only "Bidang ini tidak boleh kosong")."""

from typing import TYPE_CHECKING

from django import forms
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import Kelurahan

if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object

DEFAULT_REQUIRED = forms.Field.default_error_messages["required"]


def _lowercase_first(label) -> str:
    """'Jenis kelamin' -> 'jenis kelamin' for the middle of a sentence; 'NIK' stays 'NIK'."""
    text = str(label)
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


lazy_lower = lazy(_lowercase_first, str)


def required_message(field: forms.Field):
    """An Indonesian "required" message that names the field, e.g. "NIK wajib diisi."."""
    if isinstance(field, forms.BooleanField):
        return _("Centang kotak ini untuk melanjutkan.")
    if isinstance(field, forms.FileField):
        return format_lazy(_("Pilih {label} untuk diunggah."), label=lazy_lower(field.label))
    if isinstance(field, forms.ChoiceField):  # ModelChoiceField and the typed ones too
        return format_lazy(_("Pilih {label}."), label=lazy_lower(field.label))
    return format_lazy(_("{label} wajib diisi."), label=field.label)


def _attributes(attrs: dict) -> str:
    """Django's ``attrs.html`` in Python: False leaves the attribute out, True writes it bare."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class QuickSelect(forms.Select):
    """The same markup as ``forms.Select``, written in Python: Django renders each option through
    two template includes, which for the 54 kelurahan of a filter form cost ~5 ms a page view."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [
            format_html('<select name="{}"{}>', widget["name"], mark_safe(_attributes(widget["attrs"])))
        ]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    "" if o["value"] is None else o["value"],
                    mark_safe(_attributes(o["attrs"])),
                    o["label"],
                )  # fmt: skip
                for o in options
            )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped by format_html


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
                if type(widget) is forms.Select:  # a plain select (not a subclass with its own template)
                    widget.__class__ = QuickSelect
            else:
                css = "form-control"
            # No is-invalid here: reading self.errors would validate before subclasses finish
            # setting up their fields; full_clean() marks invalid widgets instead.
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self):
        # Here rather than in __init__, so fields a subclass adds later get named messages too.
        for field in self.fields.values():
            if field.label and str(field.error_messages.get("required")) == str(DEFAULT_REQUIRED):
                field.error_messages["required"] = required_message(field)
        super().full_clean()
        self._mark_invalid(self.errors)

    def add_error(self, field, error):
        super().add_error(field, error)
        self._mark_invalid(self.errors)

    def _mark_invalid(self, errors):
        if errors:
            # After a failed submit focus goes to the error summary, not to an autofocus field.
            for field in self.fields.values():
                field.widget.attrs.pop("autofocus", None)
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
