"""Access declarations of consignment's URLs, and the consignment part of the shared world: the
"outlet_partner"'s outlet with the "owner"'s goods delivered, sold and settled there."""

from types import SimpleNamespace

from binaumkm.core.tests.site_access import OK, OWNER_LIST, STAFF, Url, rule


def build(world):
    from django.utils import timezone

    from binaumkm.consignment.services import ledger, settlement
    from binaumkm.consignment.tests.factories import AgreementProductFactory, OutletFactory, last_month

    staff = world.users["staff"]
    outlet = OutletFactory(name="Hotel Gerai A")
    outlet.partners.add(world.users["outlet_partner"])
    OutletFactory(name="Hotel Gerai B").partners.add(world.users["other_outlet_partner"])
    item = AgreementProductFactory(agreement__outlet=outlet, agreement__business=world.business)
    start, end = last_month()
    delivery = ledger.delivery_create(
        actor=staff,
        agreement=item.agreement,
        delivered_on=start,
        sender_name="Sri",
        receiver_name="Budi",
        lines=[(item, 10, None)],
    )
    ledger.sale_record(actor=staff, outlet=outlet, product=item.product, quantity=2, sold_on=start)
    made = settlement.settlement_create(actor=staff, outlet=outlet, period_start=start, period_end=end)
    (sale,) = ledger.sale_record(
        actor=staff, outlet=outlet, product=item.product, quantity=1, sold_on=timezone.localdate()
    )
    world.consignment = SimpleNamespace(
        outlet=outlet,
        agreement=item.agreement,
        delivery=delivery,
        batch=delivery.batches.get(),
        sale=sale,
        settlement=made,
        line=made.lines.get(),
    )


def outlet(world):
    return {"pk": world.consignment.outlet.pk}


def batch(world):
    return {"pk": world.consignment.outlet.pk, "batch_pk": world.consignment.batch.pk}


def agreement(world):
    return {"pk": world.consignment.agreement.pk}


def settled(world):
    return {"pk": world.consignment.settlement.pk}


# Staff, and the partners of the world's outlet; another outlet's partner gets 404.
OUTLET_PAGE = rule(staff=OK, admin=OK, outlet_partner=OK, other_outlet_partner=404)
# Documents the outlet's partners and the owner of the goods may also download.
SHARED_DOCUMENT = rule(
    staff=OK, admin=OK, outlet_partner=OK, other_outlet_partner=404, owner=OK, other_owner=404
)
# Everyone with consignment work is sent to their starting page.
START = rule(staff=302, admin=302, outlet_partner=302, other_outlet_partner=302, owner=302, other_owner=302)

URLS = {
    "consignment:index": Url(START),
    # Staff back office
    "consignment:outlet_list": Url(STAFF, query="?q=hotel&kind=hotel"),
    "consignment:outlet_create": Url(STAFF, methods=("GET", "POST")),
    "consignment:outlet_detail": Url(STAFF, kwargs=outlet),
    "consignment:outlet_edit": Url(STAFF, kwargs=outlet, methods=("GET", "POST")),
    "consignment:partner_add": Url(
        STAFF,
        kwargs=outlet,
        methods=("POST",),
        data=lambda w: {"full_name": "Ani", "phone": "0813 1111 2222"},
    ),
    "consignment:partner_remove": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.consignment.outlet.pk, "user_pk": w.users["outlet_partner"].pk},
        methods=("POST",),
    ),
    "consignment:agreement_create": Url(STAFF, kwargs=outlet, methods=("GET", "POST"), query="?q=batik"),
    "consignment:agreement_detail": Url(STAFF, kwargs=agreement),
    "consignment:agreement_edit": Url(STAFF, kwargs=agreement, methods=("GET", "POST")),
    "consignment:agreement_item_save": Url(STAFF, kwargs=agreement, methods=("POST",)),
    "consignment:delivery_create": Url(STAFF, kwargs=agreement, methods=("GET", "POST")),
    "consignment:delivery_detail": Url(STAFF, kwargs=lambda w: {"pk": w.consignment.delivery.pk}),
    "consignment:adjustment_create": Url(STAFF, kwargs=batch, methods=("GET", "POST")),
    "consignment:settlement_create": Url(STAFF, kwargs=outlet, methods=("GET", "POST")),
    "consignment:settlement_detail": Url(STAFF, kwargs=settled),
    "consignment:line_pay": Url(
        STAFF,
        kwargs=lambda w: {"pk": w.consignment.settlement.pk, "line_pk": w.consignment.line.pk},
        methods=("POST",),
    ),
    "consignment:pay_all": Url(STAFF, kwargs=settled, methods=("POST",)),
    "consignment:settlement_void": Url(STAFF, kwargs=settled, methods=("POST",)),
    "consignment:report": Url(STAFF, query="?date_from=2020-01-01"),
    "consignment:report_export": Url(STAFF),
    # One outlet's pages
    "consignment:outlet_stock": Url(OUTLET_PAGE, kwargs=outlet),
    "consignment:sales_entry": Url(OUTLET_PAGE, kwargs=outlet, methods=("GET", "POST")),
    "consignment:sales_upload": Url(OUTLET_PAGE, kwargs=outlet, methods=("GET", "POST")),
    "consignment:upload_template": Url(OUTLET_PAGE, kwargs=outlet),
    "consignment:sales_list": Url(OUTLET_PAGE, kwargs=outlet),
    "consignment:sale_cancel": Url(
        OUTLET_PAGE,
        kwargs=lambda w: {"pk": w.consignment.outlet.pk, "sale_pk": w.consignment.sale.pk},
        methods=("GET", "POST"),
    ),
    "consignment:return_create": Url(OUTLET_PAGE, kwargs=batch, methods=("GET", "POST")),
    "consignment:ledger": Url(OUTLET_PAGE, kwargs=outlet),
    "consignment:outlet_settlements": Url(OUTLET_PAGE, kwargs=outlet),
    # Owners
    "consignment:owner_overview": Url(OWNER_LIST),
    "consignment:owner_sales": Url(OWNER_LIST),
    # Documents
    "consignment:delivery_pdf": Url(SHARED_DOCUMENT, kwargs=lambda w: {"pk": w.consignment.delivery.pk}),
    "consignment:statement_pdf": Url(SHARED_DOCUMENT, kwargs=lambda w: {"pk": w.consignment.line.pk}),
    "consignment:summary_pdf": Url(OUTLET_PAGE, kwargs=settled),
}
