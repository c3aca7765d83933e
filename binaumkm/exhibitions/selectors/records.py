"""Reads of exhibitions, venues, booths, the budget, applications, owners' and curators' pages, each
starting from what the actor may see (``exhibitions.policy``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.models import AuditEntry, Kecamatan
from binaumkm.core.policy import Actor
from binaumkm.registry.choices import ProductCategory
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import business_owned

from .. import reasons
from ..apps import CURATE
from ..floorplan import Cell, floor_plan_svg
from ..models import (
    HOLDING,
    Application,
    Assignment,
    AssignmentState,
    Booth,
    BoothCategory,
    BudgetLine,
    BudgetRealisation,
    CurationCriterion,
    CurationReview,
    Curator,
    Exhibition,
    ExhibitionPhoto,
    SalesReport,
    State,
    Status,
    Venue,
)

APPLICATION_RELATED = ("business__owner", "business__kelurahan__kecamatan", "exhibition")


def when(dt: datetime.datetime | None) -> str:
    return f"{date_format(localtime(dt), 'j F Y H.i')} WIB" if dt else "-"


# --- Exhibitions ----------------------------------------------------------------------------------


def exhibition_list(*, actor: Actor, filters: dict[str, Any] | None = None) -> QuerySet[Exhibition]:
    filters = filters or {}
    qs = policy.scope(actor, "view", Exhibition).annotate(
        n_applications=Count("applications", distinct=True), n_venues=Count("venues", distinct=True)
    )
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(name__icontains=q)
    if state := filters.get("state"):
        qs = qs.filter(state=state)
    return qs.order_by("-created_at", "-id")


def exhibition_get(*, actor: Actor, pk: int, action: str = "view") -> Exhibition:
    return policy.get_object_or_404(actor, action, Exhibition, pk=pk)


def exhibition_history(*, actor: Actor, exhibition: Exhibition, limit: int = 15) -> list[AuditEntry]:
    policy.require(actor, "view", exhibition)
    return list(audit.history(exhibition)[:limit])


def exhibitions_open(*, now: datetime.datetime | None = None) -> QuerySet[Exhibition]:
    """Exhibitions taking applications now or soon: public."""
    now = now or timezone.now()
    return (
        Exhibition.objects.filter(state=State.OPEN_CALL, call_closes_at__gt=now)
        .prefetch_related("venues")
        .order_by("call_closes_at", "id")
    )


def exhibition_public_get(*, pk: int) -> Exhibition:
    """Any exhibition past planning (public); one in planning is a 404 outside the back office."""
    try:
        return Exhibition.objects.exclude(state=State.PLANNING).prefetch_related("venues").get(pk=pk)
    except Exhibition.DoesNotExist:
        raise Http404 from None


def sector_labels(values: list[str]) -> list[str]:
    labels = dict(ProductCategory.choices)
    return [str(labels.get(v, v)) for v in values or []]


def dates_of(exhibition: Exhibition) -> tuple[datetime.date | None, datetime.date | None]:
    venues = list(exhibition.venues.all())
    if not venues:
        return None, None
    return min(v.start_date for v in venues), max(v.end_date for v in venues)


def status_counts(exhibition: Exhibition) -> list[tuple[str, int, str]]:
    counts = dict(
        exhibition.applications.order_by().values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [(str(label), counts.get(value, 0), value) for value, label in Status.choices if counts.get(value)]


def venues_with_counts(exhibition: Exhibition) -> QuerySet[Venue]:
    return exhibition.venues.select_related("kelurahan").annotate(
        n_booths=Count("booths", distinct=True),
        n_taken=Count("booths", filter=Q(booths__assignments__state__in=HOLDING), distinct=True),
    )


def categories(exhibition: Exhibition) -> QuerySet[BoothCategory]:
    return exhibition.booth_categories.annotate(n_booths=Count("booths"))


def criteria(exhibition: Exhibition) -> QuerySet[CurationCriterion]:
    return exhibition.criteria.all()


def curators(exhibition: Exhibition) -> QuerySet[Curator]:
    return exhibition.curators.select_related("user")


def curator_candidates(*, actor: Actor, exhibition: Exhibition) -> list[User]:
    """Accounts holding the curator permission (through a role or directly), not yet on the panel."""
    policy.require(actor, "change", exhibition)
    from django.contrib.auth.models import Permission

    perm = Permission.objects.get(content_type__app_label="exhibitions", codename=CURATE.split(".")[1])
    holders = User.objects.filter(
        Q(groups__permissions=perm) | Q(user_permissions=perm), is_active=True
    ).distinct()
    return list(
        holders.exclude(pk__in=exhibition.curators.values("user_id")).order_by("full_name", "username")[:200]
    )


def photos(exhibition: Exhibition) -> QuerySet[ExhibitionPhoto]:
    return exhibition.photos.all()


def photo_get(*, actor: Actor, pk: int, action: str = "view") -> ExhibitionPhoto:
    return policy.get_object_or_404(
        actor, action, ExhibitionPhoto.objects.select_related("exhibition"), pk=pk
    )


# --- Budget ---------------------------------------------------------------------------------------


def budget_lines(*, actor: Actor, exhibition: Exhibition) -> list[BudgetLine]:
    lines = (
        policy.scope(actor, "view", BudgetLine)
        .filter(exhibition=exhibition)
        .annotate(realised=Sum("realisations__amount"))
        .prefetch_related(Prefetch("realisations", BudgetRealisation.objects.select_related("recorded_by")))
    )
    out: list[BudgetLine] = list(lines)
    for line in out:
        line.realised = int(line.realised or 0)  # type: ignore[attr-defined]
        line.over = max(line.realised - line.planned, 0)  # type: ignore[attr-defined]
        line.left = line.planned - line.realised  # type: ignore[attr-defined]
    return out


def budget_totals(lines: list[BudgetLine]) -> dict[str, int | float | None]:
    planned = sum(line.planned for line in lines)
    realised = sum(line.realised for line in lines)  # type: ignore[attr-defined]
    return {
        "planned": planned,
        "realised": realised,
        "left": planned - realised,
        "percent": round(realised * 100 / planned, 1) if planned else None,
    }


def budget_line_with_total(*, actor: Actor, line: BudgetLine) -> BudgetLine:
    """The line with ``realised`` and ``over`` set, as on the budget page."""
    return next(x for x in budget_lines(actor=actor, exhibition=line.exhibition) if x.pk == line.pk)


def budget_line_get(*, actor: Actor, pk: int, action: str = "view") -> BudgetLine:
    return policy.get_object_or_404(actor, action, BudgetLine.objects.select_related("exhibition"), pk=pk)


def realisation_get(*, actor: Actor, pk: int) -> BudgetRealisation:
    return policy.get_object_or_404(
        actor, "view", BudgetRealisation.objects.select_related("line__exhibition"), pk=pk
    )


# --- Venues and floor plans -----------------------------------------------------------------------


def venue_get(*, actor: Actor, pk: int, action: str = "view") -> Venue:
    return policy.get_object_or_404(
        actor, action, Venue.objects.select_related("exhibition", "kelurahan"), pk=pk
    )


def booth_get(*, actor: Actor, pk: int, action: str = "view") -> Booth:
    return policy.get_object_or_404(
        actor, action, Booth.objects.select_related("venue__exhibition", "category"), pk=pk
    )


def booths_of(venue: Venue) -> list[Booth]:
    """The venue's booths, each with ``holder``: its open offer or assignment (or None)."""
    holding = Assignment.objects.filter(state__in=HOLDING).select_related("application__business")
    booths = list(
        venue.booths.select_related("category").prefetch_related(
            Prefetch("assignments", holding, to_attr="holding")
        )
    )
    for booth in booths:
        booth.holder = booth.holding[0] if booth.holding else None  # type: ignore[attr-defined]
    return list(booths)


