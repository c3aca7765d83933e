"""The budget: lines planned by activity and account code, and realisations with their receipts. A
realisation that would take a line above its plan is refused unless a holder of ``override_budget``
overrides it explicitly with a written reason, which the audit log keeps."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.money import format_rupiah
from binaumkm.core.validators import validate_no_html

from .. import budget, conf
from ..events import Event
from ..models import BudgetLine, BudgetRealisation, Exhibition, State
from ..uploads import check_upload
from .common import lock_exhibition

LINE_FIELDS = ["activity_code", "account_code", "description", "planned"]


def _ensure_open(exhibition: Exhibition) -> None:
    if exhibition.state == State.REPORTED:
        raise ValidationError(_("Anggaran pameran yang sudah dilaporkan (LPJ) tidak dapat diubah."))


def _clean_line(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {
        "activity_code": budget.normalize_code(data.get("activity_code", ""), field="activity_code"),
        "account_code": budget.normalize_code(data.get("account_code", ""), field="account_code"),
        "description": (data.get("description") or "").strip()[:200],
        "planned": data.get("planned"),
    }
    if not cleaned["description"]:
        raise ValidationError({"description": _("Isi uraian belanja.")})
    validate_no_html(cleaned["description"])
    if not isinstance(cleaned["planned"], int) or cleaned["planned"] < 0:
        raise ValidationError({"planned": _("Pagu berupa rupiah bulat, 0 atau lebih.")})
    return cleaned


def realised(line: BudgetLine) -> int:
    return int(line.realisations.aggregate(total=Sum("amount"))["total"] or 0)


@transaction.atomic
def budget_line_save(
    *, actor: User, exhibition: Exhibition, data: dict[str, Any], line: BudgetLine | None = None
) -> BudgetLine:
    policy.require(actor, "change" if line else "add", line or BudgetLine)
    exhibition = lock_exhibition(exhibition)
    _ensure_open(exhibition)
    cleaned = _clean_line(data)
    line = line or BudgetLine(exhibition=exhibition)
    before = audit.snapshot(line, LINE_FIELDS) if line.pk else {}
    if line.pk and cleaned["planned"] < (spent := realised(line)):
        raise ValidationError(
            {"planned": _("Pagu tidak boleh di bawah realisasi yang sudah tercatat (%(spent)s).")
             % {"spent": format_rupiah(spent)}}
        )  # fmt: skip
    for field, value in cleaned.items():
        setattr(line, field, value)
    line.save()
    audit.record(
        actor=actor,
        action=Event.BUDGET_LINE_SAVED,
        obj=exhibition,
        changes=audit.diff(before, audit.snapshot(line, LINE_FIELDS)),
        data={"line": line.pk},
    )
    return line


@transaction.atomic
def realisation_add(
    *,
    actor: User,
    line: BudgetLine,
    amount: int,
    date: datetime.date,
    description: str = "",
    evidence=None,
    override: bool = False,
    reason: str = "",
) -> BudgetRealisation:
    """Record money spent on a line. Above the plan only with ``override`` and a reason, by a holder
    of ``override_budget``; the receipt (PDF, JPEG or PNG) is checked by its content and size."""
    policy.require(actor, "add", BudgetRealisation)
    exhibition = lock_exhibition(line.exhibition)
    _ensure_open(exhibition)
    line = BudgetLine.objects.select_for_update(of=("self",)).get(pk=line.pk)
    if not isinstance(amount, int) or amount < 0:
        raise ValidationError({"amount": _("Jumlah berupa rupiah bulat, 0 atau lebih.")})
    description = (description or "").strip()[:200]
    validate_no_html(description)
    spent = realised(line)
    over = budget.excess(line.planned, spent, amount)
    reason = (reason or "").strip()
    if over:
        if not override:
            raise ValidationError(
                {"amount": _(
                    "Realisasi ini membuat “%(line)s” melebihi pagu %(planned)s sebesar %(over)s. Centang "
                    "“setujui melebihi pagu” dan tulis alasannya bila memang disetujui."
                ) % {"line": line.description, "planned": format_rupiah(line.planned), "over": format_rupiah(over)}}
            )  # fmt: skip
        if not policy.can(actor, "override", line):
            raise ValidationError(
                {
                    "override": _(
                        "Realisasi melebihi pagu hanya dapat disetujui pemegang izin “setujui melebihi pagu”."
                    )
                }
            )
        if len(reason) < conf.OVERRIDE_REASON_MIN:
            raise ValidationError(
                {
                    "reason": _("Tulis alasan melebihi pagu (paling sedikit %(n)d karakter).")
                    % {"n": conf.OVERRIDE_REASON_MIN}
                }
            )
        validate_no_html(reason)
    entry = BudgetRealisation(
        line=line,
        amount=amount,
        date=date,
        description=description,
        over_plan_reason=reason[:500] if over else "",
        recorded_by=actor,
    )
    if evidence:
        entry.evidence_type = check_upload(
            evidence, allowed=("pdf", "jpg", "png"), max_bytes=conf.EVIDENCE_MAX_BYTES, field="evidence"
        )
        entry.evidence.save(f"bukti.{entry.evidence_type}", evidence, save=False)
    entry.save()
    audit.record(
        actor=actor,
        action=Event.BUDGET_REALISED,
        obj=exhibition,
        changes={"realised": [spent, spent + amount]},
        data={"line": line.pk, "amount": amount, "date": date.isoformat(), "evidence": bool(evidence)},
    )
    if over:
        audit.record(
            actor=actor,
            action=Event.BUDGET_OVERRIDDEN,
            obj=exhibition,
            changes={"realised": [spent, spent + amount]},
            data={"line": line.pk, "planned": line.planned, "over": over, "reason": entry.over_plan_reason},
        )
    return entry


@transaction.atomic
def evidence_open(*, actor: User, realisation: BudgetRealisation) -> BudgetRealisation:
    """Opening a receipt is logged: evidence is kept private."""
    policy.require(actor, "view", realisation)
    audit.record(actor=actor, action=Event.EVIDENCE_VIEWED, obj=realisation.line.exhibition,
                 data={"realisation": realisation.pk})  # fmt: skip
    return realisation
