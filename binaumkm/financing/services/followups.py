"""Follow-up after disbursement: staff assign each one (to a mentor or themselves); the assignee
records what they found."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy

from ..events import Event
from ..models import FollowUp

FIELDS = ("still_operating", "turnover", "employees", "collectability", "note")


@transaction.atomic
def followup_assign(*, actor: User, followup: FollowUp, assignee: User | None) -> FollowUp:
    policy.require(actor, "assign", followup)
    if assignee is not None and not (
        policy.holds(assignee, "financing.record_followup")
        or policy.holds(assignee, "financing.change_followup")
    ):
        raise ValidationError(
            {"assignee": _("Orang ini tidak bisa mencatat tindak lanjut (bukan pendamping atau staf).")}
        )
    before = str(followup.assigned_to) if followup.assigned_to_id else None
    followup.assigned_to = assignee
    followup.save(update_fields=["assigned_to"])
    audit.record(actor=actor, action=Event.FOLLOWUP_ASSIGNED, obj=followup,
                 changes={"assigned_to": [before, str(assignee) if assignee else None]})  # fmt: skip
    return followup


@transaction.atomic
def followup_record(*, actor: User, followup: FollowUp, data: dict[str, Any]) -> FollowUp:
    policy.require(actor, "record", followup)
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if data.get("still_operating") is None:
        raise ValidationError({"still_operating": _("Pilih apakah usaha masih berjalan.")})
    collectability = data.get("collectability")
    if collectability is not None and not 1 <= int(collectability) <= 5:
        raise ValidationError({"collectability": _("Kolektibilitas 1 sampai 5.")})
    if followup.due_on > timezone.localdate() + datetime.timedelta(days=31):
        raise ValidationError(_("Tindak lanjut ini belum jatuh tempo."))
    before = audit.snapshot(followup, FIELDS)
    for name in FIELDS:
        if name in data:
            setattr(followup, name, data[name] if data[name] is not None or name != "note" else "")
    followup.done_at, followup.done_by = timezone.now(), actor
    followup.save()
    audit.record(actor=actor, action=Event.FOLLOWUP_RECORDED, obj=followup,
                 changes=audit.diff(before, audit.snapshot(followup, FIELDS)))  # fmt: skip
    return followup