def booth_state(booth: Booth) -> str:
    holder = getattr(booth, "holder", None)
    if booth.blocked:
        return "blocked"
    if holder is None:
        return "free"
    return "assigned" if holder.state == AssignmentState.ASSIGNED else "held"


def floor_plan(venue: Venue, booths: list[Booth], *, staff: bool):
    """The SVG plan: staff see who holds each booth (linked), others only the booths' states."""
    labels = {"free": _("bebas"), "held": _("ditahan"), "assigned": _("terisi"), "blocked": _("diblokir")}
    cells = []
    for booth in booths:
        state, holder = booth_state(booth), getattr(booth, "holder", None)
        name = holder.application.business.name if staff and holder else ""
        title = f"{booth.code} · {booth.category.name} · {labels[state]}" + (f" · {name}" if name else "")
        href = (
            reverse("exhibitions:application_detail", args=[holder.application_id])
            if staff and holder
            else ""
        )
        cells.append(Cell(booth.code, booth.x, booth.y, booth.width, booth.height, state, title, name, href))
    return floor_plan_svg(
        venue.columns, venue.rows, cells, title=_("Denah %(venue)s") % {"venue": venue.name}
    )


def booth_by_token(*, actor: Actor, token: str) -> Booth:
    """The booth behind a QR code: for staff, and for the exhibitor it is assigned to; else 404."""
    qs = Booth.objects.select_related("venue__exhibition", "category")
    if policy.holds(actor, "exhibitions.view_booth"):
        return policy.get_object_or_404(actor, "view", qs, token=token)
    return policy.get_object_or_404(actor, "check_in", qs, token=token)


