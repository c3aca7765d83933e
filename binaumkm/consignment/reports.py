"""Reads for the reports page and its .xlsx export (staff only): sales by month, outlet, business and
product, and slow-moving stock (aging). Every figure is aggregated in SQL."""

import datetime

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from . import conf
from .models import Sale, StockBalance


def sales_in(filters: dict):
    qs = Sale.objects.filter(cancelled_at__isnull=True)
    if outlet := filters.get("outlet"):
        qs = qs.filter(outlet=outlet)
    if day := filters.get("date_from"):
        qs = qs.filter(sold_on__gte=day)
    if day := filters.get("date_to"):
        qs = qs.filter(sold_on__lte=day)
    return qs


def _grouped(qs, *fields, limit=None):
    rows = (
        qs.values(*fields)
        .annotate(gross=Sum("gross"), quantity=Sum("quantity"), n=Count("id"))
        .order_by("-gross")
    )
    return list(rows[:limit] if limit else rows)


def by_month(filters: dict) -> list[dict]:
    return list(
        sales_in(filters)
        .annotate(month=TruncMonth("sold_on"))
        .values("month")
        .annotate(gross=Sum("gross"), quantity=Sum("quantity"), n=Count("id"))
        .order_by("month")
    )


def by_outlet(filters: dict, limit=None) -> list[dict]:
    return _grouped(sales_in(filters), "outlet_id", "outlet__name", limit=limit)


def by_business(filters: dict, limit=None) -> list[dict]:
    return _grouped(sales_in(filters), "business_id", "business__name", limit=limit)


def by_product(filters: dict, limit=None) -> list[dict]:
    return _grouped(sales_in(filters), "product_id", "product__name", "business__name", limit=limit)


def slow_moving(filters: dict, limit=None) -> list[dict]:
    """Batches still in stock with no sale for ``SLOW_MOVING_DAYS`` (or never sold), oldest first."""
    today = timezone.localdate()
    cutoff = today - datetime.timedelta(days=conf.SLOW_MOVING_DAYS)
    qs = StockBalance.objects.filter(on_hand__gt=0, delivered_on__lte=cutoff).filter(
        Q(last_sale_on__isnull=True) | Q(last_sale_on__lt=cutoff)
    )
    if outlet := filters.get("outlet"):
        qs = qs.filter(outlet=outlet)
    rows = qs.values(
        "batch_id", "batch__code", "outlet__name", "business__name", "product__name", "delivered_on", "last_sale_on",
        "on_hand", "expiry_date", value=F("on_hand") * F("batch__unit_price"),
    ).order_by("delivered_on", "batch_id")  # fmt: skip
    rows = list(rows[:limit] if limit else rows)
    for row in rows:
        row["age_days"] = (today - row["delivered_on"]).days
    return rows


def totals(filters: dict) -> dict:
    return sales_in(filters).aggregate(gross=Sum("gross"), quantity=Sum("quantity"), n=Count("id"))
