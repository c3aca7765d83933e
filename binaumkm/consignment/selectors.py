"""Reads of consignment data, always starting from what the actor may see (``consignment.policy``).

Agency staff see everything; an outlet partner sees the outlets linked to them and what lies there;
an owner sees the stock, sales, delivery notes and settlement lines of their own businesses.
Anything else is a 404 for the views (``policy.get_object_or_404``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.core import policy
from binaumkm.core.replica import on_replica
from binaumkm.registry.models import Business, Product
from binaumkm.registry.selectors import business_eligible

from . import conf
from .models import (
    Agreement,
    AgreementProduct,
    Batch,
    Delivery,
    ExpiryAlert,
    Outlet,
    Sale,
    Settlement,
    SettlementLine,
    StockBalance,
    StockEntry,
)

# --- Outlets --------------------------------------------------------------------------------------


def outlet_get(*, actor: User, pk: int, action: str = "view") -> Outlet:
    """One outlet the actor may ``action`` ("view", "sell", "change", "settle"...), or 404."""
    return policy.get_object_or_404(
        actor, action, Outlet.objects.select_related("kelurahan__kecamatan"), pk=pk
    )


def outlet_list(*, actor: User, filters: dict[str, Any] | None = None) -> QuerySet[Outlet]:
    filters = filters or {}
    qs = policy.scope(actor, "view", Outlet).select_related("kelurahan__kecamatan")
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(address__icontains=q))
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    return qs.annotate(agreement_count=Count("agreements", distinct=True)).order_by("name", "id")


def outlet_own(*, actor: User) -> list[Outlet]:
    """The outlets linked to the actor's own partner account."""
    return list(policy.scope(actor, "own", Outlet).order_by("name", "id"))


OUTLET_ACTIONS = ("sell", "record_return", "adjust", "change")


def outlet_actions(*, actor: User, outlet: Outlet) -> dict[str, bool]:
    """Which buttons an outlet's pages show the actor: {"sell": True, "adjust": False, ...}."""
    return {action: policy.can(actor, action, outlet) for action in OUTLET_ACTIONS}


def outlet_summaries(*, actor: User, outlet_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Units and value on hand per outlet, in one grouped query."""
    rows = (
        policy.scope(actor, "view", StockBalance)
        .filter(outlet_id__in=outlet_ids, on_hand__gt=0)
        .values("outlet_id")
        .annotate(units=Sum("on_hand"), value=Sum(F("on_hand") * F("batch__unit_price")))
        .order_by()
    )
    return {r["outlet_id"]: r for r in rows}


def outlet_partners(*, actor: User, outlet: Outlet) -> QuerySet[User]:
    """The partner accounts linked to an outlet the actor may manage."""
    outlets = policy.scope(actor, "change", Outlet).filter(pk=outlet.pk)
    return User.objects.filter(consignment_outlets__in=outlets).order_by("full_name", "username")


def outlet_partner_get(*, actor: User, outlet: Outlet, pk: int) -> User:
    """A partner account linked to the outlet; any other account is a 404."""
    try:
        return outlet_partners(actor=actor, outlet=outlet).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None


# --- Stock ----------------------------------------------------------------------------------------

STOCK_FIELDS = (
    "batch_id", "batch__code", "product_id", "product__name", "product__unit", "business_id", "business__name",
    "delivered_on", "expiry_date", "on_hand", "delivered", "sold", "returned", "adjusted", "last_sale_on",
    "batch__unit_price",
)  # fmt: skip


def outlet_stock(*, actor: User, outlet: Outlet) -> list[dict[str, Any]]:
    """Every batch in stock at the outlet, one indexed query on the running balances (no ledger scan):
    ordered by product, then earliest expiry."""
    qs = policy.scope(actor, "view", StockBalance).filter(outlet=outlet, on_hand__gt=0)
    return list(
        qs.values(*STOCK_FIELDS).order_by(
            "business__name", "product__name", F("expiry_date").asc(nulls_last=True), "batch_id"
        )
    )


def stock_by_product(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group batch rows (from ``outlet_stock``) per product, keeping the batches."""
    grouped: dict[int, dict[str, Any]] = {}
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=conf.EXPIRY_DAYS)
    for row in rows:
        row["expiring"] = row["expiry_date"] is not None and row["expiry_date"] <= soon
        row["expired"] = row["expiry_date"] is not None and row["expiry_date"] < today
        item = grouped.setdefault(
            row["product_id"],
            {"product_id": row["product_id"], "name": row["product__name"], "unit": row["product__unit"],
             "business": row["business__name"], "business_id": row["business_id"], "on_hand": 0, "batches": [],
             "expiring": False},
        )  # fmt: skip
        item["on_hand"] += row["on_hand"]
        item["expiring"] = item["expiring"] or row["expiring"]
        item["batches"].append(row)
    return list(grouped.values())


