"""Reads of the registry, always starting from what the actor may see."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from binaumkm.accounts.roles import is_agency
from binaumkm.core.models import Kelurahan

from .models import Business, Owner, Product, TurnoverReport


def business_visible(*, actor) -> QuerySet[Business]:
    """Agency staff see every business; an owner sees their own; anyone else sees none."""
    qs = Business.objects.all()
    if is_agency(actor):
        return qs
    if getattr(actor, "is_authenticated", False):
        return qs.filter(owner__user=actor)
    return qs.none()


def business_owned(*, actor) -> QuerySet[Business]:
    """The actor's own businesses (owner self-service), whatever other roles they hold."""
    if not getattr(actor, "is_authenticated", False):
        return Business.objects.none()
    return Business.objects.filter(owner__user=actor).select_related("owner", "kelurahan__kecamatan")


def business_list(*, actor, filters: dict | None = None) -> QuerySet[Business]:
    filters = filters or {}
    qs = business_visible(actor=actor).select_related("owner", "kelurahan__kecamatan")
    if q := (filters.get("q") or "").strip():
        digits = q.replace(" ", "")
        query = Q(name__icontains=q) | Q(owner__full_name__icontains=q)
        if digits.isdigit():
            query |= Q(nib__startswith=digits)
        qs = qs.filter(query)
    if kecamatan := filters.get("kecamatan"):
        # A subquery, not a join: lets the database count from the covering index alone.
        qs = qs.filter(kelurahan__in=Kelurahan.objects.filter(kecamatan=kecamatan).values("pk"))
    if kelurahan := filters.get("kelurahan"):
        qs = qs.filter(kelurahan=kelurahan)
    for field in ("kbli_section", "size_class", "status", "verification"):
        if value := filters.get(field):
            qs = qs.filter(**{field: value})
    return qs.order_by("name", "id")


def business_get(*, actor, pk) -> Business:
    """One business the actor may see, or 404."""
    return get_object_or_404(
        business_visible(actor=actor).select_related("owner", "kelurahan__kecamatan"), pk=pk
    )


def owner_visible(*, actor) -> QuerySet[Owner]:
    if is_agency(actor):
        return Owner.objects.all()
    if getattr(actor, "is_authenticated", False):
        return Owner.objects.filter(user=actor)
    return Owner.objects.none()


def product_get(*, actor, business: Business, pk) -> Product:
    return get_object_or_404(
        Product.objects.filter(business__in=business_visible(actor=actor)), pk=pk, business=business
    )


def turnover_series(*, business: Business, months: int = 24) -> list[TurnoverReport]:
    """The last ``months`` monthly reports, oldest first (for charts)."""
    return list(reversed(business.turnover_reports.order_by("-period")[:months]))
