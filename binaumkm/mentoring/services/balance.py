"""Balancing runs: propose a fair caseload for the UMKM staff selected (the pure ``balancing`` over
the shared solver), then confirm all or part of it, with any mentor staff changed by hand. Each
confirmed line is an ``engagement_assign``: capacity is checked again under the mentor's lock."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.registry.models import Business

from .. import balancing, conf
from ..events import Event
from ..models import BalanceRun, Mentor, Programme
from ..selectors.balance import balance_cases, balance_mentors
from ..selectors.common import kelurahan_neighbours
from .engagements import _notify_assigned, engagement_assign


def balance_propose(business_ids: list[int]) -> tuple[balancing.Result, dict[int, str], dict[int, str]]:
    """(the proposal, business names, mentor names) for these UMKM, without writing anything."""
    cases, business_names = balance_cases(business_ids)
    mentors, mentor_names = balance_mentors()
    result = balancing.propose(
        cases,
        mentors,
        kelurahan_neighbours(),
        balancing.Weights.from_conf(),
        shortlist=conf.BALANCE_SHORTLIST,
    )
    return result, business_names, mentor_names


@transaction.atomic
def balance_run_create(
    *, actor: User, programme: Programme, business_ids: list[int], scope: str
) -> BalanceRun:
    policy.require(actor, "add", BalanceRun)
    if not business_ids:
        raise ValidationError(_("Tidak ada UMKM yang cocok dengan pilihan ini (semua sudah didampingi?)."))
    if len(business_ids) > conf.BALANCE_MAX_CASES:
        raise ValidationError(
            _("Terlalu banyak UMKM untuk satu usulan (%(n)d; paling banyak %(max)d). Persempit pilihannya.")
            % {"n": len(business_ids), "max": conf.BALANCE_MAX_CASES}
        )
    if not programme.is_active:
        raise ValidationError({"programme": _("Program ini tidak aktif.")})
    result, business_names, mentor_names = balance_propose(business_ids)
    proposals = [
        {"business": p.business_id, "business_name": business_names[p.business_id], "mentor": p.mentor_id,
         "mentor_name": mentor_names[p.mentor_id], "fit": p.fit, "reasons": p.reasons}
        for p in result.proposals
    ]  # fmt: skip
    run = BalanceRun.objects.create(
        created_by=actor, scope=scope[:300], programme=programme, proposals=proposals,
        unfilled=[{"business": b, "business_name": business_names[b]} for b in result.unfilled], stats=result.stats,
    )  # fmt: skip
    audit.record(actor=actor, action=Event.BALANCE_PROPOSED, obj=run,
                 data={"umkm": len(business_ids), "proposed": len(proposals), "unfilled": len(result.unfilled)})  # fmt: skip
    return run


def balance_run_confirm(
    *, actor: User, run: BalanceRun, choices: dict[int, int | None]
) -> tuple[list[Any], list[tuple[dict, str]]]:
    """Assign the chosen lines: {proposal index: mentor id (the proposed one or staff's change)}.
    Each line is its own transaction (one full mentor refuses that line, not the run). Returns
    (engagements created, [(proposal, reason refused)])."""
    policy.require(actor, "confirm", run)
    created, refused = [], []
    mentors = {
        m.pk: m
        for m in Mentor.objects.filter(pk__in={m for m in choices.values() if m}).select_related("user")
    }
    businesses = Business.objects.in_bulk(
        [run.proposals[i]["business"] for i in choices if 0 <= i < len(run.proposals)]
    )
    done = set(run.stats.get("assigned", []))
    for index, mentor_id in sorted(choices.items()):
        if not 0 <= index < len(run.proposals) or index in done:
            continue
        proposal = run.proposals[index]
        mentor, business = mentors.get(mentor_id or 0), businesses.get(proposal["business"])
        if mentor is None or business is None:
            refused.append((proposal, _("pendamping atau UMKM tidak ditemukan")))
            continue
        reasons = proposal["reasons"] if mentor.pk == proposal["mentor"] else [["manual", {}]]
        try:
            engagement = engagement_assign(actor=actor, business=business, mentor=mentor, programme=run.programme,
                                           reasons=reasons, run=run, notify=False)  # fmt: skip
        except ValidationError as exc:
            refused.append((proposal, " ".join(exc.messages)))
            continue
        created.append(engagement)
        done.add(index)
    with transaction.atomic():
        run = BalanceRun.objects.select_for_update().get(pk=run.pk)
        run.stats = {**run.stats, "assigned": sorted(set(run.stats.get("assigned", [])) | done)}
        run.confirmed_at, run.confirmed_by = timezone.now(), actor
        run.save(update_fields=["stats", "confirmed_at", "confirmed_by", "updated_at"])
        audit.record(actor=actor, action=Event.BALANCE_CONFIRMED, obj=run,
                     data={"assigned": len(created), "refused": len(refused)})  # fmt: skip
        if created:
            _notify_assigned([e.pk for e in created])
    return created, refused
