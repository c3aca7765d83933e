"""Reads of the partnership module, always starting from what the actor may see.

Agency staff see every store; a store manager sees only the stores they manage (another store is a
404); an owner sees the partnerships and offers of their own businesses.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from binaumkm.accounts.roles import is_agency
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.selectors import business_owned

from . import compliance, conf
from .models import LetterStatus, MatchRun, Partnership, PartnershipStatus, Store, StoreStatus, WarningLetter

# --- Scoping ----------------------------------------------------------------------------------------


def store_visible(*, actor) -> QuerySet[Store]:
    if is_agency(actor):
        return Store.objects.all()
    if getattr(actor, "is_authenticated", False):
        return Store.objects.filter(managers=actor)
    return Store.objects.none()


def store_managed(*, actor) -> QuerySet[Store]:
    """The stores this user manages (the store-partner portal), whatever other roles they hold."""
    if not getattr(actor, "is_authenticated", False):
        return Store.objects.none()
    return Store.objects.filter(managers=actor).select_related("kelurahan__kecamatan")


def store_get(*, actor, pk) -> Store:
    return get_object_or_404(store_visible(actor=actor).select_related("kelurahan__kecamatan"), pk=pk)


def store_get_managed(*, actor, pk) -> Store:
    return get_object_or_404(store_managed(actor=actor), pk=pk)


def partnership_visible(*, actor) -> QuerySet[Partnership]:
    qs = Partnership.objects.select_related("store", "business__owner", "business__kelurahan__kecamatan")
    if is_agency(actor):
        return qs
    if not getattr(actor, "is_authenticated", False):
        return qs.none()
    return qs.filter(Q(store__managers=actor) | Q(business__owner__user=actor)).distinct()


def partnership_get(*, actor, pk) -> Partnership:
    return get_object_or_404(partnership_visible(actor=actor), pk=pk)


def partnership_for_store(*, actor, store: Store, pk) -> Partnership:
    """A partnership of a store the actor manages (or any, for staff)."""
    return get_object_or_404(partnership_visible(actor=actor).filter(store=store), pk=pk)


def partnership_owned(*, actor) -> QuerySet[Partnership]:
    """Partnerships and offers of the actor's own businesses (owner self-service)."""
    return (
        Partnership.objects.filter(business__in=business_owned(actor=actor))
        .select_related("store__kelurahan__kecamatan", "business")
        .prefetch_related("products")
    )


def partnership_get_owned(*, actor, pk) -> Partnership:
    return get_object_or_404(partnership_owned(actor=actor), pk=pk)


def letter_visible(*, actor) -> QuerySet[WarningLetter]:
    return WarningLetter.objects.filter(store__in=store_visible(actor=actor)).select_related("store")


def letter_get(*, actor, pk) -> WarningLetter:
    return get_object_or_404(letter_visible(actor=actor), pk=pk)


def match_run_get(*, actor, pk) -> MatchRun:
    if not is_agency(actor):
        return get_object_or_404(MatchRun.objects.none(), pk=pk)
    return get_object_or_404(MatchRun, pk=pk)


# --- Compliance -------------------------------------------------------------------------------------


def counting_partnerships(stores) -> QuerySet[Partnership]:
    """Partnerships whose date range counts: reached activation, with a verified UMKM not closed.

    ``stores`` may be a queryset (kept as a subquery: one query whatever the number of stores)."""
    return Partnership.objects.filter(
        store__in=stores,
        status__in=PartnershipStatus.counting_values(),
        business__verification=Verification.VERIFIED,
    ).exclude(business__status=BusinessStatus.CLOSED)


def intervals_by_store(stores) -> dict[int, list[compliance.Interval]]:
    out: dict[int, list] = {}
    rows = counting_partnerships(stores).values_list("store_id", "business_id", "start_date", "end_date")
    for store_id, business_id, start, end in rows:
        out.setdefault(store_id, []).append(compliance.Interval(business_id, start, end))
    return out


def store_compliance(store: Store, *, today: datetime.date | None = None) -> compliance.StoreCompliance:
    today = today or timezone.localdate()
    intervals = intervals_by_store(Store.objects.filter(pk=store.pk)).get(store.pk, [])
    return compliance.evaluate(
        intervals, required=store.required_partners, start=_start_of(store), today=_end_of(store, today)
    )


