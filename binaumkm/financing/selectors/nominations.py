"""Reads of nomination lists, and the plain rows ``financing.nominating`` checks and exports."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from binaumkm.core import policy
from binaumkm.core.policy import Actor

from ..models import Nomination, NominationList, NominationState, Referral, ReferralState, SchemeKind


def nomination_lists(*, actor: Actor) -> QuerySet[NominationList]:
    return (
        policy.scope(actor, "view", NominationList)
        .select_related("scheme", "created_by")
        .annotate(n=Count("nominations"))
        .order_by("-created_at", "-id")
    )


def nomination_list_get(*, actor: Actor, pk: int, action: str = "view") -> NominationList:
    return policy.get_object_or_404(actor, action, NominationList.objects.select_related("scheme"), pk=pk)


def nominations_of(nomination_list: NominationList) -> QuerySet[Nomination]:
    return nomination_list.nominations.select_related(
        "business__owner", "business__kelurahan__kecamatan"
    ).order_by("id")


def nomination_get(nomination_list: NominationList, *, pk: int) -> Nomination:
    return get_object_or_404(nomination_list.nominations.select_related("business"), pk=pk)


def nomination_rows(nomination_list: NominationList) -> list[dict]:
    """One plain row per nomination, numbered from 1 (the export's row numbers)."""
    from ..models import DocumentKind

    sku = dict(
        nomination_list.nominations.filter(
            business__financing_documents__kind=DocumentKind.SKU,
            business__financing_documents__replaced_at__isnull=True,
        ).values_list("business_id", "business__financing_documents__number")
    )
    rows = []
    for n, item in enumerate(nominations_of(nomination_list), start=1):
        b, owner = item.business, item.business.owner
        rows.append({
            "row": n, "nomination_id": item.pk, "business_id": b.pk, "reference": b.reference, "nik": owner.nik,
            "full_name": owner.full_name, "gender": owner.gender, "phone": owner.phone,
            "business_name": b.name, "nib": b.nib or "", "nib_or_sku": b.nib or sku.get(b.pk) or "",
            "kbli_code": b.kbli_code, "sector": b.get_kbli_section_display(), "address": b.address,
            "kelurahan": b.kelurahan.name, "kecamatan": b.kelurahan.kecamatan.name,
            "kelurahan_code": b.kelurahan.code, "year_founded": b.year_founded, "employees": b.employees,
            "annual_sales": b.annual_sales, "amount": item.amount, "verification": b.verification,
            "status": b.status,
        })  # fmt: skip
    return rows


def nominated_elsewhere(niks: list[str], *, exclude: NominationList) -> dict[str, str]:
    """NIK -> the title of an exported list (any scheme) that already holds it."""
    found = (
        Nomination.objects.filter(nik__in=niks, nomination_list__state=NominationState.EXPORTED)
        .exclude(nomination_list=exclude)
        .order_by("nomination_list__exported_at")
        .values_list("nik", "nomination_list__title")
    )
    return dict(reversed(list(found)))  # the earliest list named


def active_kur(niks: list[str]) -> dict[str, str]:
    """NIK -> the KUR disbursed through a referral and not yet closed."""
    found = Referral.objects.filter(
        state=ReferralState.DISBURSED, scheme__kind=SchemeKind.LOAN, scheme__family__iexact="KUR",
        business__owner__nik__in=niks,
    ).values_list("business__owner__nik", "scheme__name", "branch__provider__short_name")  # fmt: skip
    return {nik: f"{scheme}, {bank}" for nik, scheme, bank in found}
