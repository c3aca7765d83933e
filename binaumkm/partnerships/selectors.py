"""Reads of the partnership module, always starting from what the actor may see
(``partnerships.policy``): staff see every store; a store manager only the stores they manage; an owner
the offers and partnerships of their own businesses. Another party's object is a 404."""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, freshness, policy
from binaumkm.core.hooks import Todo
from binaumkm.core.models import AuditEntry
from binaumkm.core.policy import Actor
from binaumkm.registry.models import Business
from binaumkm.registry.selectors import business_eligible, business_timelines

from . import compliance, compliance_state, conf
from .models import (
    ComplianceState,
    LetterStatus,
    MatchRun,
    Partnership,
    PartnershipStatus,
    Store,
    StoreStatus,
    StoreType,
    WarningLetter,
)
from .policy import OWN_PARTNERSHIP, OWN_STORE

# --- Stores -----------------------------------------------------------------------------------------


def store_list(*, actor: Actor, filters: dict[str, Any] | None = None) -> QuerySet[Store]:
    """The stores the actor may see, filtered (by default only open stores)."""
    filters = filters or {}
    qs = policy.scope(actor, "view", Store)
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(address__icontains=q) | Q(permit_number__icontains=q))
    if kecamatan := filters.get("kecamatan"):
        qs = qs.filter(kelurahan__kecamatan=kecamatan)
    if brand := filters.get("brand"):
        qs = qs.filter(brand__iexact=brand)
    if store_type := filters.get("store_type"):
        qs = qs.filter(store_type=store_type)
    status = filters.get("status") or StoreStatus.OPEN
    if status != "semua":
        qs = qs.filter(status=status)
    return qs


def store_get(*, actor: Actor, pk: int, action: str = "view") -> Store:
    """One store the actor may ``action`` ("view", "change", "own_store"...), or 404."""
    return policy.get_object_or_404(
        actor, action, Store.objects.select_related("kelurahan__kecamatan"), pk=pk
    )


def store_managed(*, actor: Actor) -> QuerySet[Store]:
    """The stores this user manages (the store portal), whatever other roles they hold."""
    return policy.scope(actor, "own_store", Store).select_related("kelurahan__kecamatan")


def store_get_managed(*, actor: Actor, pk: int) -> Store:
    return store_get(actor=actor, pk=pk, action="own_store")


def store_managers(*, actor: Actor, store: Store) -> QuerySet[User]:
    """The portal accounts of a store the actor may see."""
    return User.objects.filter(
        managed_stores__in=policy.scope(actor, "view", Store).filter(pk=store.pk)
    ).order_by("full_name", "pk")


def store_manager_get(*, actor: Actor, store: Store, pk: int) -> User:
    """One manager of the store, for staff who may change the store; anyone else is a 404."""
    stores = policy.scope(actor, "change", Store).filter(pk=store.pk)
    user = User.objects.filter(managed_stores__in=stores, pk=pk).first()
    if user is None:
        raise Http404
    return user


def store_letters(*, actor: Actor, store: Store) -> QuerySet[WarningLetter]:
    return policy.scope(actor, "view", WarningLetter).filter(store=store)


def store_history(*, actor: Actor, store: Store) -> QuerySet[AuditEntry]:
    """Audit entries of a store the actor may see and of its letters, newest first."""
    if not policy.can(actor, "view", store):
        raise Http404
    return audit.history_for_objects([store, *store_letters(actor=actor, store=store)])


def brands(*, actor: Actor) -> list[str]:
    return list(
        policy.scope(actor, "view", Store).order_by("brand").values_list("brand", flat=True).distinct()
    )


# --- Partnerships -------------------------------------------------------------------------------------


def partnership_get(*, actor: Actor, pk: int, action: str = "view") -> Partnership:
    qs = Partnership.objects.select_related(
        "store", "business__owner", "business__kelurahan__kecamatan"
    ).prefetch_related("products")
    return policy.get_object_or_404(actor, action, qs, pk=pk)


def partnership_history(*, actor: Actor, partnership: Partnership) -> QuerySet[AuditEntry]:
    """Audit entries of a partnership the actor may see, newest first."""
    if not policy.can(actor, "view", partnership):
        raise Http404
    return audit.history(partnership)