def owner_stock(*, actor: User) -> list[dict[str, Any]]:
    """Stock of the actor's own businesses at every outlet."""
    return list(
        policy.scope(actor, "own", StockBalance)
        .filter(on_hand__gt=0)
        .values(*STOCK_FIELDS, "outlet_id", "outlet__name")
        .order_by("outlet__name", "product__name", F("expiry_date").asc(nulls_last=True), "batch_id")
    )


def batch_get(*, actor: User, outlet: Outlet, pk: int, action: str = "view") -> Batch:
    """A batch at this outlet the actor may ``action`` ("view", "record_return", "adjust"), or 404."""
    qs = Batch.objects.filter(outlet=outlet).select_related("balance", "product", "business")
    return policy.get_object_or_404(actor, action, qs, pk=pk)


def products_in_stock(*, actor: User, outlet: Outlet) -> list[dict[str, Any]]:
    """Products with units on hand at the outlet (for the sales form), with their totals."""
    return list(
        policy.scope(actor, "view", StockBalance)
        .filter(outlet=outlet, on_hand__gt=0)
        .values("product_id", "product__name", "product__unit", "business__name")
        .annotate(on_hand=Sum("on_hand"), price=Max("batch__unit_price"))
        .order_by("product__name", "business__name", "product_id")
    )


def stocked_products(*, actor: User, outlet: Outlet, ids: list[int]) -> dict[int, Product]:
    """The products with these ids that were ever delivered to the outlet, by id."""
    delivered = policy.scope(actor, "view", StockBalance).filter(outlet=outlet).values("product_id")
    return Product.objects.filter(pk__in=ids).filter(pk__in=delivered).in_bulk()


def ledger_mismatches(*, actor: User, outlet: Outlet | None = None) -> list[tuple[int, int, int]]:
    """(batch, balance on hand, ledger sum) for every batch whose running balance differs from the
    sum of its ledger entries. Empty when the two agree (checked by tests; an operator's check)."""
    entries = policy.scope(actor, "view", StockEntry)
    balances = policy.scope(actor, "view", StockBalance)
    if outlet is not None:
        entries, balances = entries.filter(outlet=outlet), balances.filter(outlet=outlet)
    sums = dict(
        entries.values("batch_id").annotate(total=Sum("quantity")).order_by().values_list("batch_id", "total")
    )
    found = []
    for batch_id, on_hand in balances.values_list("batch_id", "on_hand"):
        if sums.pop(batch_id, 0) != on_hand:
            found.append((batch_id, on_hand, sums.get(batch_id, 0)))
    found += [(batch_id, 0, total) for batch_id, total in sums.items()]
    return found


def entries_for(*, actor: User, outlet: Outlet) -> QuerySet[StockEntry]:
    return (
        policy.scope(actor, "view", StockEntry)
        .filter(outlet=outlet)
        .select_related("product", "batch", "created_by")
    )


def alerts_for(*, actor: User, outlet: Outlet) -> QuerySet[ExpiryAlert]:
    return (
        policy.scope(actor, "view", ExpiryAlert)
        .filter(outlet=outlet, batch__balance__on_hand__gt=0)
        .select_related("batch__product", "batch__balance", "business")
        .order_by("expiry_date", "id")
    )