def booth_holder(booth: Booth) -> Assignment | None:
    return (
        booth.assignments.filter(state=AssignmentState.ASSIGNED)
        .select_related("application__business__owner")
        .prefetch_related("check_ins")
        .first()
    )


def booth_codes(*, ids: list[int | None]) -> dict[int, str]:
    return dict(Booth.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "code"))


def quota_rows(summary: dict[Any, dict[str, int]], *, kind: str) -> list[dict[str, Any]]:
    """Per kecamatan or sector: target vs filled of a preview or the published result, named."""
    if kind == "kecamatan":
        names = {str(k): v for k, v in Kecamatan.objects.values_list("pk", "name")}
    else:
        names = {k: str(v) for k, v in ProductCategory.choices}
    rows = [
        {"name": names.get(str(key), _("(lainnya)")), **row, "filled": row["reserved"] + row["open"]}
        for key, row in summary.items()
    ]
    return sorted(rows, key=lambda r: str(r["name"]))


def free_booths_for(exhibition: Exhibition) -> QuerySet[Booth]:
    return (
        Booth.objects.filter(venue__exhibition=exhibition, blocked=False)
        .exclude(assignments__state__in=HOLDING)
        .select_related("venue")
        .order_by("venue__start_date", "venue_id", "code")
    )


# --- Applications ---------------------------------------------------------------------------------


def application_list(
    *, actor: Actor, exhibition: Exhibition, filters: dict[str, Any] | None = None
) -> QuerySet[Application]:
    filters = filters or {}
    qs = (
        policy.scope(actor, "view", Application)
        .filter(exhibition=exhibition)
        .select_related(*APPLICATION_RELATED)
        .annotate(n_reviews=Count("reviews", distinct=True))
        .prefetch_related(
            Prefetch(
                "assignments",
                Assignment.objects.filter(state__in=HOLDING).select_related("booth"),
                to_attr="holding",
            )
        )
    )
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(business__name__icontains=q) | Q(business__owner__full_name__icontains=q))
    if status := filters.get("status"):
        qs = qs.filter(status=status)
    if exhibition.allocation_seed is not None:
        return qs.order_by("rank", "id")
    return qs.order_by("submitted_at", "id")


def application_get(*, actor: Actor, pk: int, action: str = "view") -> Application:
    return policy.get_object_or_404(
        actor, action, Application.objects.select_related(*APPLICATION_RELATED, "preferred_venue"), pk=pk
    )


def applications_by_id(*, actor: Actor, ids: list[int]) -> dict[int, Application]:
    return policy.scope(actor, "view", Application).select_related(*APPLICATION_RELATED).in_bulk(ids)


def assignments_of(application: Application) -> QuerySet[Assignment]:
    return (
        application.assignments.select_related("booth__venue", "booth__category")
        .prefetch_related("check_ins", "sales")
        .order_by("-state", "venue__start_date", "id")
    )


def reviews_of(*, actor: Actor, application: Application) -> QuerySet[CurationReview]:
    return (
        policy.scope(actor, "view", CurationReview)
        .filter(application=application)
        .select_related("curator")
        .prefetch_related("scores__criterion")
    )


