"""The supervisor's view and the honorarium report."""

import datetime

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from binaumkm.core.policy import permission_required

from .. import conf, selectors
from ..policy import SUPERVISE


def _int(value, default: int, low: int, high: int) -> int:
    return min(max(int(value), low), high) if str(value).isdigit() else default


@permission_required(SUPERVISE)
def supervision(request):
    days = _int(request.GET.get("hari", ""), conf.NO_CONTACT_DAYS, 1, 365)
    quiet = Paginator(selectors.engagements_without_contact(actor=request.user, days=days), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "mentoring/staff/supervision.html", {
        "days": days, "page_obj": quiet, "mentors": selectors.mentor_loads_table(actor=request.user),
        "minutes": selectors.confirmed_minutes(actor=request.user), "outcome": selectors.outcome_summary(actor=request.user),
        "today": timezone.localdate(),
    })  # fmt: skip


@permission_required(SUPERVISE)
def honorarium(request):
    today = timezone.localdate()
    try:
        month = datetime.date.fromisoformat((request.GET.get("bulan") or "")[:7] + "-01")
    except ValueError:
        month = today.replace(day=1)
    if not 2000 <= month.year <= today.year + 1:  # a typed 9999-12 would overflow the month after it
        month = today.replace(day=1)
    rows = selectors.honorarium(actor=request.user, month=month)
    return render(request, "mentoring/staff/honorarium.html", {
        "month": month, "rows": rows, "rate": conf.HONORARIUM_PER_HOUR,
        "total_minutes": sum(r["minutes"] for r in rows), "total_amount": sum(r["amount"] for r in rows),
    })  # fmt: skip
