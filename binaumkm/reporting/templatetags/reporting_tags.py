"""Shares and confidence intervals as people read them: "62,5%" and "57,1–67,6%"."""

from django import template
from django.template.defaultfilters import floatformat

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
