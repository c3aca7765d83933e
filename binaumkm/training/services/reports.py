"""Reports that leave the system: the coverage export is recorded (who took which figures)."""

from __future__ import annotations

from django.db import transaction

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy

from ..coverage import coverage_xlsx
from ..events import Event
from ..models import Registration
from ..selectors import coverage


@transaction.atomic
def coverage_export(*, actor: User, year: int | None = None, topic: str | None = None) -> bytes:
    """The coverage report as an .xlsx workbook, with an audit entry naming the filters."""
    policy.require(actor, "report", Registration)
    data = coverage_xlsx(coverage(actor=actor, year=year, topic=topic))
    filters = {"year": year, "topic": topic}
    audit.record(actor=actor, action=Event.COVERAGE_EXPORTED, data={k: v for k, v in filters.items() if v})
    return data
