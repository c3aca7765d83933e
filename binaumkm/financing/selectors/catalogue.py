"""Reads of the scheme catalogue: the public list of active schemes, and staff's pages."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from binaumkm.core import policy
from binaumkm.core.policy import Actor

from ..models import Branch, Provider, Scheme


def scheme_public_list() -> QuerySet[Scheme]:
    """Active schemes with the active offices that take referrals (public page: no personal data)."""
    return (
        Scheme.objects.filter(is_active=True, provider__is_active=True)
        .select_related("provider")
        .prefetch_related(
            Prefetch("branches", Branch.objects.filter(is_active=True).select_related("provider"))
        )
        .order_by("-kind", "amount_max", "name")
    )


def scheme_public_get(code: str) -> Scheme:
    return get_object_or_404(scheme_public_list(), code=code)


def provider_list(*, actor: Actor) -> QuerySet[Provider]:
    return (
        policy.scope(actor, "view", Provider)
        .annotate(n_schemes=Count("schemes", distinct=True))
        .prefetch_related(
            Prefetch("branches", Branch.objects.annotate(n_officers=Count("officers")).order_by("name"))
        )
        .order_by("name")
    )


def provider_get(*, actor: Actor, pk: int, action: str = "view") -> Provider:
    return policy.get_object_or_404(actor, action, Provider, pk=pk)


def branch_get(*, actor: Actor, pk: int, action: str = "view") -> Branch:
    return policy.get_object_or_404(
        actor, action, Branch.objects.select_related("provider").prefetch_related("officers"), pk=pk
    )


def scheme_list(*, actor: Actor) -> QuerySet[Scheme]:
    return (
        policy.scope(actor, "view", Scheme)
        .select_related("provider")
        .annotate(n_open=Count("referrals", filter=~Q(referrals__state__in=["selesai", "ditarik", "kedaluwarsa", "ditolak"])))
        .order_by("-is_active", "provider__name", "amount_max", "name")
    )  # fmt: skip


def scheme_get(*, actor: Actor, pk: int, action: str = "view") -> Scheme:
    return policy.get_object_or_404(
        actor, action, Scheme.objects.select_related("provider").prefetch_related("branches"), pk=pk
    )


def branches_for_referral(scheme: Scheme) -> QuerySet[Branch]:
    return (
        scheme.branches.filter(is_active=True).select_related("provider").order_by("provider__name", "name")
    )


def branch_officer(branch: Branch, *, pk: int):
    """One officer of the branch, or 404."""
    return get_object_or_404(branch.officers.all(), pk=pk)
