"""The registry for the caller: the businesses and products their pages show (staff: every one;
an owner: their own; another owner's business is a 404)."""

from __future__ import annotations

from types import SimpleNamespace

from django.http import HttpRequest
from ninja import Path, Query, Router

from binaumkm.core.masking import mask_nik, mask_phone
from binaumkm.registry import selectors as registry
from binaumkm.registry.models import Business

from .. import pagination, schemas
from .params import CURSOR, ID, LIMIT

router = Router(tags=["registry"])


def business_item(b) -> dict:
    return {
        "id": b.pk, "reference": b.reference, "name": b.name, "kelurahan_code": b.kelurahan.code,
        "kelurahan": b.kelurahan.name, "kecamatan": b.kelurahan.kecamatan.name,
        "kbli_section": b.kbli_section, "size_class": b.size_class, "status": b.status,
        "verification": b.verification, "binaan_since": b.binaan_since, "employees": b.employees,
    }  # fmt: skip


# A list row is read as plain values: no model instances, no owner join (the list shows no owner).
LIST_FIELDS = (
    "id", "name", "kelurahan__code", "kelurahan__name", "kelurahan__kecamatan__name", "kbli_section",
    "size_class", "status", "verification", "binaan_since", "employees",
)  # fmt: skip


def business_row(row: dict) -> dict:
    return {
        "id": row["id"], "reference": Business.reference.fget(SimpleNamespace(pk=row["id"])),
        "name": row["name"], "kelurahan_code": row["kelurahan__code"], "kelurahan": row["kelurahan__name"],
        "kecamatan": row["kelurahan__kecamatan__name"], "kbli_section": row["kbli_section"],
        "size_class": row["size_class"], "status": row["status"], "verification": row["verification"],
        "binaan_since": row["binaan_since"], "employees": row["employees"],
    }  # fmt: skip


@router.get("/businesses", response=schemas.BusinessPage, url_name="businesses")
def businesses(
    request: HttpRequest,
    cursor: str | None = CURSOR,
    limit: int = LIMIT,
    kecamatan: int | None = Query(None, ge=1, le=2**31 - 1),  # noqa: B008 - ninja's parameter declaration
    status: str = Query("", max_length=10),  # noqa: B008
):
    """The businesses the caller may see, by id."""
    filters = {"kecamatan": kecamatan, "status": status}
    qs = registry.business_list(actor=request.user, filters=filters).values(*LIST_FIELDS)
    rows, next_cursor = pagination.page(qs, cursor=cursor, limit=limit)
    return {"results": [business_row(row) for row in rows], "next": next_cursor}


@router.get(
    "/businesses/{pk}", response={200: schemas.BusinessDetail, 404: schemas.Error}, url_name="business"
)
def business(request: HttpRequest, pk: int = Path(..., ge=1, le=2**31 - 1)):  # noqa: B008
    """One business; NIK and phone masked as on the staff pages."""
    b = registry.business_get(actor=request.user, pk=pk)
    return {
        **business_item(b), "address": b.address, "kbli_code": b.kbli_code, "year_founded": b.year_founded,
        "owner": {"full_name": b.owner.full_name, "nik": mask_nik(b.owner.nik), "phone": mask_phone(b.owner.phone)},
    }  # fmt: skip


@router.get("/products", response=schemas.ProductPage, url_name="products")
def products(
    request: HttpRequest, cursor: str | None = CURSOR, limit: int = LIMIT, business: int | None = ID
):
    """The products the caller may see, optionally of one business."""
    qs = registry.product_list(actor=request.user, business_id=business)
    rows, next_cursor = pagination.page(qs, cursor=cursor, limit=limit)
    return {"results": [
        {"id": p.pk, "business_id": p.business_id, "name": p.name, "category": p.category, "price": p.price,
         "unit": p.unit, "is_active": p.is_active}
        for p in rows
    ], "next": next_cursor}  # fmt: skip
