"""Template helpers available in every template (registered as a builtin)."""

from django import template
from django.utils.formats import date_format
from django.utils.timezone import localtime

from binaumkm.core.masking import mask_nik, mask_phone
from binaumkm.core.money import format_rupiah

register = template.Library()


@register.filter
def rupiah(value):
    return format_rupiah(value)


@register.filter
def nik_masked(value):
    return mask_nik(value)


@register.filter
def phone_masked(value):
    return mask_phone(value)


@register.filter
def wib(value, fmt="j M Y H.i"):
    """A datetime in WIB, e.g. '5 Jan 2026 14.30 WIB'."""
    if not value:
        return "–"
    return f"{date_format(localtime(value), fmt)} WIB"


@register.filter
def add_class(field, css):
    return field.as_widget(attrs={"class": f"{field.field.widget.attrs.get('class', '')} {css}".strip()})
