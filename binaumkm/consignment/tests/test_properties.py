"""Property-based tests over random sequences of deliveries, sales, cancellations, returns,
adjustments, settlements and voids, checked against a simple model after every step:

- stock is never negative, and each batch's stock = delivered − sold − returned ± adjustments
  (the running balance, the ledger sum and the model all agree);
- a move is refused exactly when the model says it must be (not enough stock, settled period ...);
- in every settlement, net payables + commissions = gross sales to the rupiah, and the commission
  follows the documented rounding rule;
- no sale is in two settlements: voided settlements hold no sales, live ones hold disjoint sets.
"""

import datetime
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binaumkm.consignment import selectors
from binaumkm.consignment.models import Sale, Settlement, StockBalance
from binaumkm.consignment.services import ledger, settlement
from binaumkm.registry.tests.factories import ProductFactory

from .factories import AgreementFactory, AgreementProductFactory, last_month

pytestmark = pytest.mark.django_db

PRICES_AND_RATES = [(33_333, 1750), (12_999, 2333), (7_777, 1750)]


@pytest.fixture
def world(areas, outlet, staff_user):
    """One outlet, two businesses, three products with uneven prices and commission rates."""
    items = []
    for index, (price, rate) in enumerate(PRICES_AND_RATES):
        if index < 2:
            agreement = AgreementFactory(outlet=outlet, commission_bp=rate)
        product = ProductFactory(business=agreement.business, category="kerajinan")
        items.append(AgreementProductFactory(agreement=agreement, product=product, price=price))
    end = last_month()[1]
    first = (end.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)  # two months ago
    periods = [settlement.period_bounds("bulanan", first), settlement.period_bounds("bulanan", end)]
    return {"outlet": outlet, "items": items, "actor": staff_user, "periods": periods, "first": first}


day_offsets = st.integers(min_value=0, max_value=58)
delivers = st.tuples(st.just("deliver"), st.integers(0, 2), st.integers(1, 20), day_offsets)
sells = st.tuples(st.just("sell"), st.integers(0, 2), st.integers(-2, 25), day_offsets)
operations = st.lists(
    st.one_of(
        delivers,
        sells,
        delivers,
        sells,
        st.tuples(st.just("return"), st.integers(0, 30), st.integers(0, 12), day_offsets),
        st.tuples(st.just("adjust"), st.integers(0, 30), st.integers(-12, 12), day_offsets),
        st.tuples(st.just("cancel"), st.integers(0, 30), st.just(0), st.just(0)),
        st.tuples(st.just("settle"), st.integers(0, 1), st.just(0), st.just(0)),
        st.tuples(st.just("void"), st.integers(0, 5), st.just(0), st.just(0)),
    ),
    min_size=8,
    max_size=40,
)


class Model:
    """What the stock and settlements should be, tracked independently of the services."""

    def __init__(self):
        self.batches = {}  # batch id -> dict(delivered, sold, returned, adjusted, product, day)
        self.sales = {}  # sale id -> (quantity, batch id, day, cancelled)
        self.live = {}  # settlement id -> (start, end)

    def on_hand(self, b) -> int:
        return b["delivered"] - b["sold"] - b["returned"] + b["adjusted"]

    def available(self, product_index, day) -> int:
        return sum(
            self.on_hand(b)
            for b in self.batches.values()
            if b["product"] == product_index and b["day"] <= day
        )

    def settled(self, day) -> bool:
        return any(start <= day <= end for start, end in self.live.values())