# --- Agreements and deliveries ----------------------------------------------------------------------


def agreements_for(*, actor: User, outlet: Outlet) -> QuerySet[Agreement]:
    return (
        policy.scope(actor, "view", Agreement)
        .filter(outlet=outlet)
        .select_related("business__owner")
        .annotate(item_count=Count("items"))
        .order_by("business__name", "-starts_on")
    )


def agreement_get(*, actor: User, pk: int, action: str = "view") -> Agreement:
    return policy.get_object_or_404(
        actor, action, Agreement.objects.select_related("outlet", "business__owner"), pk=pk
    )


def agreement_items(
    *, actor: User, agreement: Agreement, accepted_only: bool = False
) -> QuerySet[AgreementProduct]:
    qs = policy.scope(actor, "view", AgreementProduct).filter(agreement=agreement).select_related("product")
    return qs.filter(is_active=True) if accepted_only else qs


def agreement_businesses(*, actor: User, query: str) -> QuerySet[Business]:
    """Businesses an agreement may be made with (verified, not closed) matching a name, the owner's
    name or an ID ("UMKM-000123")."""
    search = Q(name__icontains=query) | Q(owner__full_name__icontains=query)
    if query.upper().removeprefix("UMKM-").isdigit():
        search |= Q(pk=int(query.upper().removeprefix("UMKM-")))
    return (
        policy.scope(actor, "view", business_eligible())
        .filter(search)
        .select_related("owner", "kelurahan")
        .order_by("name")
    )


def agreement_business_get(*, actor: User, pk: int) -> Business | None:
    """The eligible business chosen for a new agreement (None when it is not eligible or not visible)."""
    return policy.scope(actor, "view", business_eligible()).select_related("owner").filter(pk=pk).first()


def deliveries_for(
    *, actor: User, outlet: Outlet | None = None, agreement: Agreement | None = None
) -> QuerySet[Delivery]:
    qs = policy.scope(actor, "view", Delivery)
    if outlet is not None:
        qs = qs.filter(outlet=outlet)
    if agreement is not None:
        qs = qs.filter(agreement=agreement)
    return qs.select_related("business").annotate(lines=Count("batches"), units=Sum("batches__quantity"))


def delivery_get(*, actor: User, pk: int) -> Delivery:
    qs = Delivery.objects.select_related("outlet__kelurahan", "business__owner", "agreement", "created_by")
    return policy.get_object_or_404(actor, "view", qs, pk=pk)


def delivery_batches(*, actor: User, delivery: Delivery) -> QuerySet[Batch]:
    """The lines of a delivery note the actor may see, with each line's value."""
    visible = policy.scope(actor, "view", Delivery).filter(pk=delivery.pk)
    return (
        Batch.objects.filter(delivery__in=visible)
        .select_related("product", "balance")
        .annotate(value=F("quantity") * F("unit_price"))
        .order_by("line_no")
    )


# --- Sales ----------------------------------------------------------------------------------------


def sales_for(*, actor: User, outlet: Outlet) -> QuerySet[Sale]:
    return (
        policy.scope(actor, "view", Sale)
        .filter(outlet=outlet)
        .select_related("product", "business", "batch", "settlement", "recorded_by")
        .order_by("-sold_on", "-id")
    )


def sale_get(*, actor: User, outlet: Outlet, pk: int, action: str = "view") -> Sale:
    qs = Sale.objects.filter(outlet=outlet).select_related("product", "batch", "outlet")
    return policy.get_object_or_404(actor, action, qs, pk=pk)


def owner_sales(*, actor: User) -> QuerySet[Sale]:
    return (
        policy.scope(actor, "own", Sale)
        .filter(cancelled_at__isnull=True)
        .select_related("outlet", "product", "settlement")
        .order_by("-sold_on", "-id")
    )


# --- Settlements ----------------------------------------------------------------------------------


def settlements_for(*, actor: User, outlet: Outlet, live_only: bool = False) -> QuerySet[Settlement]:
    qs = policy.scope(actor, "view", Settlement).filter(outlet=outlet)
    if live_only:
        qs = qs.exclude(state=Settlement.State.VOID)
    return qs.order_by("-period_start", "-id")