def partnership_for_store(*, actor: Actor, store: Store, pk: int) -> Partnership:
    """A partnership of a store the actor manages (the store portal), or 404."""
    qs = Partnership.objects.filter(store=store).select_related("store", "business__owner")
    return policy.get_object_or_404(actor, "own_store", qs, pk=pk)


def store_partnerships(*, actor: Actor, store: Store) -> QuerySet[Partnership]:
    return (
        policy.scope(actor, "view", Partnership)
        .filter(store=store)
        .select_related("store", "business__owner", "business__kelurahan__kecamatan")
        .prefetch_related("products")
        .order_by("status", "-start_date", "-id")
    )


def _owned_qs() -> QuerySet[Partnership]:
    return Partnership.objects.select_related("store__kelurahan__kecamatan", "business").prefetch_related(
        "products"
    )


def partnership_owned(*, actor: Actor) -> QuerySet[Partnership]:
    """Partnerships and offers of the actor's own businesses (owner self-service)."""
    return policy.scope(actor, "own", _owned_qs())


def partnership_get_owned(*, actor: Actor, pk: int) -> Partnership:
    return policy.get_object_or_404(actor, "own", _owned_qs(), pk=pk)


TODO_LIMIT = 20  # items of one kind named on a home page


def todo_items(*, actor: Actor) -> list[Todo]:
    """Owners: offers to answer. Store managers: accepted partnerships to confirm, confirmed ones
    whose display to record, warning letters not yet answered. One query per kind of item."""
    items: list[Todo] = []
    module = str(_("Kemitraan"))
    if policy.holds(actor, OWN_PARTNERSHIP):
        offers = (
            policy.scope(actor, "own", Partnership)
            .filter(status=PartnershipStatus.PROPOSED)
            .select_related("store", "business")
            .only("id", "start_date", "store__name", "business__name")
            .order_by("start_date", "id")[:TODO_LIMIT]
        )
        for p in offers:
            items.append(Todo(_("Jawab tawaran kemitraan %(store)s untuk %(business)s") % {
                "store": p.store.name, "business": p.business.name},
                reverse("partnerships:my_offer", args=[p.pk]), urgent=True, module=module))  # fmt: skip
    if policy.holds(actor, OWN_STORE):
        waiting = (
            policy.scope(actor, "own_store", Partnership)
            .filter(status__in=(PartnershipStatus.ACCEPTED, PartnershipStatus.CONFIRMED))
            .select_related("business")
            .only("id", "status", "start_date", "store_id", "business__name")
            .order_by("start_date", "id")[:TODO_LIMIT]
        )
        for p in waiting:
            if p.status == PartnershipStatus.ACCEPTED:
                label = _("Konfirmasi kemitraan dengan %(business)s") % {"business": p.business.name}
                url = reverse("partnerships:store_confirm", args=[p.store_id, p.pk])
            else:
                label = _("Catat pajangan produk %(business)s") % {"business": p.business.name}
                url = reverse("partnerships:store_home", args=[p.store_id])
            items.append(Todo(label, url, module=module))  # no deadline: the store answers when it can
        letters = (
            policy.scope(actor, "view", WarningLetter)
            .filter(status=LetterStatus.SENT, store__in=policy.scope(actor, "own_store", Store).values("pk"))
            .only("id", "number", "deadline", "required", "store_id")
            .order_by("deadline", "id")[:TODO_LIMIT]
        )
        for letter in letters:
            items.append(Todo(_("Surat peringatan %(number)s: penuhi %(n)d mitra UMKM aktif sebelum batas waktu") % {
                "number": letter.number, "n": letter.required},
                reverse("partnerships:store_home", args=[letter.store_id]), due=letter.deadline, urgent=True,
                module=module))  # fmt: skip
    return items


# --- Businesses for the partnership form -------------------------------------------------------------

REFERENCE = re.compile(r"^(?:UMKM-)?0*(\d{1,7})\b", re.IGNORECASE)


