"""Reads at and after the exhibition: who checked in and reported, the outcome for the report, and
what the module contributes to the pages that gather every module (``core.hooks``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.core import policy
from binaumkm.core.hooks import TimelineEvent, Todo
from binaumkm.core.models import Kecamatan
from binaumkm.core.policy import Actor
from binaumkm.registry.choices import ProductCategory
from binaumkm.registry.models import Business

from .. import report
from ..models import (
    Application,
    Assignment,
    AssignmentState,
    BudgetLine,
    CheckIn,
    Exhibition,
    Release,
    SalesReport,
    State,
    Status,
    Tier,
)
from .records import budget_lines, budget_totals, curated_exhibitions, curation_queue

# --- At the event ---------------------------------------------------------------------------------


def event_status(*, actor: Actor, exhibition: Exhibition, day: datetime.date) -> list[dict[str, Any]]:
    """Per assigned booth: checked in today, and whether that day's sales are reported."""
    policy.require(actor, "view", exhibition)
    rows = (
        policy.scope(actor, "view", Assignment)
        .filter(application__exhibition=exhibition, state=AssignmentState.ASSIGNED)
        .select_related("booth__venue", "application__business__owner")
        .annotate(
            here=Exists(CheckIn.objects.filter(assignment=OuterRef("pk"), date=day)),
            reported=Exists(SalesReport.objects.filter(assignment=OuterRef("pk"), date=day)),
        )
        .order_by("venue__start_date", "venue_id", "booth__code")
    )
    return [
        {"assignment": a, "here": a.here, "reported": a.reported}
        for a in rows
        if a.booth.venue.start_date <= day <= a.booth.venue.end_date
    ]


# --- Hooks (core.hooks) ---------------------------------------------------------------------------


def todo_items(*, actor: Actor) -> list[Todo]:
    """Owners: offers to answer, check-in and sales to report today; curators: applications to score."""
    items: list[Todo] = []
    if not getattr(actor, "is_authenticated", False):
        return items
    own = policy.can(actor, "own", Assignment)  # else the owners' items are empty: not built
    for a in (
        policy.scope(actor, "own", Assignment)
        .filter(state=AssignmentState.HELD)
        .select_related("booth", "application__exhibition")
        if own
        else ()
    ):
        items.append(Todo(_("Jawab tawaran booth %(booth)s: %(name)s") % {"booth": a.booth.code, "name": a.application.exhibition.name},
                          reverse("exhibitions:my_application", args=[a.application_id]), a.expires_at, True, "pameran"))  # fmt: skip
    today = timezone.localdate()
    running = (
        policy.scope(actor, "own", Assignment)
        .filter(state=AssignmentState.ASSIGNED, application__exhibition__state=State.RUNNING)
        .exclude(sales__date=today)
        .select_related("booth", "application__exhibition")
        if own
        else ()
    )
    for a in running:
        items.append(Todo(_("Laporkan penjualan hari ini di booth %(booth)s") % {"booth": a.booth.code},
                          reverse("exhibitions:sales_report", args=[a.pk]), today, False, "pameran"))  # fmt: skip
    for exhibition in curated_exhibitions(actor=actor).filter(state__in=(State.OPEN_CALL, State.CURATION)):
        left = (
            curation_queue(actor=actor, exhibition=exhibition)
            .filter(status=Status.ELIGIBLE)
            .exclude(reviews__curator_id=getattr(actor, "pk", None))
            .count()
        )
        if left:
            items.append(Todo(_("Nilai %(n)d pendaftar %(name)s") % {"n": left, "name": exhibition.name},
                              reverse("exhibitions:curation_queue", args=[exhibition.pk]), None, False, "pameran"))  # fmt: skip
    return items


def business_timeline(*, business: Business, since: datetime.date | None = None) -> list[TimelineEvent]:
    qs = Application.objects.filter(business=business).select_related("exhibition")
    if since:
        qs = qs.filter(submitted_at__date__gte=since)
    return [
        TimelineEvent(localtime(a.submitted_at).date(), "pameran",
                      f"{a.exhibition.name}: {a.get_status_display()}",
                      reverse("exhibitions:application_detail", args=[a.pk]))
        for a in qs.order_by("submitted_at")
    ]  # fmt: skip


# --- The report -----------------------------------------------------------------------------------


def outcome(*, actor: Actor, exhibition: Exhibition, lines: list[BudgetLine] | None = None) -> report.Outcome:
    """Sales per booth, sector and kecamatan, return per rupiah, first-timers and spread, in a few
    queries whatever the number of booths."""
    policy.require(actor, "report", exhibition)
    lines = budget_lines(actor=actor, exhibition=exhibition) if lines is None else lines
    totals = budget_totals(lines)
    assignments = (
        Assignment.objects.filter(application__exhibition=exhibition)
        .filter(Q(state=AssignmentState.ASSIGNED) | Q(release_reason=Release.NO_SHOW) | Exists(
            CheckIn.objects.filter(assignment=OuterRef("pk"))))
        .exclude(release_reason__in=(Release.DECLINED, Release.EXPIRED))
        .select_related("booth__venue", "application__business__owner", "application__kecamatan")
        .annotate(checked=Exists(CheckIn.objects.filter(assignment=OuterRef("pk"))))
        .order_by("venue__start_date", "venue_id", "booth__code")
    )  # fmt: skip
    labels = dict(ProductCategory.choices)
    participants = [
        report.Participant(
            assignment_id=a.pk, booth=a.booth.code, venue=a.booth.venue.name,
            business=a.application.business.name, owner=a.application.business.owner.full_name,
            sector=str(labels.get(a.application.sector, a.application.sector)),
            kecamatan=a.application.kecamatan.name if a.application.kecamatan else "-",
            first_timer=a.application.tier == Tier.NEW, checked_in=a.checked,
        )
        for a in assignments
    ]  # fmt: skip
    sales = [
        report.Sale(*row)
        for row in SalesReport.objects.filter(assignment__application__exhibition=exhibition)
        .order_by("assignment_id", "date")
        .values_list("assignment_id", "date", "gross", "transactions", "cash", "qris", "leads")
    ]
    return report.outcome(
        participants,
        sales,
        planned=int(totals["planned"] or 0),
        realised=int(totals["realised"] or 0),
        kecamatan_total=Kecamatan.objects.count(),
    )


def daily_sales(*, exhibition: Exhibition) -> list[tuple[SalesReport, Assignment]]:
    rows = (
        SalesReport.objects.filter(assignment__application__exhibition=exhibition)
        .select_related("assignment__booth__venue", "assignment__application__business")
        .order_by("date", "assignment__venue__start_date", "assignment__booth__code")
    )
    return [(r, r.assignment) for r in rows]


def businesses_exhibited(since: datetime.date | None = None):
    """The ``outcome_steps`` "exhibited" selector: businesses checked in at an exhibition (applied on
    or after ``since``), as a queryset of business ids."""
    qs = Application.objects.filter(status=Status.CHECKED_IN)
    if since is not None:
        qs = qs.filter(submitted_at__date__gte=since)
    return qs.values("business_id").distinct()
