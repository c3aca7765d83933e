"""Consignment speed targets (docs/consignment.md explains the design they measure).

- ``consignment_stock_1m_ms``: the stock of one outlet (every product and batch, grouped per product
  as the stock page shows it) with 1,000,000+ ledger entries in the database.
- ``consignment_settle_50k_s``: settling one monthly period for an outlet with 300 businesses and
  50,000 sales.

Both build their data once (idempotently) with raw multi-row inserts, consistent with the ledger
rules: each batch's running balance equals the sum of its ledger entries.
"""

import datetime

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from binaumkm.accounts.demo import demo_user
from binaumkm.accounts.roles import Role
from binaumkm.core.bench import benchmark
from binaumkm.core.models import Kelurahan
from binaumkm.core.webbench import web_page
from binaumkm.registry.bench import bench_staff, ensure_businesses
from binaumkm.registry.models import Business, Product

from . import selectors, services
from .models import Agreement, AgreementProduct, Batch, Delivery, Outlet, Sale, Settlement, StockEntry

STOCK_OUTLETS = 20
BUSINESSES = 300
DELIVERIES_PER_ITEM = 4
SALES_PER_BATCH = 20  # plus the delivery entry: 21 entries per batch
SETTLE_SALES = 50_000
SETTLE_MONTH = datetime.date(2024, 1, 1)
CHUNK = 5000


def _staff():
    return demo_user("bench.staf", full_name="Staf Benchmark", role=Role.STAFF)


def _businesses() -> list[Business]:
    return list(Business.objects.order_by("pk")[:BUSINESSES])


def _products(businesses, per_business: int) -> dict[int, list[int]]:
    """At least ``per_business`` products for each business (bench products are added when missing)."""
    have: dict[int, list[int]] = {}
    for business_id, product_id in (
        Product.objects.filter(business__in=businesses).order_by("pk").values_list("business_id", "pk")
    ):
        have.setdefault(business_id, []).append(product_id)
    missing = []
    for b in businesses:
        for n in range(per_business - len(have.get(b.pk, []))):
            missing.append(Product(business=b, name=f"Produk bench {n}", category="kerajinan", price=20_000))
    if missing:
        Product.objects.bulk_create(missing, batch_size=CHUNK)
        return _products(businesses, per_business)
    return {b: ids[:per_business] for b, ids in have.items()}


def _insert(table: str, columns: list[str], rows: list[tuple]) -> None:
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start : start + CHUNK])


def _now():
    return connection.ops.adapt_datetimefield_value(timezone.now())


