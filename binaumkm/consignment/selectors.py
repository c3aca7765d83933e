"""Reads of consignment data, always starting from what the actor may see.

Agency staff see everything; an outlet partner sees the outlets linked to them; an owner sees the
stock, sales and settlement lines of their own businesses. Anything else is a 404 for the views."""

import datetime

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from binaumkm.accounts.roles import Role, has_role, is_agency
from binaumkm.registry.selectors import business_owned

from . import conf
from .models import (
    Agreement,
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


def outlet_visible(*, actor) -> QuerySet[Outlet]:
    if is_agency(actor):
        return Outlet.objects.all()
    if getattr(actor, "is_authenticated", False) and has_role(actor, Role.OUTLET_PARTNER):
        return Outlet.objects.filter(partners=actor)
    return Outlet.objects.none()


def outlet_get(*, actor, pk) -> Outlet:
    return get_object_or_404(outlet_visible(actor=actor).select_related("kelurahan__kecamatan"), pk=pk)


def outlet_list(*, actor, filters: dict | None = None) -> QuerySet[Outlet]:
    filters = filters or {}
    qs = outlet_visible(actor=actor).select_related("kelurahan__kecamatan")
    if q := (filters.get("q") or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(address__icontains=q))
    if kind := filters.get("kind"):
        qs = qs.filter(kind=kind)
    return qs.annotate(
        agreement_count=Count("agreements", distinct=True),
    ).order_by("name", "id")


def outlet_summaries(outlet_ids) -> dict[int, dict]:
    """Units and value on hand per outlet, in one grouped query."""
    rows = (
        StockBalance.objects.filter(outlet_id__in=list(outlet_ids), on_hand__gt=0)
        .values("outlet_id")
        .annotate(units=Sum("on_hand"), value=Sum(F("on_hand") * F("batch__unit_price")))
        .order_by()
    )
    return {r["outlet_id"]: r for r in rows}


# --- Stock ----------------------------------------------------------------------------------------

STOCK_FIELDS = (
    "batch_id", "batch__code", "product_id", "product__name", "product__unit", "business_id", "business__name",
    "delivered_on", "expiry_date", "on_hand", "delivered", "sold", "returned", "adjusted", "last_sale_on",
    "batch__unit_price",
)  # fmt: skip


def outlet_stock(outlet: Outlet, *, business_ids=None) -> list[dict]:
    """Every batch in stock at the outlet, one indexed query on the running balances (no ledger scan):
    ordered by product, then earliest expiry."""
    qs = StockBalance.objects.filter(outlet=outlet, on_hand__gt=0)
    if business_ids is not None:
        qs = qs.filter(business_id__in=business_ids)
    return list(
        qs.values(*STOCK_FIELDS).order_by(
            "business__name", "product__name", F("expiry_date").asc(nulls_last=True), "batch_id"
        )
    )


def stock_by_product(rows: list[dict]) -> list[dict]:
    """Group batch rows (from ``outlet_stock``) per product, keeping the batches."""
    grouped: dict[int, dict] = {}
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=conf.EXPIRY_WARNING_DAYS)
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


def owner_stock(*, actor) -> list[dict]:
    """Stock of the actor's own businesses at every outlet."""
    return list(
        StockBalance.objects.filter(business__in=business_owned(actor=actor), on_hand__gt=0)
        .values(*STOCK_FIELDS, "outlet_id", "outlet__name")
        .order_by("outlet__name", "product__name", F("expiry_date").asc(nulls_last=True), "batch_id")
    )


def batch_for_outlet(*, outlet: Outlet, pk) -> Batch:
    return get_object_or_404(
        Batch.objects.select_related("balance", "product", "business"), outlet=outlet, pk=pk
    )


def batches_in_stock(outlet: Outlet) -> QuerySet[Batch]:
    return (
        Batch.objects.filter(outlet=outlet, balance__on_hand__gt=0)
        .select_related("balance", "product", "business")
        .order_by("product__name", F("expiry_date").asc(nulls_last=True), "id")
    )


def products_in_stock(outlet: Outlet) -> list[dict]:
    """Products with units on hand at the outlet (for the sales form), with their totals."""
    return list(
        StockBalance.objects.filter(outlet=outlet, on_hand__gt=0)
        .values("product_id", "product__name", "product__unit", "business__name")
        .annotate(on_hand=Sum("on_hand"), price=Max("batch__unit_price"))
        .order_by("product__name", "business__name", "product_id")
    )


def ledger_mismatches(*, outlet: Outlet | None = None) -> list[tuple[int, int, int]]:
    """(batch, balance on hand, ledger sum) for every batch whose running balance differs from the
    sum of its ledger entries. Empty when the two agree (checked by tests and ``check_consignment``)."""
    entries = StockEntry.objects.all()
    balances = StockBalance.objects.all()
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


