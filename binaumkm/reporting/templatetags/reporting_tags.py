"""Shares and confidence intervals as people read them: "62,5%" and "57,1–67,6%"."""

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = template.Library()


def _pct(value) -> str:
    return "–" if value is None else f"{floatformat(100 * value, 1)}%"


@register.filter
def pct(value) -> str:
    """A share (0–1, a ``stats.Share`` or None) in per cent."""
    return _pct(getattr(value, "value", value))


@register.filter
def interval(value) -> str:
    """A 95 % interval (a pair of shares, or a ``stats.Share``) as "low–high%"."""
    pair = getattr(value, "interval", value)
    if not pair:
        return "–"
    return f"{floatformat(100 * pair[0], 1)}–{floatformat(100 * pair[1], 1)}%"


@register.filter
def points(value) -> str:
    """A difference of shares in percentage points, signed: "+12,3 poin"."""
    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{floatformat(abs(100 * value), 1)}"


@register.filter
def figure(value, unit="count") -> str:
    """A key figure as written: "1.234" or "62,5%" ("–" when there is none)."""
    from binaumkm.core.charts import UNITS

    return "–" if value is None else UNITS[unit].full(value)


@register.filter
def change(value, unit="count") -> str:
    """A change, signed: "+12", "−3" or, for a percent, "+1,5 poin" ("–" when a month is missing)."""
    from binaumkm.core.charts import UNITS

    if value is None:
        return "–"
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    text = UNITS["count"].full(abs(value))
    return f"{sign}{text} {_('poin')}" if unit == "percent" else f"{sign}{text}"


@register.filter
def as_of(value) -> str:
    """A module line's "as of": a datetime in WIB, a date as a date ("–" when there is no data)."""
    import datetime

    from django.utils.formats import date_format

    from binaumkm.core.templatetags.ui import wib

    if isinstance(value, datetime.datetime):
        return wib(value)
    return date_format(value, "j M Y") if value else "–"