def waitlist_position(application: Application) -> int | None:
    if application.status != Status.WAITLISTED or application.rank is None:
        return None
    ahead = application.exhibition.applications.filter(status=Status.WAITLISTED, rank__lt=application.rank)
    return ahead.count() + 1


def explanation(application: Application) -> list[str]:
    exhibition = application.exhibition
    summary = exhibition.allocation_summary or {}
    kec = application.kecamatan_id or application.business.kelurahan.kecamatan_id
    quotas = {
        "kecamatan": (summary.get("kecamatan", {}).get(str(kec)) or {}).get("target", 0),
        "sektor": (summary.get("sektor", {}).get(application.sector) or {}).get("target", 0),
    }
    kec_name = Kecamatan.objects.filter(pk=kec).values_list("name", flat=True).first() or "-"
    return reasons.explain(
        reasons.Facts(
            status=application.status,
            problems=tuple(application.problems or ()),
            curation_score=application.curation_score,
            threshold=exhibition.curation_threshold,
            weighted=exhibition.curation_weighted,
            weight=application.weight,
            tier=application.tier,
            first_timer_priority=exhibition.first_timer_priority,
            rotation_months=exhibition.rotation_months,
            pool=application.pool,
            rank=application.rank,
            kecamatan=kec_name,
            sector=str(ProductCategory(application.sector).label) if application.sector else "-",
            quotas=quotas,
            seed=exhibition.allocation_seed,
            published=when(exhibition.allocated_at),
            position=waitlist_position(application),
        )
    )


# --- Owners ---------------------------------------------------------------------------------------


def businesses_owned(*, actor: Actor) -> QuerySet[Business]:
    return business_owned(actor=actor)


def products_for(*, actor: Actor, businesses: QuerySet[Business]) -> QuerySet[Product]:
    # The owner's few business ids first: as a subquery, PostgreSQL planned this as a scan that ran
    # for minutes on the demo data.
    ids = list(businesses.values_list("pk", flat=True))
    return Product.objects.filter(business_id__in=ids).select_related("business").order_by("business", "name")


def applications_owned(*, actor: Actor, exhibition: Exhibition | None = None) -> QuerySet[Application]:
    qs = policy.scope(actor, "own", Application).select_related("exhibition", "business")
    if exhibition is not None:
        qs = qs.filter(exhibition=exhibition)
    return qs.order_by("-submitted_at", "-id")


def application_owned_get(*, actor: Actor, pk: int) -> Application:
    return policy.get_object_or_404(
        actor, "own", Application.objects.select_related(*APPLICATION_RELATED, "preferred_venue"), pk=pk
    )


def assignment_owned_get(*, actor: Actor, pk: int) -> Assignment:
    return policy.get_object_or_404(
        actor, "own", Assignment.objects.select_related("booth__venue", "application__exhibition", "application__business"),
        pk=pk,
    )  # fmt: skip


def sales_of(assignment: Assignment) -> QuerySet[SalesReport]:
    return assignment.sales.order_by("date")


def sales_report_get(*, actor: Actor, pk: int) -> SalesReport:
    return policy.get_object_or_404(actor, "view", SalesReport.objects.select_related("assignment"), pk=pk)


# --- Curators -------------------------------------------------------------------------------------


def curated_exhibitions(*, actor: Actor) -> QuerySet[Exhibition]:
    """The exhibitions whose panel the actor sits on."""
    return policy.scope(actor, "curate", Exhibition).order_by("-created_at", "-id")


def curation_queue(*, actor: Actor, exhibition: Exhibition) -> QuerySet[Application]:
    """The applications a curator scores (eligible ones), marked with whether they did."""
    mine = CurationReview.objects.filter(
        application=OuterRef("pk"), curator=actor if isinstance(actor, User) else None
    )
    return (
        policy.scope(actor, "curate", Application)
        .filter(exhibition=exhibition, status__in=(Status.ELIGIBLE, Status.CURATED, Status.NOT_PASSED))
        .select_related("business__kelurahan__kecamatan")
        .prefetch_related("products")
        .annotate(reviewed=Exists(mine))
        .order_by("submitted_at", "id")
    )


def my_review(*, actor: Actor, application: Application) -> CurationReview | None:
    return (
        CurationReview.objects.filter(application=application, curator=actor)
        .prefetch_related("scores")
        .first()
        if isinstance(actor, User)
        else None
    )
