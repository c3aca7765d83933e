"""Form helpers shared by every app: Bootstrap classes, error markers on widgets, and "required"
messages that name the field (a summary of errors at the top of a long form is useless if every
line says only "Bidang ini tidak boleh kosong")."""

from typing import TYPE_CHECKING

from django import forms
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.functional import Promise, lazy
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .models import Kelurahan
from .rendering import escaped

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


_escaped_labels: dict[tuple[int, str | None], tuple[object, str]] = {}


def _escaped_label(label) -> str:
    """A choice label escaped for HTML. Lazy translations (the labels of ``TextChoices``) are
    translated and escaped once per language; the cache holds the label itself, so its id stays
    its own."""
    if not isinstance(label, Promise):
        return escaped(label)
    key = (id(label), get_language())
    cached = _escaped_labels.get(key)
    if cached is None or cached[0] is not label:
        if len(_escaped_labels) > 4096:  # labels built on the fly (format_lazy) must not pile up
            _escaped_labels.clear()
        cached = _escaped_labels[key] = (label, conditional_escape(label))  # type: ignore[arg-type] # lazy str
    return cached[1]


class QuickSelect(forms.Select):
    """The same markup as ``forms.Select``, written in Python: Django renders each option through
    two template includes, which for the 54 kelurahan of a filter form cost ~5 ms a page view.
    Options are written straight from ``choices`` (the rule of ``ChoiceWidget.optgroups``: the
    first option whose value matches is selected), without building Django's per-option dicts."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.option_inherits_attrs or type(self).create_option is not forms.Select.create_option:
            return self._render_from_context(name, value, attrs)
        select_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            select_attrs["multiple"] = True
        values = self.format_value(value)
        multiple = self.allow_multiple_selected
        parts: list[str] = [format_html('<select name="{}"{}>', name, mark_safe(_attributes(select_attrs)))]
        has_selected = False
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            group = isinstance(option_label, list | tuple)
            if group:
                parts.append(format_html('<optgroup label="{}">', option_value))
            for subvalue, sublabel in option_label if group else ((option_value, option_label),):
                selected = (not has_selected or multiple) and str(subvalue) in values
                has_selected |= selected
                parts.append(
                    f'<option value="{"" if subvalue is None else escaped(subvalue)}"'
                    f"{' selected' if selected else ''}>{_escaped_label(sublabel)}</option>"
                )
            if group:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value and label above is escaped

    def _render_from_context(self, name, value, attrs):
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


DJANGO_LABEL_TEMPLATE = "django/forms/label.html"


class QuickBoundField(BoundField):
    """``label_tag()`` writes the markup of Django's ``django/forms/label.html`` in Python (a filter
    form's eight labels were eight template renders a page view). A form with its own label
    template gets it rendered as before."""

    def label_tag(self, contents=None, attrs=None, label_suffix=None, tag=None):
        if self.form.template_name_label != DJANGO_LABEL_TEMPLATE:
            return super().label_tag(contents, attrs, label_suffix, tag)
        form, field = self.form, self.field
        contents = contents or self.label
        if label_suffix is None:
            label_suffix = field.label_suffix if field.label_suffix is not None else form.label_suffix
        if label_suffix and contents and contents[-1] not in gettext(":?.!"):
            contents = format_html("{}{}", contents, label_suffix)
        id_ = field.widget.attrs.get("id") or self.auto_id
        if not id_:
            return conditional_escape(contents)
        id_for_label = field.widget.id_for_label(id_)
        if id_for_label:
            attrs = {**(attrs or {}), "for": id_for_label}
        if field.required and hasattr(form, "required_css_class"):
            attrs = attrs or {}
            if "class" in attrs:
                attrs["class"] += " " + form.required_css_class
            else:
                attrs["class"] = form.required_css_class
        tag = tag or "label"
        written = "".join(  # django/forms/attrs.html: False leaves an attribute out, True writes it bare
            f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
            for name, value in (attrs or {}).items()
            if value is not False
        )
        return mark_safe(f"<{escape(tag)}{written}>{conditional_escape(contents)}</{escape(tag)}>")  # noqa: S308 - escaped


class AreaChoiceIterator(ModelChoiceIterator):
    """A kecamatan's or kelurahan's choices read as (pk, name) rows: the same options as Django's
    iterator (their ``str()`` is their name) without a model instance per option."""

    def __iter__(self):
        if self.field.to_field_name:  # the values are another field's: Django's way
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name in self.queryset.values_list("pk", "name").iterator():
            yield (ModelChoiceIteratorValue(pk, None), name)  # type: ignore[arg-type] # no instance loaded


class AreaChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField of ``Kecamatan`` or ``Kelurahan`` for filter forms (issue 14: the 54
    kelurahan were 54 model instances a page view). Choosing still loads the one chosen."""

    iterator = AreaChoiceIterator


class BootstrapFormMixin(_FormBase):
    """Adds Bootstrap 5 classes to widgets, and ``is-invalid`` to fields with errors."""

    bound_field_class = QuickBoundField

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
