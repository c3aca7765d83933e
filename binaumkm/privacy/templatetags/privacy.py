"""How a cell of a personal-data table is shown: money as rupiah, times in WIB, yes/no."""

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from binaumkm.core.templatetags.ui import rupiah, wib

register = template.Library()


@register.simple_tag
def cell(value, column):
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, datetime.datetime):
        return wib(value)
    if isinstance(value, datetime.date):
        return date_format(value, "j M Y")
    if isinstance(value, int) and "(Rp)" in str(column):
        return rupiah(value)
    return value


@register.filter
def pair(row, columns):
    """(column, value) for each cell of a row."""
    return list(zip(columns, row, strict=False))
