from django import template

from ..models import percent_label

register = template.Library()


@register.filter
def percent(basis_points):
    """2000 -> '20 %'."""
    return percent_label(basis_points)


@register.filter
def multiply(value, other):
    return (value or 0) * (other or 0)
