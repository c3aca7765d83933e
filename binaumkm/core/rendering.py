"""Cheap stand-ins for the template calls a busy page makes once per row (issue 14): the same text
and URLs, without Django's general-purpose machinery on every call.

- ``choice_label(obj, "status")`` gives what ``obj.get_status_display()`` gives. Django's version
  rebuilds a dict of every choice (``make_hashable``, a translation per label) on each call; here
  the dict is built once per field and language.
- ``pk_url("registry:business_detail", pk)`` gives what ``reverse(name, args=[pk])`` gives for an
  integer pk: the URL is reversed once with a marker and the pk written in its place.
- ``quick_format_html(template, *args, **kwargs)`` is ``format_html`` without its cost for text
  that has nothing to escape (most of it).
- ``date_label(day, "F Y")`` gives what ``date_format(day, "F Y")`` gives for a date, remembered
  per day, format and language (a dashboard writes the same few dozen months over and over).
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any

from django.db.models import Model
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.encoding import force_str
from django.utils.formats import FORMAT_SETTINGS, date_format
from django.utils.functional import Promise
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


@lru_cache(maxsize=512)
def _choice_labels(model: type[Model], name: str, language: str | None) -> dict[Any, Any]:
    field = model._meta.get_field(name)
    return {make_hashable(value): force_str(label, strings_only=True) for value, label in field.flatchoices}  # type: ignore[union-attr]


def choice_label(obj: Model, name: str):
    """The label of ``obj``'s choice field ``name`` in the active language, as Django's
    ``get_FOO_display()`` gives it (a value outside the choices comes back as it is)."""
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)  # type: ignore[union-attr]
    labels = _choice_labels(obj._meta.concrete_model or type(obj), name, get_language())
    try:
        return labels[value]
    except (KeyError, TypeError):  # not a choice, or unhashable (make_hashable turns it into a key)
        return force_str(labels.get(make_hashable(value), value), strings_only=True)


_MARKER = 918273645  # an integer no real route contains


@lru_cache(maxsize=512)
def _pk_url_parts(viewname: str, urlconf: str | None, prefix: str) -> tuple[str, str] | None:
    try:
        url = reverse(viewname, urlconf=urlconf, args=[_MARKER])
    except NoReverseMatch:  # not an integer route: pk_url() reverses each call
        return None
    if url.count(str(_MARKER)) != 1:
        return None
    head, _marker, tail = url.partition(str(_MARKER))
    return head, tail


def pk_url(viewname: str, pk) -> str:
    """``reverse(viewname, args=[pk])`` for a route whose one argument is an integer pk."""
    if type(pk) is int and pk >= 0:
        parts = _pk_url_parts(viewname, get_urlconf(), get_script_prefix())
        if parts is not None:
            return f"{parts[0]}{pk}{parts[1]}"
    return reverse(viewname, args=[pk])


@lru_cache(maxsize=4096)
def _date_label(day: datetime.date, fmt: str, language: str | None) -> str:
    return date_format(day, fmt)


def date_label(day, fmt: str) -> str:
    """``date_format(day, fmt)`` for a date and a literal format such as ``"F Y"`` (a named format,
    e.g. ``"DATE_FORMAT"``, comes from settings and is formatted each time)."""
    if type(day) is datetime.date and fmt not in FORMAT_SETTINGS:
        return _date_label(day, fmt, get_language())
    return date_format(day, fmt)


_NEEDS_ESCAPING = re.compile("[&<>\"']").search


def escaped(value) -> str:
    """``conditional_escape(value)``, without its cost for the usual text with nothing to escape."""
    if isinstance(value, Promise) or hasattr(value, "__html__"):
        return conditional_escape(value)
    text = str(value)
    return escape(text) if _NEEDS_ESCAPING(text) else text


def quick_format_html(template: str, *args, **kwargs) -> SafeString:
    """``format_html(template, *args, **kwargs)``: the same text, every argument escaped."""
    return mark_safe(  # noqa: S308 - every argument is escaped
        template.format(*(escaped(a) for a in args), **{k: escaped(v) for k, v in kwargs.items()})
    )