def _reset_sequences() -> None:
    """Rows were inserted with explicit ids: move PostgreSQL's sequences past them (no-op on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Agreement, AgreementProduct, Delivery, Batch])
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _max_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - fixed table names
        return cursor.fetchone()[0]


def _outlet(name: str) -> Outlet:
    outlet = Outlet.objects.filter(name=name).first()
    if outlet is None:
        outlet = Outlet.objects.create(
            name=name, kind=Outlet.Kind.SOUVENIR, address="Jl. Benchmark 1", kelurahan=Kelurahan.objects.first(),
            contact_name="Bench", commission_bp=2000, settlement_period=Outlet.Period.MONTHLY,
        )  # fmt: skip
    return outlet


def _stock_outlet(outlet: Outlet, businesses, products, *, deliveries_per_item: int, sales_per_batch: int,
                  first_day: datetime.date, on_hand_of) -> None:  # fmt: skip
    """Agreements, items, deliveries, batches, balances and ledger entries for one outlet."""
    now = _now()
    agreement_id = _max_id("consignment_agreement")
    item_id = _max_id("consignment_agreementproduct")
    delivery_id = _max_id("consignment_delivery")
    batch_id = _max_id("consignment_batch")
    agreements, items, deliveries, batches, balances, entries = [], [], [], [], [], []
    for business in businesses:
        agreement_id += 1
        agreements.append((agreement_id, outlet.pk, business.pk, 2000, first_day - datetime.timedelta(days=30),
                           "retur", 0, "", now, now))  # fmt: skip
        item_ids = []
        for product_id in products[business.pk]:
            item_id += 1
            item_ids.append((item_id, product_id))
            items.append((item_id, agreement_id, product_id, 20_000, True))
        for d in range(deliveries_per_item):
            delivery_id += 1
            day = first_day + datetime.timedelta(days=d * 7)
            number = f"TJ-B-{delivery_id:07d}"
            deliveries.append(
                (delivery_id, number, outlet.pk, business.pk, agreement_id, day, "A", "B", "", now, now)
            )
            for line_no, (i_id, product_id) in enumerate(item_ids, start=1):
                batch_id += 1
                on_hand = on_hand_of(batch_id)
                delivered = sales_per_batch + on_hand
                batches.append((batch_id, delivery_id, line_no, f"{number}/{line_no}", i_id, outlet.pk, business.pk,
                                product_id, delivered, 20_000, day, None))  # fmt: skip
                balances.append((batch_id, outlet.pk, business.pk, product_id, day, None, delivered, sales_per_batch,
                                 0, 0, on_hand, day + datetime.timedelta(days=1) if sales_per_batch else None))  # fmt: skip
                entries.append(
                    (batch_id, outlet.pk, business.pk, product_id, "titip", delivered, day, "", "", now)
                )
                entries += [
                    (
                        batch_id,
                        outlet.pk,
                        business.pk,
                        product_id,
                        "jual",
                        -1,
                        day + datetime.timedelta(days=1),
                        "",
                        "",
                        now,
                    )
                ] * sales_per_batch
    _insert("consignment_agreement", ["id", "outlet_id", "business_id", "commission_bp", "starts_on", "expiry_handling",
                                      "expiry_discount_bp", "notes", "created_at", "updated_at"], agreements)  # fmt: skip
    _insert("consignment_agreementproduct", ["id", "agreement_id", "product_id", "price", "is_active"], items)
    _insert("consignment_delivery", ["id", "number", "outlet_id", "business_id", "agreement_id", "delivered_on",
                                     "sender_name", "receiver_name", "note", "created_at", "updated_at"], deliveries)  # fmt: skip
    _insert("consignment_batch", ["id", "delivery_id", "line_no", "code", "item_id", "outlet_id", "business_id",
                                  "product_id", "quantity", "unit_price", "delivered_on", "expiry_date"], batches)  # fmt: skip
    _insert("consignment_stockbalance", ["batch_id", "outlet_id", "business_id", "product_id", "delivered_on",
                                         "expiry_date", "delivered", "sold", "returned", "adjusted", "on_hand",
                                         "last_sale_on"], balances)  # fmt: skip
    _insert("consignment_stockentry", ["batch_id", "outlet_id", "business_id", "product_id", "kind", "quantity",
                                       "occurred_on", "reason_code", "note", "created_at"], entries)  # fmt: skip
    _reset_sequences()


def ensure_ledger(ctx, entries: int = 1_000_000) -> Outlet:
    """At least ``entries`` ledger entries over ``STOCK_OUTLETS`` outlets; returns the first outlet."""
    ensure_businesses(ctx, BUSINESSES)
    businesses = _businesses()
    products = _products(businesses, 2)
    for n in range(STOCK_OUTLETS):
        if StockEntry.objects.count() >= entries:
            break
        name = f"Outlet benchmark {n + 1:02d}"
        if Outlet.objects.filter(name=name).exists():
            continue
        ctx.log(f"mengisi {name} (buku stok {StockEntry.objects.count():,} entri) ...")
        with transaction.atomic():
            _stock_outlet(_outlet(name), businesses, products, deliveries_per_item=DELIVERIES_PER_ITEM,
                          sales_per_batch=SALES_PER_BATCH, first_day=datetime.date(2024, 3, 4),
                          on_hand_of=lambda batch_id: batch_id % 6)  # fmt: skip
    return Outlet.objects.get(name="Outlet benchmark 01")


@benchmark("consignment_stock_1m_ms", unit="ms", target="< 50")
def stock_of_one_outlet(ctx) -> float:
    outlet = ensure_ledger(ctx)
    actor = _staff()
    rows = selectors.outlet_stock(actor=actor, outlet=outlet)
    ctx.log(
        f"{StockEntry.objects.count():,} entri buku stok; outlet diukur: {len(rows):,} batch berstok, "
        f"{len(selectors.stock_by_product(rows)):,} produk"
    )
    return (
        ctx.best_of(
            lambda: selectors.stock_by_product(selectors.outlet_stock(actor=actor, outlet=outlet)), runs=7
        )
        * 1000
    )


def ensure_settlement_outlet(ctx) -> Outlet:
    """An outlet with 300 businesses (one product each) and 50,000 sales in one month."""
    name = "Outlet benchmark rekap pembayaran"
    outlet = Outlet.objects.filter(name=name).first()
    if outlet is not None:
        return outlet
    ensure_businesses(ctx, BUSINESSES)
    businesses = _businesses()
    products = {b: ids[:1] for b, ids in _products(businesses, 1).items()}
    per_business = -(-SETTLE_SALES // len(businesses))  # 167 × 300 = 50,100 sales
    ctx.log(f"mengisi {name}: {len(businesses)} usaha, {SETTLE_SALES:,} penjualan ...")
    with transaction.atomic():
        outlet = _outlet(name)
        _stock_outlet(outlet, businesses, products, deliveries_per_item=1, sales_per_batch=per_business,
                      first_day=SETTLE_MONTH - datetime.timedelta(days=3), on_hand_of=lambda batch_id: 5)  # fmt: skip
        now = _now()
        batches = list(
            outlet.deliveries.values_list("batches__id", "business_id", "batches__product_id", "agreement_id")
        )
        rows = []
        for i in range(per_business * len(batches)):  # every batch sells exactly what its ledger says
            batch_id, business_id, product_id, agreement_id = batches[i % len(batches)]
            price = 15_000 + 500 * (business_id % 17)
            rows.append((outlet.pk, batch_id, business_id, product_id, agreement_id,
                         SETTLE_MONTH + datetime.timedelta(days=i % 31), 1, price, price, 1750 + (business_id % 3) * 250,
                         False, "formulir", now, ""))  # fmt: skip
        _insert("consignment_sale", ["outlet_id", "batch_id", "business_id", "product_id", "agreement_id", "sold_on",
                                     "quantity", "unit_price", "gross", "commission_bp", "discounted", "source",
                                     "created_at", "cancel_reason"], rows)  # fmt: skip
    return outlet


@benchmark("consignment_settle_50k_s", unit="s", target="< 5")
def settle_one_month(ctx) -> float:
    outlet = ensure_settlement_outlet(ctx)
    actor = _staff()
    end = SETTLE_MONTH.replace(day=31)
    for live in Settlement.objects.filter(outlet=outlet).exclude(state=Settlement.State.VOID):
        services.settlement_void(actor=actor, settlement=live, reason="benchmark diulang")
    with ctx.timer() as t:
        made = services.settlement_create(
            actor=actor, outlet=outlet, period_start=SETTLE_MONTH, period_end=end
        )
    ctx.log(f"{made.sale_count:,} penjualan, {made.lines.count()} usaha, hak UMKM Rp {made.net:,}")
    assert made.sale_count == Sale.objects.filter(outlet=outlet, cancelled_at__isnull=True).count()
    services.settlement_void(actor=actor, settlement=made, reason="benchmark selesai")
    return t.seconds


# --- Pages for the web benchmark (core.webbench) ------------------------------------------------------


@web_page("consignment_staff")
def web_consignment_staff(ctx):
    ensure_businesses(ctx, 100_000)
    return "/titip-jual/staf/outlet/", bench_staff()