def _start_of(store: Store) -> datetime.date:
    return max(store.opened_on, conf.HISTORY_START)


def _end_of(store: Store, today: datetime.date) -> datetime.date:
    """A closed store's history stops on its closing day."""
    return min(today, store.closed_on) if store.closed_on else today


@dataclass
class StoreRow:
    store: Store
    state: compliance.StoreCompliance
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
    chart: list  # [(day, compliant, non-compliant)]

    @property
    def percent(self) -> int:
        open_stores = self.compliant + self.non_compliant
        return round(100 * self.compliant / open_stores) if open_stores else 0


SORTS = {
    "hari": lambda r: (-r.state.days_out_of_compliance, r.state.compliant, r.store.name.casefold()),
    "nama": lambda r: (r.store.name.casefold(), r.store.pk),
    "mitra": lambda r: (r.state.active, r.store.name.casefold()),
    "kecamatan": lambda r: (r.store.kelurahan.kecamatan.name, r.store.name.casefold()),
}


def store_filtered(*, actor, filters: dict) -> QuerySet[Store]:
    qs = store_visible(actor=actor)
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


def compliance_overview(
    *, actor, filters: dict | None = None, today: datetime.date | None = None
) -> Overview:
    """Every store in scope with its compliance state, sorted; a constant number of queries."""
    filters = filters or {}
    today = today or timezone.localdate()
    stores_qs = store_filtered(actor=actor, filters=filters)
    latest = WarningLetter.objects.filter(store=OuterRef("pk")).order_by("-issued_on", "-seq")
    stores = list(
        stores_qs.select_related("kelurahan__kecamatan").annotate(
            last_letter_number=Subquery(latest.values("number")[:1]),
            last_letter_status=Subquery(latest.values("status")[:1]),
            last_letter_on=Subquery(latest.values("issued_on")[:1]),
        )
    )
    intervals = intervals_by_store(stores_qs)
    offers = dict(
        Partnership.objects.filter(store__in=stores_qs, status__in=PartnershipStatus.offer_values())
        .values_list("store_id")
        .annotate(n=Count("id"))
    )
    rows = []
    for store in stores:
        state = compliance.evaluate(
            intervals.get(store.pk, []), required=store.required_partners, start=_start_of(store),
            today=_end_of(store, today),
        )  # fmt: skip
        rows.append(StoreRow(store=store, state=state, offers=offers.get(store.pk, 0)))
    open_rows = [r for r in rows if r.store.status == StoreStatus.OPEN]
    state_filter = filters.get("state")
    if state_filter == "patuh":
        rows = [r for r in rows if r.state.compliant and r.store.status == StoreStatus.OPEN]
    elif state_filter == "tidak":
        rows = [r for r in rows if not r.state.compliant and r.store.status == StoreStatus.OPEN]
    rows.sort(key=SORTS.get(filters.get("sort") or "hari", SORTS["hari"]))
    chart = compliance.series(
        [(s.pk, s.opened_on, s.closed_on, s.required_partners) for s in stores],
        intervals,
        days=compliance.month_ends(today, conf.CHART_MONTHS),
    )
    return Overview(
        rows=rows,
        total=len(stores),
        compliant=sum(1 for r in open_rows if r.state.compliant),
        non_compliant=sum(1 for r in open_rows if not r.state.compliant),
        closed=len(stores) - len(open_rows),
        offers=sum(offers.values()),
        letters_open=WarningLetter.objects.filter(store__in=stores_qs, status=LetterStatus.SENT).count(),
        chart=chart,
    )


def brands(*, actor) -> list[str]:
    return list(store_visible(actor=actor).order_by("brand").values_list("brand", flat=True).distinct())


# --- One store -------------------------------------------------------------------------------------


def store_partnerships(store: Store) -> QuerySet[Partnership]:
    return (
        store.partnerships.select_related("business__owner", "business__kelurahan__kecamatan")
        .prefetch_related("products")
        .order_by("status", "-start_date", "-id")
    )


def exposure(business_ids) -> dict[int, int]:
    """Partnerships each UMKM holds or is offered (open statuses), for the fairness rule."""
    return dict(
        Partnership.objects.filter(business_id__in=business_ids, status__in=PartnershipStatus.open_values())
        .values_list("business_id")
        .annotate(n=Count("id"))
    )


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