def business_search(*, actor: Actor, text: str, limit: int = 20) -> QuerySet[Business]:
    """Eligible UMKM (verified, not closed) the actor may see, by name or the start of the NIB."""
    text = (text or "").strip()
    if len(text) < 2:
        return Business.objects.none()
    return (
        policy.scope(actor, "view", business_eligible())
        .filter(Q(name__icontains=text) | Q(nib__startswith=text))
        .select_related("kelurahan")
        .order_by("name")[:limit]
    )


def business_find(*, actor: Actor, text: str) -> Business | None:
    """The business named by a NIB (13 digits), a UMKM number ("UMKM-000123") or its exact name."""
    text = (text or "").strip()
    visible = policy.scope(actor, "view", Business)
    business = None
    digits = re.sub(r"\D", "", text)
    if len(digits) == 13:
        business = visible.filter(nib=digits).first()
    if business is None and (match := REFERENCE.match(text)):
        business = visible.filter(pk=int(match.group(1))).first()
    if business is None and text:
        found = list(visible.filter(name__iexact=text)[:2])
        business = found[0] if len(found) == 1 else None
    return business


# --- Letters ----------------------------------------------------------------------------------------


def letter_list(*, actor: Actor, status: str | None = None) -> QuerySet[WarningLetter]:
    qs = policy.scope(actor, "view", WarningLetter).select_related("store__kelurahan__kecamatan")
    if status in LetterStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-issued_on", "-seq")


def letter_get(*, actor: Actor, pk: int, action: str = "view") -> WarningLetter:
    return policy.get_object_or_404(actor, action, WarningLetter.objects.select_related("store"), pk=pk)


# --- Matchmaking --------------------------------------------------------------------------------------


def match_run_get(*, actor: Actor, pk: int) -> MatchRun:
    return policy.get_object_or_404(actor, "view", MatchRun, pk=pk)


# --- Compliance -------------------------------------------------------------------------------------


def intervals_by_store(stores: QuerySet[Store]) -> dict[int, list[compliance.Interval]]:
    """The counting date ranges of each of ``stores`` (a queryset the caller already restricted,
    kept as a subquery: four queries whatever the number of stores). A partnership counts from its
    activation, on the days its UMKM was verified and not closed (the registry's dated history)."""
    counted = Partnership.objects.filter(store__in=stores, status__in=PartnershipStatus.counting_values())
    timelines = business_timelines(counted.values("business_id"))
    eligible = {pk: timeline.eligible_ranges() for pk, timeline in timelines.items()}
    rows: dict[int, list[compliance.Interval]] = {}
    for store_id, business_id, start, end in counted.values_list(
        "store_id", "business_id", "start_date", "end_date"
    ):
        rows.setdefault(store_id, []).append(compliance.Interval(business_id, start, end))
    return {store_id: compliance.counting(intervals, eligible) for store_id, intervals in rows.items()}


def store_compliance(
    *, actor: Actor, store: Store, today: datetime.date | None = None
) -> compliance.StoreCompliance:
    """The compliance of a store the actor may see (as of ``today``)."""
    today = today or timezone.localdate()
    stores = policy.scope(actor, "view", Store).filter(pk=store.pk)
    intervals = intervals_by_store(stores).get(store.pk, [])
    return compliance.evaluate(
        intervals, required=store.required_partners, start=_start_of(store), today=_end_of(store, today)
    )


def _start_of(store: Store, history_start: datetime.date | None = None) -> datetime.date:
    return max(store.opened_on, history_start or conf.HISTORY_START)


def _end_of(store: Store, today: datetime.date) -> datetime.date:
    """A closed store's history stops on its closing day."""
    return min(today, store.closed_on) if store.closed_on else today


@dataclass
class StoreRow:
    store: Store
    state: compliance.StoreCompliance | ComplianceState  # the dashboard reads the kept state
    offers: int


@dataclass
class Overview:
    rows: list[StoreRow]
    total: int
    compliant: int
    non_compliant: int
    closed: int
    offers: int
    letters_open: int
    chart: list[Any]  # [(day, compliant, non-compliant)]

    @property
    def percent(self) -> int:
        open_stores = self.compliant + self.non_compliant
        return round(100 * self.compliant / open_stores) if open_stores else 0


