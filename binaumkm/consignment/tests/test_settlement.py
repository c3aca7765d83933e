"""Settlement rules: rounding, one settlement per sale, overlapping periods, void, pay once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from binaumkm.consignment.models import Agreement, Outlet, Sale, Settlement
from binaumkm.consignment.services import ledger, settlement
from binaumkm.core.models import AuditEntry
from binaumkm.registry.tests.factories import ProductFactory

from .factories import AgreementProductFactory, days_ago, deliver, last_month

pytestmark = pytest.mark.django_db


def sell(actor, item, quantity, day):
    return ledger.sale_record(
        actor=actor, outlet=item.agreement.outlet, product=item.product, quantity=quantity, sold_on=day
    )


@pytest.fixture
def month():
    return last_month()


@pytest.fixture
def sold(staff_user, item, month):
    """3 units sold last month at Rp 50.000 with 20 % commission."""
    start, end = month
    deliver(staff_user, item, 10, on=start)
    sell(staff_user, item, 2, start)
    sell(staff_user, item, 1, end)
    return item


def test_period_bounds():
    day = datetime.date(2024, 2, 20)  # a Tuesday
    assert settlement.period_bounds("bulanan", day) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert settlement.period_bounds("dua_mingguan", day) == (
        datetime.date(2024, 2, 16),
        datetime.date(2024, 2, 29),
    )
    assert settlement.period_bounds("dua_mingguan", day.replace(day=3))[1] == datetime.date(2024, 2, 15)
    assert settlement.period_bounds("mingguan", day) == (
        datetime.date(2024, 2, 19),
        datetime.date(2024, 2, 25),
    )


def test_commission_rounds_down_once_per_business():
    # 3 × 33.333 at 17.5 % = 17.499,825 -> 17.499; plus 10.001 at 20 % = 2.000,2 -> together 19.500,025 -> 19.500
    assert settlement.commission_for({1750: 99_999, 2000: 10_001}) == 19_500
    assert settlement.commission_for({0: 12_345}) == 0
    assert settlement.commission_for({10000: 12_345}) == 12_345


def test_settle_month_computes_gross_commission_net(staff_user, sold, month):
    s = settlement.settlement_create(
        actor=staff_user, outlet=sold.agreement.outlet, period_start=month[0], period_end=month[1]
    )
    line = s.lines.get()
    assert (line.gross, line.commission, line.net, line.quantity) == (150_000, 30_000, 120_000, 3)
    assert (s.gross, s.commission, s.net, s.sale_count, s.state) == (150_000, 30_000, 120_000, 2, "terbuka")
    assert Sale.objects.filter(settlement=s).count() == 2
    assert AuditEntry.objects.filter(action="consignment.settlement.created", object_id=str(s.pk)).exists()


def test_uneven_amounts_add_up_to_the_rupiah(staff_user, outlet, month):
    start, end = month
    items = []
    for price, bp in ((33_333, 1750), (12_999, 1250), (7_777, 2333)):
        agreement = AgreementProductFactory(
            agreement__outlet=outlet, agreement__commission_bp=bp, price=price
        )
        items.append(agreement)
        deliver(staff_user, agreement, 50, on=start)
        sell(staff_user, agreement, 7, start)
        sell(staff_user, agreement, 3, end)
    s = settlement.settlement_create(actor=staff_user, outlet=outlet, period_start=start, period_end=end)
    for line in s.lines.all():
        assert line.net + line.commission == line.gross
    by_price = {line.gross: line.commission for line in s.lines.all()}
    assert by_price[333_330] == 333_330 * 1750 // 10000 == 58_332
    assert by_price[129_990] == 16_248  # 16.248,75 rounded down
    assert s.net + s.commission == s.gross == 333_330 + 129_990 + 77_770


def test_settling_the_same_period_twice_is_refused(staff_user, sold, month):
    outlet = sold.agreement.outlet
    first = settlement.settlement_create(
        actor=staff_user, outlet=outlet, period_start=month[0], period_end=month[1]
    )
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_create(
            actor=staff_user, outlet=outlet, period_start=month[0], period_end=month[1]
        )
    assert "sudah dibayarkan" in " ".join(exc.value.messages) and first.reference in " ".join(
        exc.value.messages
    )
    assert Settlement.objects.count() == 1


def test_overlapping_periods_are_refused(staff_user, sold, month):
    outlet = sold.agreement.outlet
    settlement.settlement_create(actor=staff_user, outlet=outlet, period_start=month[0], period_end=month[1])
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_create(
            actor=staff_user,
            outlet=outlet,
            period_start=month[1],
            period_end=month[1] + datetime.timedelta(days=1),
        )
    assert "bertumpuk" in " ".join(exc.value.messages)


def test_database_refuses_two_live_settlements_for_one_period(staff_user, sold, month):
    outlet = sold.agreement.outlet
    settlement.settlement_create(actor=staff_user, outlet=outlet, period_start=month[0], period_end=month[1])
    with pytest.raises(IntegrityError), transaction.atomic():
        Settlement.objects.create(outlet=outlet, period_start=month[0], period_end=month[1])


def test_period_not_ended_and_empty_period_are_refused(staff_user, sold, month):
    outlet = sold.agreement.outlet
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_create(
            actor=staff_user, outlet=outlet, period_start=days_ago(3), period_end=days_ago(0)
        )
    assert "belum berakhir" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_create(
            actor=staff_user,
            outlet=outlet,
            period_start=datetime.date(2020, 1, 1),
            period_end=datetime.date(2020, 1, 31),
        )
    assert "Tidak ada penjualan" in " ".join(exc.value.messages)
    assert not Settlement.objects.exists()


def test_settled_sale_cannot_be_cancelled_nor_new_sales_added_to_the_period(staff_user, sold, month):
    outlet = sold.agreement.outlet
    settlement.settlement_create(actor=staff_user, outlet=outlet, period_start=month[0], period_end=month[1])
    sale = Sale.objects.first()
    with pytest.raises(ValidationError) as exc:
        ledger.sale_cancel(actor=staff_user, sale=sale, reason="salah")
    assert "sudah masuk rekap pembayaran" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        sell(staff_user, sold, 1, month[1])
    assert "sudah dibayarkan" in " ".join(exc.value.messages)


def test_void_frees_sales_for_a_new_settlement(staff_user, sold, month):
    outlet = sold.agreement.outlet
    first = settlement.settlement_create(
        actor=staff_user, outlet=outlet, period_start=month[0], period_end=month[1]
    )
    with pytest.raises(ValidationError):
        settlement.settlement_void(actor=staff_user, settlement=first, reason="")
    settlement.settlement_void(actor=staff_user, settlement=first, reason="Komisi salah")
    first.refresh_from_db()
    assert first.state == "batal" and first.void_reason == "Komisi salah"
    assert not Sale.objects.filter(settlement__isnull=False).exists()
    Agreement.objects.update(commission_bp=1500)  # the rate stays what it was when the sales were made
    second = settlement.settlement_create(
        actor=staff_user, outlet=outlet, period_start=month[0], period_end=month[1]
    )
    assert Sale.objects.filter(settlement=second).count() == 2
    assert second.commission == 30_000
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_void(actor=staff_user, settlement=first, reason="lagi")
    assert "sudah dibatalkan" in " ".join(exc.value.messages)


def test_payment_is_recorded_once(staff_user, sold, month):
    s = settlement.settlement_create(
        actor=staff_user, outlet=sold.agreement.outlet, period_start=month[0], period_end=month[1]
    )
    line = s.lines.get()
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_line_pay(actor=staff_user, line=line, paid_on=days_ago(0), reference="  ")
    assert "referensi pembayaran" in " ".join(exc.value.messages)
    settlement.settlement_line_pay(actor=staff_user, line=line, paid_on=days_ago(0), reference="TRF-001")
    s.refresh_from_db()
    assert s.state == "lunas"
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_line_pay(actor=staff_user, line=line, paid_on=days_ago(0), reference="TRF-002")
    assert "sudah dicatat" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_pay_all(
            actor=staff_user, settlement=s, paid_on=days_ago(0), reference="TRF-003"
        )
    line.refresh_from_db()
    assert line.payment_reference == "TRF-001"
    with pytest.raises(ValidationError) as exc:
        settlement.settlement_void(actor=staff_user, settlement=s, reason="salah")
    assert "sudah dibayar" in " ".join(exc.value.messages)


def test_payment_date_rules(staff_user, sold, month):
    s = settlement.settlement_create(
        actor=staff_user, outlet=sold.agreement.outlet, period_start=month[0], period_end=month[1]
    )
    line = s.lines.get()
    for day, text in ((days_ago(-1), "masa depan"), (month[0], "sebelum akhir periode")):
        with pytest.raises(ValidationError) as exc:
            settlement.settlement_line_pay(actor=staff_user, line=line, paid_on=day, reference="TRF")
        assert text in " ".join(exc.value.messages)


def test_pay_all_marks_every_line_once(staff_user, sold, month):
    other = AgreementProductFactory(agreement__outlet=sold.agreement.outlet)
    deliver(staff_user, other, 3, on=month[0])
    sell(staff_user, other, 3, month[0])
    s = settlement.settlement_create(
        actor=staff_user, outlet=sold.agreement.outlet, period_start=month[0], period_end=month[1]
    )
    assert s.lines.count() == 2
    assert (
        settlement.settlement_pay_all(actor=staff_user, settlement=s, paid_on=days_ago(0), reference="BULK-1")
        == 2
    )
    s.refresh_from_db()
    assert s.state == "lunas"
    assert AuditEntry.objects.filter(action="consignment.settlement.line_paid").count() == 2


def test_weekly_outlet_settles_one_week(staff_user, outlet):
    Outlet.objects.filter(pk=outlet.pk).update(settlement_period="mingguan")
    item = AgreementProductFactory(agreement__outlet=outlet, product=ProductFactory(category="kerajinan"))
    item.product.business = item.agreement.business
    item.product.save()
    start, end = settlement.period_bounds("mingguan", days_ago(14))
    deliver(staff_user, item, 5, on=start)
    sell(staff_user, item, 1, start)
    sell(staff_user, item, 1, end + datetime.timedelta(days=1))
    s = settlement.settlement_create(actor=staff_user, outlet=outlet, period_start=start, period_end=end)
    assert s.sale_count == 1