def settlement_get(*, actor: User, pk: int, action: str = "view") -> Settlement:
    qs = Settlement.objects.select_related("outlet", "created_by", "voided_by")
    return policy.get_object_or_404(actor, action, qs, pk=pk)


def settlement_lines(*, actor: User, settlement: Settlement) -> QuerySet[SettlementLine]:
    return (
        policy.scope(actor, "view", SettlementLine)
        .filter(settlement=settlement)
        .select_related("business__owner", "paid_by")
        .order_by("business__name", "id")
    )


def settlement_line_get(
    *, actor: User, pk: int, settlement: Settlement | None = None, action: str = "view"
) -> SettlementLine:
    qs = SettlementLine.objects.select_related("settlement__outlet", "business__owner")
    if settlement is not None:
        qs = qs.filter(settlement=settlement)
    return policy.get_object_or_404(actor, action, qs, pk=pk)


def settlement_totals(*, actor: User, settlement: Settlement) -> dict[str, int]:
    """Lines, unpaid lines and units sold of a settlement, in one query."""
    totals = settlement_lines(actor=actor, settlement=settlement).aggregate(
        lines=Count("id"), unpaid=Count("id", filter=Q(paid_on__isnull=True)), quantity=Sum("quantity")
    )
    return {key: value or 0 for key, value in totals.items()}


def line_sales(*, actor: User, line: SettlementLine) -> list[dict[str, Any]]:
    """A statement's detail: units and gross per product, price and commission rate."""
    return list(
        policy.scope(actor, "view", Sale)
        .filter(settlement_id=line.settlement_id, business_id=line.business_id)
        .values("product__name", "unit_price", "commission_bp")
        .annotate(quantity=Sum("quantity"), gross=Sum("gross"), n=Count("id"))
        .order_by("product__name", "-unit_price", "commission_bp")
    )


def owner_settlement_lines(*, actor: User) -> QuerySet[SettlementLine]:
    return (
        policy.scope(actor, "own", SettlementLine)
        .exclude(settlement__state=Settlement.State.VOID)
        .select_related("settlement__outlet", "business")
        .order_by("-settlement__period_end", "id")
    )


def unsettled_totals(*, actor: User, outlet: Outlet) -> list[dict[str, Any]]:
    """Sales not yet in a settlement, per month (staff pick the period to settle)."""
    return list(
        policy.scope(actor, "view", Sale)
        .filter(outlet=outlet, settlement__isnull=True, cancelled_at__isnull=True)
        .annotate(month=TruncMonth("sold_on"))
        .values("month")
        .annotate(gross=Sum("gross"), n=Count("id"))
        .order_by("month")
    )


# --- Reports (staff): sales by month, outlet, business and product; slow-moving stock -----------------


def report_sales(*, actor: User, filters: dict[str, Any]) -> QuerySet[Sale]:
    qs = policy.scope(actor, "view", Sale).filter(cancelled_at__isnull=True)
    if outlet := filters.get("outlet"):
        qs = qs.filter(outlet=outlet)
    if day := filters.get("date_from"):
        qs = qs.filter(sold_on__gte=day)
    if day := filters.get("date_to"):
        qs = qs.filter(sold_on__lte=day)
    return on_replica(qs)  # a report: may be read from the replica (core.replica)


def _grouped(qs: QuerySet[Sale], *fields: str, limit: int | None = None) -> list[dict[str, Any]]:
    rows = (
        qs.values(*fields)
        .annotate(gross=Sum("gross"), quantity=Sum("quantity"), n=Count("id"))
        .order_by("-gross")
    )
    return list(rows[:limit] if limit else rows)


def report_by_month(*, actor: User, filters: dict[str, Any]) -> list[dict[str, Any]]:
    return list(
        report_sales(actor=actor, filters=filters)
        .annotate(month=TruncMonth("sold_on"))
        .values("month")
        .annotate(gross=Sum("gross"), quantity=Sum("quantity"), n=Count("id"))
        .order_by("month")
    )