SORTS: dict[str, list[Any]] = {
    "hari": ["-compliance_state__days_out", "compliance_state__compliant", Lower("name"), "pk"],
    "nama": [Lower("name"), "pk"],
    "mitra": ["compliance_state__active", Lower("name"), "pk"],
    "kecamatan": ["kelurahan__kecamatan__name", Lower("name"), "pk"],
}


class Rows:
    """The dashboard's stores, sorted and filtered in the database, made into ``StoreRow`` only for
    the slice a page shows (a Paginator reads ``count`` and a slice; iterating reads them all)."""

    def __init__(self, stores: QuerySet[Store]):
        self.stores = stores

    def count(self) -> int:
        return self.stores.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return [
            StoreRow(store=s, state=s.compliance_state, offers=s.offers)  # type: ignore[attr-defined]
            for s in self.stores[index]
        ]

    def __iter__(self):
        return iter(self[:])


def compliance_overview(
    *, actor: Actor, filters: dict[str, Any] | None = None, today: datetime.date | None = None
) -> Overview:
    """Every store in scope with its compliance state, sorted; a constant number of queries, reading
    the kept state of each store (``compliance_state``; computed first for stores not current)."""
    filters = filters or {}
    today = today or timezone.localdate()
    # The chart judges each month-end with the stores open on that day, whatever today's status filter.
    chart_qs = store_list(actor=actor, filters={**filters, "status": "semua"})
    compliance_state.states_current(chart_qs, today)
    stores_qs = store_list(actor=actor, filters=filters)
    is_open = Q(status=StoreStatus.OPEN)
    totals = stores_qs.aggregate(
        total=Count("pk"),
        compliant=Count("pk", filter=is_open & Q(compliance_state__compliant=True)),
        non_compliant=Count("pk", filter=is_open & Q(compliance_state__compliant=False)),
    )
    offers_qs = Partnership.objects.filter(store__in=stores_qs, status__in=PartnershipStatus.offer_values())
    shown = stores_qs
    if filters.get("state") == "patuh":
        shown = shown.filter(is_open, compliance_state__compliant=True)
    elif filters.get("state") == "tidak":
        shown = shown.filter(is_open, compliance_state__compliant=False)
    latest = WarningLetter.objects.filter(store=OuterRef("pk")).order_by("-issued_on", "-seq")
    offers = Partnership.objects.filter(store=OuterRef("pk"), status__in=PartnershipStatus.offer_values())
    shown = (
        shown.select_related("kelurahan__kecamatan", "compliance_state")
        .annotate(
            last_letter_number=Subquery(latest.values("number")[:1]),
            last_letter_status=Subquery(latest.values("status")[:1]),
            last_letter_on=Subquery(latest.values("issued_on")[:1]),
            offers=Coalesce(
                Subquery(offers.order_by().values("store").annotate(n=Count("pk")).values("n")[:1]), 0
            ),
        )
        .order_by(*SORTS.get(filters.get("sort") or "hari", SORTS["hari"]))
    )
    days = compliance.month_ends(today, conf.CHART_MONTHS)
    ok, short = dict.fromkeys(days, 0), dict.fromkeys(days, 0)
    keys = [(day, day.isoformat()) for day in days]  # once, not once per store and day
    for month_ends in chart_qs.values_list("compliance_state__month_ends", flat=True):
        for day, key in keys if month_ends else ():
            judged = month_ends.get(key)
            if judged is True:
                ok[day] += 1
            elif judged is False:
                short[day] += 1
    return Overview(
        rows=Rows(shown),  # type: ignore[arg-type]
        total=totals["total"],
        compliant=totals["compliant"],
        non_compliant=totals["non_compliant"],
        closed=totals["total"] - totals["compliant"] - totals["non_compliant"],
        offers=offers_qs.count(),
        letters_open=WarningLetter.objects.filter(store__in=stores_qs, status=LetterStatus.SENT).count(),
        chart=[(day, ok[day], short[day]) for day in days],
    )


