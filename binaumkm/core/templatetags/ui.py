"""Template helpers available in every template (registered as a builtin)."""

from django import template
from django.utils.formats import date_format
from django.utils.timezone import localtime

from binaumkm.core import rendering
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
def display(obj, field_name):
    """``{{ business|display:"status" }}``: what ``{{ business.get_status_display }}`` shows, cheaper
    for rows of a long list (core.rendering.choice_label)."""
    return rendering.choice_label(obj, field_name)


@register.simple_tag
def pk_url(viewname, pk):
    """``{% pk_url "registry:business_detail" b.pk %}``: what ``{% url "registry:business_detail" b.pk %}``
    gives, without a full reverse() per row (core.rendering.pk_url)."""
    return rendering.pk_url(viewname, pk)


@register.filter
def wib(value, fmt="j M Y H.i"):
    """A datetime in WIB, e.g. '5 Jan 2026 14.30 WIB'."""
    if not value:
        return "–"
    return f"{date_format(localtime(value), fmt)} WIB"


@register.filter
def add_class(field, css):
    return field.as_widget(attrs={"class": f"{field.field.widget.attrs.get('class', '')} {css}".strip()})


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms):
    """The errors of one or more submitted forms, each linked to its field, for the summary at the
    top of a form (includes/form.html shows it; pages that lay fields out themselves call it)."""
    general, fields = [], []
    for form in forms:
        if not form or not form.is_bound or not form.errors:
            continue
        general += form.non_field_errors()
        for bound in form:
            if bound.is_hidden:
                general += bound.errors
                continue
            # Radio buttons and checkbox lists have no id of their own: link to the first choice.
            anchor = bound.id_for_label or (f"{bound.auto_id}_0" if bound.auto_id else "")
            label = str(bound.label or bound.name).rstrip(".")
            for message in bound.errors:
                # "NIK wajib diisi." already names its field; "Format tidak valid." does not.
                named = label.lower() in str(message).lower()
                fields.append((anchor, message if named else f"{label}: {message}"))
    return {"general": general, "fields": fields, "count": len(general) + len(fields)}
