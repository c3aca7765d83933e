"""One test per remaining refusal: each says in Indonesian why, and writes nothing."""

import pytest
from django.core.exceptions import ValidationError

from binaumkm.consignment import services
from binaumkm.consignment.models import Agreement, AgreementProduct, Outlet
from binaumkm.consignment.services import ledger, settlement
from binaumkm.core.testing import make_user
from binaumkm.registry.tests.factories import BusinessFactory, ProductFactory

from .factories import days_ago, deliver, last_month

pytestmark = pytest.mark.django_db


def refused(fn, text):
    with pytest.raises(ValidationError) as exc:
        fn()
    assert text in " ".join(exc.value.messages), exc.value.messages


def test_inactive_outlet_takes_no_delivery(staff_user, item):
    Outlet.objects.filter(pk=item.agreement.outlet_id).update(is_active=False)
    refused(lambda: deliver(staff_user, item, 1), "Outlet ini tidak aktif")


def test_partner_account_refusals(staff_user, outlet):
    staff_user.phone = "+6281300000008"
    staff_user.save()
    add = services.outlet_partner_add
    refused(
        lambda: add(actor=staff_user, outlet=outlet, full_name="X", phone="+6281300000008"),
        "akun pegawai dinas",
    )
    assert not outlet.partners.exists()
    add(actor=staff_user, outlet=outlet, full_name="Ani", phone="+6281300000007")
    refused(
        lambda: add(actor=staff_user, outlet=outlet, full_name="Ani", phone="+6281300000007"),
        "sudah terhubung",
    )
    other = make_user("mitra_outlet", username="lain")
    refused(
        lambda: services.outlet_partner_remove(actor=staff_user, outlet=outlet, user=other), "tidak terhubung"
    )


def test_agreement_refusals(staff_user, outlet):
    closed = BusinessFactory(status="tutup")
    refused(lambda: services.agreement_create(actor=staff_user, outlet=outlet, business=closed,
                                              data={"starts_on": days_ago(1)}), "sudah tutup")  # fmt: skip
    business = BusinessFactory()
    refused(lambda: services.agreement_create(actor=staff_user, outlet=outlet, business=business,
                                              data={"starts_on": days_ago(1), "ends_on": days_ago(5)}),
            "sebelum tanggal mulai")  # fmt: skip
    refused(lambda: services.agreement_create(actor=staff_user, outlet=outlet, business=business,
                                              data={"starts_on": days_ago(1), "expiry_handling": "diskon",
                                                    "expiry_discount_bp": 0}), "Isi diskon")  # fmt: skip
    assert not Agreement.objects.exists()


def test_agreement_item_refusals(staff_user, item):
    refused(lambda: services.agreement_item_save(actor=staff_user, agreement=item.agreement, product=ProductFactory(),
                                                 price=1000), "bukan milik usaha")  # fmt: skip
    own = ProductFactory(business=item.agreement.business)
    refused(lambda: services.agreement_item_save(actor=staff_user, agreement=item.agreement, product=own, price=0),
            "lebih dari Rp0")  # fmt: skip
    assert not AgreementProduct.objects.filter(product=own).exists()


def test_delivery_needs_names_and_lines(staff_user, item):
    refused(lambda: ledger.delivery_create(actor=staff_user, agreement=item.agreement, delivered_on=days_ago(1),
                                           sender_name=" ", receiver_name="B", lines=[(item, 1, None)]),
            "nama penyerah")  # fmt: skip
    refused(lambda: ledger.delivery_create(actor=staff_user, agreement=item.agreement, delivered_on=days_ago(1),
                                           sender_name="A", receiver_name="B", lines=[]), "sedikitnya satu")  # fmt: skip


def test_period_and_pay_all_refusals(staff_user, item):
    start, end = last_month()
    refused(lambda: settlement.settlement_create(actor=staff_user, outlet=item.agreement.outlet, period_start=end,
                                                 period_end=start), "Periode tidak valid")  # fmt: skip
    deliver(staff_user, item, 3, on=start)
    ledger.sale_record(
        actor=staff_user, outlet=item.agreement.outlet, product=item.product, quantity=1, sold_on=start
    )
    made = settlement.settlement_create(actor=staff_user, outlet=item.agreement.outlet, period_start=start,
                                        period_end=end)  # fmt: skip
    settlement.settlement_pay_all(actor=staff_user, settlement=made, paid_on=days_ago(0), reference="A-1")
    refused(lambda: settlement.settlement_pay_all(actor=staff_user, settlement=made, paid_on=days_ago(0),
                                                  reference="A-2"), "sudah dibayar")  # fmt: skip


def test_voided_settlement_cannot_be_paid(staff_user, item):
    start, end = last_month()
    deliver(staff_user, item, 3, on=start)
    ledger.sale_record(
        actor=staff_user, outlet=item.agreement.outlet, product=item.product, quantity=1, sold_on=start
    )
    made = settlement.settlement_create(actor=staff_user, outlet=item.agreement.outlet, period_start=start,
                                        period_end=end)  # fmt: skip
    settlement.settlement_void(actor=staff_user, settlement=made, reason="salah")
    refused(lambda: settlement.settlement_line_pay(actor=staff_user, line=made.lines.get(), paid_on=days_ago(0),
                                                   reference="A-1"), "sudah dibatalkan")  # fmt: skip