def apply(world, model: Model, op):
    kind, a, quantity, offset = op
    actor, outlet, items = world["actor"], world["outlet"], world["items"]
    day = world["first"] + datetime.timedelta(days=offset)
    if day > world["periods"][1][1]:
        day = world["periods"][1][1]
    batch_ids = sorted(model.batches)
    if kind == "deliver":
        delivery = ledger.delivery_create(actor=actor, agreement=items[a].agreement, delivered_on=day, sender_name="A",
                                          receiver_name="B", lines=[(items[a], quantity, None)])  # fmt: skip
        batch = delivery.batches.get()
        model.batches[batch.pk] = {
            "delivered": quantity,
            "sold": 0,
            "returned": 0,
            "adjusted": 0,
            "product": a,
            "day": day,
        }
    elif kind == "sell":
        should_work = 0 < quantity <= model.available(a, day) and not model.settled(day)
        try:
            sales = ledger.sale_record(
                actor=actor, outlet=outlet, product=items[a].product, quantity=quantity, sold_on=day
            )
        except ValidationError:
            assert not should_work, op
            return
        assert should_work, op
        assert sum(s.quantity for s in sales) == quantity
        for sale in sales:
            model.batches[sale.batch_id]["sold"] += sale.quantity
            model.sales[sale.pk] = (sale.quantity, sale.batch_id, day, False)
    elif kind in ("return", "adjust") and batch_ids:
        batch_id = batch_ids[a % len(batch_ids)]
        b = model.batches[batch_id]
        batch = StockBalance.objects.get(pk=batch_id).batch
        try:
            if kind == "return":
                should_work = 0 < quantity <= model.on_hand(b) and day >= b["day"]
                ledger.return_record(
                    actor=actor, batch=batch, quantity=quantity, returned_on=day, reason_code="tidak_laku"
                )
                b["returned"] += quantity
            else:
                should_work = quantity != 0 and model.on_hand(b) + quantity >= 0 and day >= b["day"]
                ledger.adjustment_record(
                    actor=actor, batch=batch, quantity=quantity, counted_on=day, reason="opname"
                )
                b["adjusted"] += quantity
        except ValidationError:
            assert not should_work, op
            return
        assert should_work, op
    elif kind == "cancel" and model.sales:
        sale_id = sorted(model.sales)[a % len(model.sales)]
        sold_quantity, batch_id, sold_on, cancelled = model.sales[sale_id]
        should_work = not cancelled and not model.settled(sold_on)
        try:
            ledger.sale_cancel(actor=actor, sale=Sale.objects.get(pk=sale_id), reason="koreksi")
        except ValidationError:
            assert not should_work, op
            return
        assert should_work, op
        model.batches[batch_id]["sold"] -= sold_quantity
        model.sales[sale_id] = (sold_quantity, batch_id, sold_on, True)
    elif kind == "settle":
        start, end = world["periods"][a]
        candidates = [s for s in model.sales.values() if not s[3] and start <= s[2] <= end]
        should_work = not model.settled(start) and bool(candidates)
        try:
            made = settlement.settlement_create(
                actor=actor, outlet=outlet, period_start=start, period_end=end
            )
        except ValidationError:
            assert not should_work, op
            return
        assert should_work, op
        assert made.sale_count == len(candidates)
        model.live[made.pk] = (start, end)
    elif kind == "void" and model.live:
        settlement_id = sorted(model.live)[a % len(model.live)]
        settlement.settlement_void(
            actor=actor, settlement=Settlement.objects.get(pk=settlement_id), reason="uji"
        )
        del model.live[settlement_id]


def check(model: Model, actor):
    balances = {b.pk: b for b in StockBalance.objects.all()}
    assert set(balances) == set(model.batches)
    for batch_id, expected in model.batches.items():
        balance = balances[batch_id]
        assert balance.on_hand >= 0
        assert balance.on_hand == model.on_hand(expected)
        assert balance.on_hand == balance.delivered - balance.sold - balance.returned + balance.adjusted
    assert selectors.ledger_mismatches(actor=actor) == []
    for s in Settlement.objects.prefetch_related("lines"):
        linked = Sale.objects.filter(settlement=s)
        if s.state == Settlement.State.VOID:
            assert not linked.exists()
            continue
        lines = list(s.lines.all())
        assert (
            sum(line.net + line.commission for line in lines) == sum(line.gross for line in lines) == s.gross
        )
        assert s.net + s.commission == s.gross
        assert linked.aggregate(total=Sum("gross"))["total"] == s.gross
        assert linked.count() == s.sale_count
        for line in lines:
            rates = defaultdict(int)
            for rate, gross in linked.filter(business=line.business).values_list("commission_bp", "gross"):
                rates[rate] += gross
            assert line.commission == sum(gross * rate for rate, gross in rates.items()) // 10000
        assert not linked.filter(cancelled_at__isnull=False).exists()
    live_total = sum(s.sale_count for s in Settlement.objects.exclude(state="batal"))
    assert live_total == Sale.objects.filter(settlement__isnull=False).count()


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_random_ledger_and_settlement_sequences_keep_the_invariants(world, ops):
    with transaction.atomic():
        model = Model()
        for op in ops:
            apply(world, model, op)
            check(model, world["actor"])
        transaction.set_rollback(True)
