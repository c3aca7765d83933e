"""Stock ledger rules: deliveries, FEFO sales, refusals, returns, adjustments, append-only entries."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from binaumkm.consignment import selectors
from binaumkm.consignment.models import Agreement, Sale, StockBalance, StockEntry
from binaumkm.consignment.services import ledger
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.registry.tests.factories import ProductFactory

from .factories import AgreementProductFactory, days_ago, deliver

pytestmark = pytest.mark.django_db


def on_hand(batch) -> int:
    return StockBalance.objects.get(pk=batch.pk).on_hand


def messages(exc) -> str:
    return " ".join(exc.value.messages)


def test_delivery_creates_numbered_note_batches_and_ledger(staff_user, item):
    delivery = deliver(staff_user, item, 10)
    assert delivery.number == f"TJ-{delivery.delivered_on:%Y}-{delivery.pk:06d}"
    batch = delivery.batches.get()
    assert batch.code == f"{delivery.number}/1" and batch.unit_price == 50_000
    assert on_hand(batch) == 10
    entry = StockEntry.objects.get(batch=batch)
    assert (entry.kind, entry.quantity) == ("titip", 10)
    assert AuditEntry.objects.filter(
        action="consignment.delivery.created", object_id=str(delivery.pk)
    ).exists()


def test_food_delivery_needs_expiry_after_delivery_date(staff_user, outlet):
    food = AgreementProductFactory(
        agreement__outlet=outlet, product=ProductFactory(category="makanan"), price=30_000
    )
    food.product.business = food.agreement.business
    food.product.save()
    with pytest.raises(ValidationError) as exc:
        deliver(staff_user, food, 5)
    assert "wajib diisi tanggal kedaluwarsa" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        deliver(staff_user, food, 5, on=days_ago(3), expiry=days_ago(3))
    assert "harus setelah tanggal titip" in messages(exc)
    assert not StockEntry.objects.exists()


@pytest.mark.parametrize("quantity", [0, -3])
def test_zero_or_negative_quantities_are_refused(staff_user, item, quantity):
    with pytest.raises(ValidationError) as exc:
        deliver(staff_user, item, quantity)
    assert "lebih dari nol" in messages(exc)
    deliver(staff_user, item, 5)
    with pytest.raises(ValidationError) as exc:
        ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                           quantity=quantity, sold_on=days_ago(1))  # fmt: skip
    assert "lebih dari nol" in messages(exc)


def test_delivery_outside_agreement_is_refused(staff_user, item):
    Agreement.objects.filter(pk=item.agreement_id).update(starts_on=days_ago(10))
    with pytest.raises(ValidationError) as exc:
        deliver(staff_user, item, 5, on=days_ago(20))
    assert "tidak berlaku pada tanggal" in messages(exc)


def test_sale_takes_earliest_expiry_first_and_splits_batches(staff_user, item):
    late = deliver(staff_user, item, 5, on=days_ago(30), expiry=days_ago(-60)).batches.get()
    early = deliver(staff_user, item, 3, on=days_ago(20), expiry=days_ago(-30)).batches.get()
    sales = ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                               quantity=4, sold_on=days_ago(1))  # fmt: skip
    assert [(s.batch_id, s.quantity, s.gross) for s in sales] == [
        (early.pk, 3, 150_000),
        (late.pk, 1, 50_000),
    ]
    assert (on_hand(early), on_hand(late)) == (0, 4)
    assert all(s.commission_bp == 2000 for s in sales)


def test_selling_more_than_stock_is_refused_and_nothing_written(staff_user, item):
    batch = deliver(staff_user, item, 2).batches.get()
    with pytest.raises(ValidationError) as exc:
        ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                           quantity=3, sold_on=days_ago(1))  # fmt: skip
    assert "hanya 2" in messages(exc)
    assert on_hand(batch) == 2 and not Sale.objects.exists()


def test_sale_dated_before_delivery_is_refused(staff_user, item):
    deliver(staff_user, item, 5, on=days_ago(5))
    with pytest.raises(ValidationError) as exc:
        ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                           quantity=1, sold_on=days_ago(6))  # fmt: skip
    assert "sebelum barang dititipkan" in messages(exc)


def test_sale_in_the_future_is_refused(staff_user, item):
    deliver(staff_user, item, 5)
    with pytest.raises(ValidationError) as exc:
        ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                           quantity=1, sold_on=days_ago(-1))  # fmt: skip
    assert "masa depan" in messages(exc)


def test_expired_stock_cannot_be_sold(staff_user, item):
    deliver(staff_user, item, 5, on=days_ago(30), expiry=days_ago(10))
    with pytest.raises(ValidationError) as exc:
        ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                           quantity=1, sold_on=days_ago(1))  # fmt: skip
    assert "sudah kedaluwarsa" in messages(exc)
    # ... but it could be sold before it expired
    ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                       quantity=1, sold_on=days_ago(12))  # fmt: skip


def test_discount_agreement_sells_near_expiry_goods_cheaper(staff_user, item):
    Agreement.objects.filter(pk=item.agreement_id).update(expiry_handling="diskon", expiry_discount_bp=2500)
    item.price = 33_333
    item.save()
    deliver(staff_user, item, 5, on=days_ago(30), expiry=days_ago(-3))
    (sale,) = ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                                 quantity=2, sold_on=days_ago(0))  # fmt: skip
    assert sale.discounted and sale.unit_price == 33_333 * 7500 // 10000 == 24_999
    (full,) = ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                                 quantity=1, sold_on=days_ago(20))  # fmt: skip
    assert not full.discounted and full.unit_price == 33_333


def test_sales_record_is_all_or_nothing(staff_user, item):
    other = AgreementProductFactory(agreement=item.agreement,
                                    product=ProductFactory(business=item.agreement.business, category="batik"))  # fmt: skip
    deliver(staff_user, item, 5, more=[(other, 1, None)])
    with pytest.raises(ValidationError) as exc:
        ledger.sales_record(actor=staff_user, outlet=item.agreement.outlet, sold_on=days_ago(1),
                            items=[("a", item.product, 2), ("b", other.product, 4)])  # fmt: skip
    assert set(exc.value.error_dict) == {"b"}
    assert not Sale.objects.exists()


def test_cancel_sale_puts_units_back_with_a_correction_entry(staff_user, item):
    batch = deliver(staff_user, item, 5).batches.get()
    (sale,) = ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                                 quantity=2, sold_on=days_ago(1))  # fmt: skip
    with pytest.raises(ValidationError):
        ledger.sale_cancel(actor=staff_user, sale=sale, reason=" ")
    ledger.sale_cancel(actor=staff_user, sale=sale, reason="Salah ketik jumlah")
    assert on_hand(batch) == 5
    kinds = list(StockEntry.objects.filter(batch=batch).order_by("id").values_list("kind", "quantity"))
    assert kinds == [("titip", 5), ("jual", -2), ("batal_jual", 2)]
    with pytest.raises(ValidationError) as exc:
        ledger.sale_cancel(actor=staff_user, sale=sale, reason="lagi")
    assert "sudah dibatalkan" in messages(exc)


def test_returns_larger_than_stock_are_refused(staff_user, item):
    batch = deliver(staff_user, item, 4).batches.get()
    with pytest.raises(ValidationError) as exc:
        ledger.return_record(
            actor=staff_user, batch=batch, quantity=5, returned_on=days_ago(1), reason_code="rusak"
        )
    assert "melebihi stok" in messages(exc)
    ledger.return_record(
        actor=staff_user, batch=batch, quantity=4, returned_on=days_ago(1), reason_code="rusak"
    )
    assert on_hand(batch) == 0
    assert StockBalance.objects.get(pk=batch.pk).returned == 4


def test_return_before_delivery_and_unknown_reason_refused(staff_user, item):
    batch = deliver(staff_user, item, 4, on=days_ago(5)).batches.get()
    with pytest.raises(ValidationError) as exc:
        ledger.return_record(
            actor=staff_user, batch=batch, quantity=1, returned_on=days_ago(6), reason_code="rusak"
        )
    assert "sebelum barang dititipkan" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        ledger.return_record(
            actor=staff_user, batch=batch, quantity=1, returned_on=days_ago(1), reason_code="x"
        )
    assert "alasan retur" in messages(exc)


def test_adjustment_needs_reason_and_cannot_go_negative(staff_user, item):
    batch = deliver(staff_user, item, 4).batches.get()
    with pytest.raises(ValidationError) as exc:
        ledger.adjustment_record(
            actor=staff_user, batch=batch, quantity=-1, counted_on=days_ago(1), reason=""
        )
    assert "alasan penyesuaian" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        ledger.adjustment_record(
            actor=staff_user, batch=batch, quantity=-5, counted_on=days_ago(1), reason="opname"
        )
    assert "minus" in messages(exc)
    ledger.adjustment_record(
        actor=staff_user, batch=batch, quantity=-1, counted_on=days_ago(1), reason="hilang"
    )
    ledger.adjustment_record(
        actor=staff_user, batch=batch, quantity=2, counted_on=days_ago(1), reason="terselip"
    )
    assert on_hand(batch) == 5
    assert AuditEntry.objects.filter(action="consignment.stock.adjusted").count() == 2


def test_outlet_partner_may_sell_and_return_but_not_deliver_or_adjust(partner_user, staff_user, item):
    batch = deliver(staff_user, item, 4).batches.get()
    ledger.sale_record(actor=partner_user, outlet=item.agreement.outlet, product=item.product,
                       quantity=1, sold_on=days_ago(1))  # fmt: skip
    ledger.return_record(
        actor=partner_user, batch=batch, quantity=1, returned_on=days_ago(1), reason_code="tidak_laku"
    )
    with pytest.raises(PermissionDenied):
        deliver(partner_user, item, 1)
    with pytest.raises(PermissionDenied):
        ledger.adjustment_record(
            actor=partner_user, batch=batch, quantity=1, counted_on=days_ago(1), reason="x"
        )


def test_partner_of_another_outlet_is_refused(staff_user, item, areas):
    deliver(staff_user, item, 4)
    stranger = make_user("mitra_outlet", username="mitra9")
    with pytest.raises(PermissionDenied):
        ledger.sale_record(actor=stranger, outlet=item.agreement.outlet, product=item.product,
                           quantity=1, sold_on=days_ago(1))  # fmt: skip


def test_ledger_is_append_only(staff_user, item):
    deliver(staff_user, item, 4)
    entry = StockEntry.objects.get()
    entry.quantity = 40
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert StockEntry.objects.get().quantity == 4


def test_database_refuses_negative_balance(staff_user, item):
    batch = deliver(staff_user, item, 4).batches.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        StockBalance.objects.filter(pk=batch.pk).update(on_hand=-1, sold=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        StockBalance.objects.filter(pk=batch.pk).update(on_hand=3)  # counters would disagree


def test_balances_match_ledger(staff_user, item):
    batch = deliver(staff_user, item, 9).batches.get()
    ledger.sale_record(actor=staff_user, outlet=item.agreement.outlet, product=item.product,
                       quantity=3, sold_on=days_ago(1))  # fmt: skip
    ledger.return_record(
        actor=staff_user, batch=batch, quantity=2, returned_on=days_ago(1), reason_code="rusak"
    )
    assert selectors.ledger_mismatches(actor=staff_user) == []
    rows = selectors.outlet_stock(actor=staff_user, outlet=item.agreement.outlet)
    assert [(r["batch_id"], r["on_hand"]) for r in rows] == [(batch.pk, 4)]
