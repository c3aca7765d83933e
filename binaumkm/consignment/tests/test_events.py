"""Every consignment event is recorded by its service, on the object it concerns, with a readable label."""

import io

import pytest
from openpyxl import Workbook

from binaumkm.consignment import services
from binaumkm.consignment.events import Event
from binaumkm.consignment.models import Outlet
from binaumkm.core import audit
from binaumkm.core.models import AuditEntry
from binaumkm.registry.tests.factories import BusinessFactory, ProductFactory, kelurahan

from .factories import days_ago, last_month

pytestmark = pytest.mark.django_db


def recorded(action: str, obj) -> AuditEntry:
    return AuditEntry.objects.get(action=action, object_id=str(obj.pk))


def xlsx(rows) -> bytes:
    book = Workbook()
    book.active.append(["tanggal", "kode_produk", "produk", "jumlah"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_every_service_records_its_event(staff_user, areas):
    actor = staff_user
    outlet = services.outlet_create(
        actor=actor,
        data={
            "name": "Hotel Kasunanan",
            "kind": Outlet.Kind.SOUVENIR,
            "address": "Jl. Slamet Riyadi 2",
            "kelurahan": kelurahan(),
            "contact_name": "Bu Rini",
            "commission_bp": 2000,
        },
    )
    assert recorded(Event.OUTLET_CREATED, outlet).actor == actor
    services.outlet_update(
        actor=actor, outlet=outlet, data={"kind": Outlet.Kind.SOUVENIR, "commission_bp": 1500}
    )
    assert recorded(Event.OUTLET_UPDATED, outlet).changes["commission_bp"] == [2000, 1500]
    partner, _created = services.outlet_partner_add(
        actor=actor, outlet=outlet, full_name="Ani", phone="+6281300000005"
    )
    assert recorded(Event.PARTNER_ADDED, outlet).data == {"user": "Ani"}  # a name, never a phone number
    services.outlet_partner_remove(actor=actor, outlet=outlet, user=partner)
    assert recorded(Event.PARTNER_REMOVED, outlet)

    business = BusinessFactory()
    agreement = services.agreement_create(
        actor=actor, outlet=outlet, business=business, data={"starts_on": days_ago(400)}
    )
    assert recorded(Event.AGREEMENT_CREATED, agreement)
    services.agreement_update(actor=actor, agreement=agreement, data={"commission_bp": 1000})
    assert recorded(Event.AGREEMENT_UPDATED, agreement)
    product = ProductFactory(business=business, category="kerajinan")
    item = services.agreement_item_save(actor=actor, agreement=agreement, product=product, price=40_000)
    services.agreement_item_save(actor=actor, agreement=agreement, product=product, price=45_000)
    assert AuditEntry.objects.filter(
        action=Event.AGREEMENT_PRODUCT_ADDED, object_id=str(agreement.pk)
    ).exists()
    assert recorded(Event.AGREEMENT_PRODUCT_CHANGED, agreement).changes["price"] == [40_000, 45_000]

    start, end = last_month()
    delivery = services.delivery_create(
        actor=actor,
        agreement=agreement,
        delivered_on=start,
        sender_name="Sri",
        receiver_name="Budi",
        lines=[(item, 20, None)],
    )
    assert recorded(Event.DELIVERY_CREATED, delivery)
    batch = delivery.batches.get()
    (sale,) = services.sale_record(actor=actor, outlet=outlet, product=product, quantity=2, sold_on=start)
    assert recorded(Event.SALE_RECORDED, sale)
    services.sales_upload(actor=actor, outlet=outlet, data=xlsx([(start, product.pk, "", 1)]))
    assert recorded(Event.SALES_UPLOADED, outlet).data["units"] == 1
    (cancelled,) = services.sale_record(
        actor=actor, outlet=outlet, product=product, quantity=1, sold_on=start
    )
    services.sale_cancel(actor=actor, sale=cancelled, reason="salah ketik")
    assert recorded(Event.SALE_CANCELLED, cancelled)
    services.return_record(actor=actor, batch=batch, quantity=1, returned_on=start, reason_code="rusak")
    assert recorded(Event.STOCK_RETURNED, batch)
    services.adjustment_record(actor=actor, batch=batch, quantity=-1, counted_on=start, reason="opname")
    assert recorded(Event.STOCK_ADJUSTED, batch)

    made = services.settlement_create(actor=actor, outlet=outlet, period_start=start, period_end=end)
    assert recorded(Event.SETTLEMENT_CREATED, made)
    services.settlement_void(actor=actor, settlement=made, reason="hitung ulang")
    assert recorded(Event.SETTLEMENT_VOIDED, made)
    made = services.settlement_create(actor=actor, outlet=outlet, period_start=start, period_end=end)
    services.settlement_line_pay(actor=actor, line=made.lines.get(), paid_on=days_ago(0), reference="TRF-1")
    assert recorded(Event.LINE_PAID, made).data["reference"] == "TRF-1"
    assert recorded(Event.SETTLEMENT_PAID, made)

    food = ProductFactory(business=business, category="makanan")
    food_item = services.agreement_item_save(actor=actor, agreement=agreement, product=food, price=10_000)
    soon = services.delivery_create(
        actor=actor,
        agreement=agreement,
        delivered_on=days_ago(1),
        sender_name="Sri",
        receiver_name="Budi",
        lines=[(food_item, 5, days_ago(-3))],
    )
    services.expiry_flag(days=7, notify=False)
    assert recorded(Event.EXPIRY_FLAGGED, soon.batches.get()).actor is None  # the daily check: the system

    for event in Event:
        assert AuditEntry.objects.filter(action=event).exists(), event
        assert audit.event_label(event) == str(event.label) != event.value