def report_by_outlet(
    *, actor: User, filters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    return _grouped(report_sales(actor=actor, filters=filters), "outlet_id", "outlet__name", limit=limit)


def report_by_business(
    *, actor: User, filters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    return _grouped(report_sales(actor=actor, filters=filters), "business_id", "business__name", limit=limit)


def report_by_product(
    *, actor: User, filters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    qs = report_sales(actor=actor, filters=filters)
    return _grouped(qs, "product_id", "product__name", "business__name", limit=limit)


def report_slow_moving(
    *, actor: User, filters: dict[str, Any], limit: int | None = None
) -> list[dict[str, Any]]:
    """Batches still in stock with no sale for ``conf.SLOW_DAYS`` (or never sold), oldest first."""
    today = timezone.localdate()
    cutoff = today - datetime.timedelta(days=conf.SLOW_DAYS)
    qs = (
        policy.scope(actor, "view", StockBalance)
        .filter(on_hand__gt=0, delivered_on__lte=cutoff)
        .filter(Q(last_sale_on__isnull=True) | Q(last_sale_on__lt=cutoff))
    )
    if outlet := filters.get("outlet"):
        qs = qs.filter(outlet=outlet)
    values = qs.values(
        "batch_id", "batch__code", "outlet__name", "business__name", "product__name", "delivered_on", "last_sale_on",
        "on_hand", "expiry_date", value=F("on_hand") * F("batch__unit_price"),
    ).order_by("delivered_on", "batch_id")  # fmt: skip
    rows: list[dict[str, Any]] = [dict(row) for row in (values[:limit] if limit else values)]
    for row in rows:
        row["age_days"] = (today - row["delivered_on"]).days
    return rows


def report_totals(*, actor: User, filters: dict[str, Any]) -> dict[str, Any]:
    return report_sales(actor=actor, filters=filters).aggregate(
        gross=Sum("gross"), quantity=Sum("quantity"), n=Count("id")
    )


# --- A UMKM's timeline (the ``timeline`` AppConfig hook) -----------------------------------------------


def business_timeline(business, since=None) -> list:
    """Consignment agreements, deliveries to outlets and payouts of one UMKM (three queries)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from binaumkm.core.hooks import TimelineEvent
    from binaumkm.core.money import format_rupiah

    own = reverse("consignment:owner_overview")
    events = [
        TimelineEvent(a.starts_on, "titip jual", _("Perjanjian titip jual dengan %(outlet)s") % {"outlet": a.outlet.name},
                      reverse("consignment:agreement_detail", args=[a.pk]), own)
        for a in Agreement.objects.filter(business=business).select_related("outlet")
    ]  # fmt: skip
    deliveries = Delivery.objects.filter(business=business).select_related("outlet")
    if since is not None:
        deliveries = deliveries.filter(delivered_on__gte=since)
    events += [
        TimelineEvent(d.delivered_on, "titip jual", _("Barang dititipkan di %(outlet)s") % {"outlet": d.outlet.name},
                      reverse("consignment:delivery_detail", args=[d.pk]), own)
        for d in deliveries
    ]  # fmt: skip
    lines = SettlementLine.objects.filter(business=business, paid_on__isnull=False).select_related(
        "settlement__outlet"
    )
    events += [
        TimelineEvent(line.paid_on, "titip jual", _("Dibayar %(amount)s dari %(outlet)s") % {
            "amount": format_rupiah(line.net), "outlet": line.settlement.outlet.name},
            reverse("consignment:settlement_detail", args=[line.settlement_id]), reverse("consignment:owner_sales"))
        for line in lines if line.paid_on
    ]  # fmt: skip
    if since is not None:
        events = [e for e in events if e.moment.date() >= since]
    return events


def personal_data_for(owner) -> list:
    """Consignment records of one owner's businesses (``core.hooks.PersonalData``): agreements, stock,
    sales and settlement lines. Settlements are financial records the agency must keep (and an unpaid
    one is still owed), so they survive a deletion request with the owner anonymised."""
    from django.utils.translation import gettext as _

    from binaumkm.core.hooks import PersonalData

    agreements = (
        Agreement.objects.filter(business__owner=owner).select_related("business", "outlet").order_by("pk")
    )
    stock = StockBalance.objects.filter(business__owner=owner).select_related("business", "outlet", "product")
    sales = Sale.objects.filter(business__owner=owner).select_related("business", "outlet", "product")
    lines = (
        SettlementLine.objects.filter(business__owner=owner)
        .exclude(settlement__state=Settlement.State.VOID)
        .select_related("business", "settlement__outlet")
        .order_by("settlement__period_start", "pk")
    )
    line_rows = [
        [line.settlement.reference, line.business.name, line.settlement.outlet.name, line.settlement.period_start,
         line.settlement.period_end, line.gross, line.commission, line.net, line.paid_on]
        for line in lines
    ]  # fmt: skip
    keep = ""
    if line_rows:
        keep = _(
            "Rekap pembayaran titip jual adalah catatan keuangan yang wajib disimpan dinas; rekap yang belum "
            "dibayar masih menjadi hak Anda."
        )
    return [
        PersonalData(
            "consignment.agreements", _("Perjanjian titip jual"),
            [_("Usaha"), _("Outlet"), _("Berlaku mulai"), _("Berlaku sampai")],
            [[a.business.name, a.outlet.name, a.starts_on, a.ends_on] for a in agreements],
        ),
        PersonalData(
            "consignment.stock", _("Stok titip jual"),
            [_("Usaha"), _("Outlet"), _("Produk"), _("Dikirim"), _("Terjual"), _("Di outlet")],
            [[s.business.name, s.outlet.name, s.product.name, s.delivered, s.sold, s.on_hand]
             for s in stock.order_by("delivered_on", "pk")],
        ),
        PersonalData(
            "consignment.sales", _("Penjualan titip jual"),
            [_("Usaha"), _("Outlet"), _("Produk"), _("Tanggal"), _("Jumlah"), _("Nilai (Rp)")],
            [[s.business.name, s.outlet.name, s.product.name, s.sold_on, s.quantity, s.gross]
             for s in sales.order_by("sold_on", "pk")],
            keep_reason=keep,
        ),
        PersonalData(
            "consignment.settlements", _("Rekap pembayaran titip jual"),
            [_("Nomor"), _("Usaha"), _("Outlet"), _("Periode mulai"), _("Periode sampai"), _("Kotor (Rp)"),
             _("Komisi (Rp)"), _("Hak UMKM (Rp)"), _("Dibayar")],
            line_rows, keep_reason=keep,
        ),
    ]  # fmt: skip


# --- The public catalogue ("where to buy it in Solo") ---------------------------------------------------


def outlets_stocking(product_ids: list[int]) -> dict[int, list]:
    """{product id: [core.hooks.Place]} of the active outlets holding unexpired stock of the product
    now (from the running balances: one query)."""
    from binaumkm.core.hooks import Place

    today = timezone.localdate()
    rows = (
        StockBalance.objects.filter(product_id__in=list(product_ids), on_hand__gt=0, outlet__is_active=True)
        .filter(Q(expiry_date__isnull=True) | Q(expiry_date__gte=today))
        .values_list(
            "product_id", "outlet__name", "outlet__kind", "outlet__address", "outlet__kelurahan__name"
        )
        .distinct()
    )
    labels = dict(Outlet.Kind.choices)
    places: dict[int, list] = {}
    for product_id, name, kind, address, kelurahan in rows:
        places.setdefault(product_id, []).append(Place(name, str(labels.get(kind, "")), address, kelurahan))
    return places


def businesses_consigned(since: datetime.date | None = None) -> QuerySet:
    """The ``outcome_steps`` "consignment" selector: businesses that placed goods at an outlet (a
    delivery note on or after ``since``), as a queryset of business ids."""
    qs = Delivery.objects.all()
    if since is not None:
        qs = qs.filter(delivered_on__gte=since)
    return qs.values("business_id").distinct()
