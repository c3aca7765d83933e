"""Training, store partnerships and consignment for the caller, each through its module's selectors
(which start from the access policy): open batches and the caller's registrations, the compliance of
the stores the caller may see, the consignment stock of the caller's businesses or outlets."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from binaumkm.consignment import selectors as consignment
from binaumkm.partnerships import selectors as partnerships
from binaumkm.training import selectors as training

from .. import pagination, schemas
from .params import CURSOR, LIMIT

router = Router()


@router.get("/training/batches", response=schemas.BatchPage, url_name="training_batches", tags=["pelatihan"])
def training_batches(request: HttpRequest, cursor: str | None = CURSOR, limit: int = LIMIT):
    """Training batches open for registration now or soon (what the public page lists)."""
    rows, next_cursor = pagination.page(training.batches_open(actor=request.user), cursor=cursor, limit=limit)
    return {"results": [
        {"id": b.pk, "programme": b.programme.title, "topic": b.programme.topic, "number": b.number,
         "state": b.state, "capacity": b.capacity, "registration_opens_at": b.registration_opens_at,
         "registration_closes_at": b.registration_closes_at, "start_date": b.start_date,
         "end_date": b.end_date, "delivery": b.delivery}
        for b in rows
    ], "next": next_cursor}  # fmt: skip


@router.get(
    "/training/registrations", response=schemas.RegistrationPage, url_name="training_registrations",
    tags=["pelatihan"],
)  # fmt: skip
def training_registrations(request: HttpRequest, cursor: str | None = CURSOR, limit: int = LIMIT):
    """The registrations of the caller's own businesses."""
    qs = training.registrations_owned(actor=request.user)
    rows, next_cursor = pagination.page(qs, cursor=cursor, limit=limit)
    return {"results": [
        {"id": r.pk, "batch_id": r.batch_id, "programme": r.batch.programme.title, "business_id": r.business_id,
         "business": r.business.name, "status": r.status, "created_at": r.created_at}
        for r in rows
    ], "next": next_cursor}  # fmt: skip


@router.get(
    "/partnerships/compliance", response=list[schemas.StoreCompliance], url_name="store_compliance",
    tags=["kemitraan toko"],
)  # fmt: skip
def store_compliance(request: HttpRequest):
    """Every store the caller may see (staff: all; a store manager: theirs) with its compliance today."""
    overview = partnerships.compliance_overview(actor=request.user, filters={"sort": "nama"})
    return [
        {"store_id": r.store.pk, "store": r.store.name, "brand": r.store.brand, "kelurahan": r.store.kelurahan.name,
         "status": r.store.status, "required_partners": r.state.required, "active_partners": r.state.active,
         "compliant": r.state.compliant, "since": r.state.since, "days_in_state": r.state.days_in_state}
        for r in overview.rows
    ]  # fmt: skip


@router.get(
    "/consignment/stock", response=list[schemas.StockLine], url_name="consignment_stock", tags=["titip jual"]
)
def consignment_stock(request: HttpRequest):
    """Stock on hand per batch: an owner's own goods at every outlet, and an outlet partner's outlets."""
    rows = [
        {**row, "outlet_id": row["outlet_id"], "outlet": row["outlet__name"]}
        for row in consignment.owner_stock(actor=request.user)
    ]
    for outlet in consignment.outlet_own(actor=request.user):
        rows += [
            {**row, "outlet_id": outlet.pk, "outlet": outlet.name}
            for row in consignment.outlet_stock(actor=request.user, outlet=outlet)
        ]
    return [
        {"outlet_id": r["outlet_id"], "outlet": r["outlet"], "batch_code": r["batch__code"],
         "product_id": r["product_id"], "product": r["product__name"], "unit": r["product__unit"],
         "business_id": r["business_id"], "on_hand": r["on_hand"], "expiry_date": r["expiry_date"],
         "unit_price": r["batch__unit_price"]}
        for r in rows
    ]  # fmt: skip