def compliance_overview_kept(*, actor: Actor, filters: dict[str, Any] | None = None) -> Overview:
    """``compliance_overview`` for the dashboard page: its figures and chart, and each page of its
    rows, kept per user until the data changes (``core.freshness``); a day's turn shows within
    ``freshness.KEEP_SECONDS``, when the kept states are brought current again."""
    filters = filters or {}
    key = f"partnerships:overview:{getattr(actor, 'pk', None)}:{timezone.localdate().isoformat()}:{freshness.digest(filters)}"
    version = freshness.data_version()
    figures = freshness.remember(
        key,
        lambda: dataclasses.replace(compliance_overview(actor=actor, filters=filters), rows=[]),
        version=version,
    )
    rows = freshness.Remembered(
        lambda: compliance_overview(actor=actor, filters=filters).rows,
        f"{key}:rows",
        version=version,
    )
    return dataclasses.replace(figures, rows=rows)  # type: ignore[arg-type]


# --- A UMKM's timeline (the ``timeline`` AppConfig hook) -----------------------------------------------


def business_timeline(business, since=None) -> list:
    """Offers, acceptances, active and ended partnerships of one UMKM with modern stores (one query)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from binaumkm.core.hooks import TimelineEvent

    events = []
    for p in Partnership.objects.filter(business=business).select_related("store"):
        urls = (
            reverse("partnerships:partnership_detail", args=[p.pk]),
            reverse("partnerships:my_offer", args=[p.pk]),
        )
        store = {"store": p.store.name}
        steps = [
            (p.created_at, _("Ditawari kemitraan dengan %(store)s")),
            (p.accepted_at, _("Menerima kemitraan dengan %(store)s")),
            (p.activated_at, _("Kemitraan aktif: produk dipajang di %(store)s")),
            (p.ended_at, _("Kemitraan dengan %(store)s berakhir")),
            (p.declined_at, _("Kemitraan dengan %(store)s ditolak")),
        ]
        events += [TimelineEvent(at, "kemitraan", label % store, *urls) for at, label in steps if at]
    if since is not None:
        events = [e for e in events if e.moment.date() >= since]
    return events


def personal_data_for(owner) -> list:
    """Store partnerships of one owner's businesses (``core.hooks.PersonalData``)."""
    from django.utils.translation import gettext as _

    from binaumkm.core.hooks import PersonalData

    partnerships = (
        Partnership.objects.filter(business__owner=owner).select_related("business", "store").order_by("pk")
    )
    return [
        PersonalData(
            "partnerships.partnerships", _("Kemitraan toko modern"),
            [_("Usaha"), _("Toko"), _("Bentuk"), _("Mulai"), _("Selesai"), _("Status")],
            [[p.business.name, p.store.name, p.get_form_display(), p.start_date, p.end_date, p.get_status_display()]
             for p in partnerships],
        )
    ]  # fmt: skip


# --- The public catalogue ("where to buy it in Solo") ---------------------------------------------------


def stores_displaying(product_ids: list[int]) -> dict[int, list]:
    """{product id: [core.hooks.Place]} of the open stores with an active partnership displaying
    the product. Two queries whatever the number of products."""
    from binaumkm.core.hooks import Place

    through = Partnership.products.through
    rows = (
        through.objects.filter(
            product_id__in=list(product_ids),
            partnership__status=PartnershipStatus.ACTIVE,
            partnership__store__status=StoreStatus.OPEN,
        )
        .values_list(
            "product_id", "partnership__store__name", "partnership__store__store_type",
            "partnership__store__address", "partnership__store__kelurahan__name",
        )
        .distinct()
    )  # fmt: skip
    labels = dict(StoreType.choices)
    places: dict[int, list] = {}
    for product_id, name, store_type, address, kelurahan in rows:
        places.setdefault(product_id, []).append(
            Place(name, str(labels.get(store_type, "")), address, kelurahan)
        )
    return places


def businesses_in_store_partnership(since: datetime.date | None = None) -> QuerySet:
    """The ``outcome_steps`` "store partnership" selector: businesses whose partnership with a modern
    store ran (active, or ended after running), started on or after ``since``; business ids."""
    qs = Partnership.objects.filter(status__in=PartnershipStatus.counting_values())
    if since is not None:
        qs = qs.filter(start_date__gte=since)
    return qs.values("business_id").distinct()