# --- Deliveries, agreements, sales ------------------------------------------------------------------


def agreements_for(outlet: Outlet) -> QuerySet[Agreement]:
    return (
        outlet.agreements.select_related("business__owner")
        .annotate(item_count=Count("items"))
        .order_by("business__name", "-starts_on")
    )


def deliveries_for(*, outlet: Outlet) -> QuerySet[Delivery]:
    return outlet.deliveries.select_related("business").annotate(
        lines=Count("batches"), units=Sum("batches__quantity")
    )


def delivery_visible(*, actor) -> QuerySet[Delivery]:
    if is_agency(actor):
        return Delivery.objects.all()
    outlets = outlet_visible(actor=actor)
    return Delivery.objects.filter(Q(outlet__in=outlets) | Q(business__in=business_owned(actor=actor)))


def sales_for(*, outlet: Outlet, filters: dict | None = None) -> QuerySet[Sale]:
    filters = filters or {}
    qs = outlet.sales.select_related("product", "business", "batch", "settlement", "recorded_by")
    if day := filters.get("day"):
        qs = qs.filter(sold_on=day)
    return qs.order_by("-sold_on", "-id")


def sale_for_outlet(*, outlet: Outlet, pk) -> Sale:
    return get_object_or_404(Sale.objects.select_related("product", "batch", "outlet"), outlet=outlet, pk=pk)


def entries_for(*, outlet: Outlet) -> QuerySet[StockEntry]:
    return StockEntry.objects.filter(outlet=outlet).select_related("product", "batch", "created_by")


def alerts_for(*, outlet: Outlet) -> QuerySet[ExpiryAlert]:
    return (
        ExpiryAlert.objects.filter(outlet=outlet, batch__balance__on_hand__gt=0)
        .select_related("batch__product", "batch__balance", "business")
        .order_by("expiry_date", "id")
    )


# --- Settlements ----------------------------------------------------------------------------------


def settlement_visible(*, actor) -> QuerySet[Settlement]:
    return Settlement.objects.filter(outlet__in=outlet_visible(actor=actor))


def settlement_get(*, actor, pk) -> Settlement:
    return get_object_or_404(
        settlement_visible(actor=actor).select_related("outlet", "created_by", "voided_by"), pk=pk
    )


def settlement_lines(settlement: Settlement) -> QuerySet[SettlementLine]:
    return settlement.lines.select_related("business__owner", "paid_by").order_by("business__name", "id")


def settlement_line_visible(*, actor) -> QuerySet[SettlementLine]:
    """Settlement lines: staff all; outlet partners their outlets'; owners their own businesses'."""
    if is_agency(actor):
        return SettlementLine.objects.all()
    return SettlementLine.objects.filter(
        Q(settlement__outlet__in=outlet_visible(actor=actor)) | Q(business__in=business_owned(actor=actor))
    )


def settlement_line_get(*, actor, pk) -> SettlementLine:
    return get_object_or_404(
        settlement_line_visible(actor=actor).select_related("settlement__outlet", "business__owner"), pk=pk
    )


def line_sales(line: SettlementLine) -> list[dict]:
    """A statement's detail: units and gross per product, price and commission rate."""
    return list(
        Sale.objects.filter(settlement_id=line.settlement_id, business_id=line.business_id)
        .values("product__name", "unit_price", "commission_bp")
        .annotate(quantity=Sum("quantity"), gross=Sum("gross"), n=Count("id"))
        .order_by("product__name", "-unit_price", "commission_bp")
    )


def owner_settlement_lines(*, actor) -> QuerySet[SettlementLine]:
    return (
        SettlementLine.objects.filter(business__in=business_owned(actor=actor))
        .exclude(settlement__state=Settlement.State.VOID)
        .select_related("settlement__outlet", "business")
        .order_by("-settlement__period_end", "id")
    )


def owner_sales(*, actor) -> QuerySet[Sale]:
    return (
        Sale.objects.filter(business__in=business_owned(actor=actor), cancelled_at__isnull=True)
        .select_related("outlet", "product", "settlement")
        .order_by("-sold_on", "-id")
    )


def unsettled_totals(outlet: Outlet) -> list[dict]:
    """Sales not yet in a settlement, per month (staff pick the period to settle)."""
    return list(
        outlet.sales.filter(settlement__isnull=True, cancelled_at__isnull=True)
        .annotate(month=TruncMonth("sold_on"))
        .values("month")
        .annotate(gross=Sum("gross"), n=Count("id"))
        .order_by("month")
    )
