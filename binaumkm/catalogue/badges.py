"""Legality badges of a listed product (no database): P-IRT, halal and BPOM, each shown only while
the registry holds a number for it and its expiry date (when recorded) has not passed."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# (key, label, the business's number and expiry fields, the product's number field)
KINDS = (
    ("pirt", _("P-IRT"), "pirt_number", "pirt_expiry"),
    ("halal", _("Halal"), "halal_number", "halal_expiry"),
    ("bpom", _("BPOM"), "bpom_number", "bpom_expiry"),
)
LABELS = {key: label for key, label, _number, _expiry in KINDS}


@dataclass(frozen=True)
class Badge:
    key: str
    label: str


def badges(*, business, product, today: datetime.date) -> list[Badge]:
    found = []
    for key, label, number, expiry in KINDS:
        has_number = bool(getattr(business, number) or getattr(product, number, ""))
        until = getattr(business, expiry)
        if has_number and (until is None or until >= today):
            found.append(Badge(key, str(label)))
    return found


def badge_q(key: str, today: datetime.date) -> Q:
    """The same rule for a listing queryset (filter "has a valid <key>")."""
    _key, _label, number, expiry = next(kind for kind in KINDS if kind[0] == key)
    has_number = ~Q(**{f"business__{number}": ""}) | ~Q(**{f"product__{number}": ""})
    valid = Q(**{f"business__{expiry}__isnull": True}) | Q(**{f"business__{expiry}__gte": today})
    return has_number & valid
