"""Nomination lists (staff): create, add UMKM, remove, and export all-or-nothing after every row is
checked (``financing.nominating``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.registry.models import Business

from .. import conf, nominating
from ..events import Event
from ..models import Nomination, NominationList, NominationState, NominationTarget, Scheme, SchemeKind
from ..selectors import nominations as reads


def layouts() -> dict[str, Any]:
    return dict(conf.NOMINATION_LAYOUTS)


@transaction.atomic
def nomination_list_create(
    *, actor: User, title: str, target: str, layout: str, scheme: Scheme | None = None
) -> NominationList:
    policy.require(actor, "add", NominationList)
    if layout not in layouts():
        raise ValidationError({"layout": _("Susunan kolom tidak dikenal.")})
    problems = nominating.layout_problems(layouts()[layout].get("columns"))
    if problems:
        raise ValidationError({"layout": problems})
    if target == NominationTarget.GRANT and (scheme is None or scheme.kind != SchemeKind.GRANT):
        raise ValidationError({"scheme": _("Pilih skema hibah untuk daftar ini.")})
    nomination_list = NominationList.objects.create(
        title=title.strip()[:150], target=target, layout=layout, scheme=scheme, created_by=actor
    )
    audit.record(
        actor=actor, action=Event.NOMINATION_LIST_CREATED, obj=nomination_list, data={"layout": layout}
    )
    return nomination_list


def _editable(nomination_list: NominationList) -> None:
    if nomination_list.state != NominationState.DRAFT:
        raise ValidationError(_("Daftar ini sudah diekspor; buat daftar baru untuk usulan berikutnya."))


@transaction.atomic
def nominations_add(
    *, actor: User, nomination_list: NominationList, businesses: QuerySet[Business], limit: int = 5000
) -> int:
    """Add up to ``limit`` of the businesses (those already in the list are skipped). Grants get the
    scheme's amount."""
    policy.require(actor, "change", nomination_list)
    nomination_list = (
        NominationList.objects.select_for_update(of=("self",))
        .select_related("scheme")
        .get(pk=nomination_list.pk)
    )
    _editable(nomination_list)
    have = set(nomination_list.nominations.values_list("business_id", flat=True))
    amount = nomination_list.scheme.amount_max if nomination_list.scheme else None
    new = [
        Nomination(nomination_list=nomination_list, business_id=pk, nik=nik, amount=amount)
        for pk, nik in businesses.exclude(pk__in=have)
        .values_list("pk", "owner__nik")
        .order_by("name", "pk")[:limit]
    ]
    Nomination.objects.bulk_create(new, batch_size=1000)
    audit.record(actor=actor, action=Event.NOMINATIONS_ADDED, obj=nomination_list, data={"added": len(new)})
    return len(new)


@transaction.atomic
def nomination_remove(*, actor: User, nomination: Nomination) -> None:
    nomination_list = nomination.nomination_list
    policy.require(actor, "change", nomination_list)
    _editable(nomination_list)
    label = str(nomination.business)
    nomination.delete()
    audit.record(actor=actor, action=Event.NOMINATION_REMOVED, obj=nomination_list, data={"business": label})


@dataclass(frozen=True)
class Export:
    nomination_list: NominationList
    columns: list[list[str]]
    rows: list[dict[str, Any]]


@transaction.atomic
def nomination_list_export(*, actor: User, nomination_list: NominationList, fmt: str) -> Export:
    """Check every row; any problem refuses the whole export with one message per row (nothing is
    marked exported). Otherwise the list is exported: its NIKs now count for later lists."""
    policy.require(actor, "change", nomination_list)
    nomination_list = (
        NominationList.objects.select_for_update(of=("self",))
        .select_related("scheme")
        .get(pk=nomination_list.pk)
    )
    rows = reads.nomination_rows(nomination_list)
    if not rows:
        raise ValidationError(_("Daftar ini masih kosong."))
    niks = [row["nik"] for row in rows]
    scheme = nomination_list.scheme
    errors = nominating.check_rows(
        rows,
        nominated_elsewhere=reads.nominated_elsewhere(niks, exclude=nomination_list),
        active_kur=reads.active_kur(niks),
        amount_range=(scheme.amount_min, scheme.amount_max) if scheme else None,
    )
    if errors:
        raise ValidationError([str(e) for e in errors])
    for row in rows:  # the NIK as exported is what later lists are checked against
        Nomination.objects.filter(pk=row["nomination_id"]).exclude(nik=row["nik"]).update(nik=row["nik"])
    first = nomination_list.state == NominationState.DRAFT
    if first:
        nomination_list.state = NominationState.EXPORTED
        nomination_list.exported_at, nomination_list.exported_by = timezone.now(), actor
        nomination_list.save(update_fields=["state", "exported_at", "exported_by"])
    audit.record(actor=actor, action=Event.NOMINATION_LIST_EXPORTED, obj=nomination_list,
                 data={"rows": len(rows), "format": fmt, "first": first})  # fmt: skip
    return Export(nomination_list, layouts()[nomination_list.layout]["columns"], rows)
