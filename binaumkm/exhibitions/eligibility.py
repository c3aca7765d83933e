"""The automatic checks of an application, on plain facts (no database): the business is verified
and not closed, it brings products it sells, in a target sector, and food and drink carry a P-IRT or
BPOM number whose licence is valid until the exhibition's last day. One sentence per failed rule."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from binaumkm.registry.choices import BusinessStatus, ProductCategory, Verification


@dataclass(frozen=True)
class ProductFacts:
    name: str
    category: str
    is_active: bool
    pirt_number: str = ""
    bpom_number: str = ""


@dataclass(frozen=True)
class BusinessFacts:
    verification: str
    status: str
    pirt_number: str = ""
    pirt_expiry: datetime.date | None = None
    bpom_number: str = ""
    bpom_expiry: datetime.date | None = None


def sector_of(categories: Sequence[str]) -> str:
    """The application's sector: the category most of its products are in (ties: the first listed)."""
    if not categories:
        return ""
    counts = Counter(categories)
    best = max(counts.values())
    return next(c for c in categories if counts[c] == best)


def _date(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _licence_problem(product: ProductFacts, business: BusinessFacts, last_day: datetime.date) -> str | None:
    """Food and drink need a P-IRT or BPOM number (on the product or the business) whose licence
    has not expired before the exhibition ends."""
    licences = []
    if product.pirt_number or business.pirt_number:
        licences.append(("P-IRT", business.pirt_expiry if business.pirt_number else None))
    if product.bpom_number or business.bpom_number:
        licences.append(("BPOM", business.bpom_expiry if business.bpom_number else None))
    if not licences:
        return _("Produk pangan “%(name)s” belum punya nomor P-IRT atau BPOM.") % {"name": product.name}
    if any(expiry is None or expiry >= last_day for _name, expiry in licences):
        return None
    name, expiry = max(licences, key=lambda pair: pair[1] or datetime.date.min)
    return _(
        "Izin %(licence)s untuk “%(name)s” berlaku sampai %(until)s, sebelum acara berakhir (%(last)s)."
    ) % {
        "licence": name,
        "name": product.name,
        "until": _date(expiry) if expiry else "-",
        "last": _date(last_day),
    }


def problems(
    business: BusinessFacts,
    products: Sequence[ProductFacts],
    *,
    last_day: datetime.date,
    target_sectors: Sequence[str] = (),
) -> list[str]:
    """Every unmet rule, in plain Indonesian; an empty list means the application is eligible."""
    found: list[str] = []
    if business.verification != Verification.VERIFIED:
        found.append(_("Usaha belum terverifikasi oleh dinas."))
    if business.status == BusinessStatus.CLOSED:
        found.append(_("Usaha berstatus tutup."))
    if not products:
        found.append(_("Pilih sekurangnya satu produk yang akan dibawa."))
    for product in products:
        if not product.is_active:
            found.append(_("Produk “%(name)s” sedang tidak dijual (nonaktif).") % {"name": product.name})
        is_food = product.category in ProductCategory.food_like()
        if is_food and (problem := _licence_problem(product, business, last_day)):
            found.append(problem)
    sector = sector_of([p.category for p in products])
    if target_sectors and sector and sector not in target_sectors:
        labels = ", ".join(
            str(ProductCategory(s).label) for s in target_sectors if s in ProductCategory.values
        )
        found.append(
            _("Sektor “%(sector)s” bukan sasaran acara ini (sasaran: %(targets)s).")
            % {"sector": ProductCategory(sector).label, "targets": labels}
        )
    return found
