"""Catalogue page helpers: schema.org data as JSON-LD (escaped so no text can close the element)."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As django.utils.html.json_script: <, > and & never appear raw inside the element.
ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict):
    """A JSON-LD block (a data block: browsers do not run it, so the page's CSP is not involved)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def highlight(text, words):
    from binaumkm.core.search import highlight as mark

    return mark(text or "", words or [])
