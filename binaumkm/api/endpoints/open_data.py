"""Anonymous, read-only open data: areas and aggregate counts (small cells suppressed)."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from binaumkm.registry import open_data
from binaumkm.reporting import open_data as reporting_open_data

from .. import schemas
from ..throttles import AnonymousRate

router = Router(tags=["data terbuka"], throttle=[AnonymousRate()])


@router.get("/areas", response=list[schemas.Area], url_name="areas", auth=None)
def areas(request: HttpRequest):
    """Every kelurahan of the city with its kecamatan (kode Kemendagri)."""
    return [
        {"code": k.code, "name": k.name, "kecamatan_code": k.kecamatan.code,
         "kecamatan_name": k.kecamatan.name, "postal_code": k.postal_code}
        for k in open_data.areas()
    ]  # fmt: skip


@router.get("/binaan-counts", response=list[schemas.BinaanCount], url_name="binaan_counts", auth=None)
def binaan_counts(request: HttpRequest, level: Literal["kecamatan", "kelurahan"] = "kecamatan"):
    """UMKM binaan (verified, not closed) per kecamatan or kelurahan and KBLI section. A count under 5
    is published as null with ``suppressed: true``."""
    return open_data.binaan_counts_by_area(level=level)


@router.get("/recovery", response=list[schemas.RecoveryRow], url_name="recovery", auth=None)
def recovery(
    request: HttpRequest,
    month: str | None = Query(None, pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="Bulan, YYYY-MM"),
    kelurahan: str | None = Query(None, max_length=13, description="Kode kelurahan (Kemendagri)"),
):
    """UMKM recovered per kelurahan and month (the open dataset "pemulihan-umkm", from the monthly
    snapshots). A count of 1–4 UMKM is published as null, and so is the share beside it."""
    day = datetime.date(int(month[:4]), int(month[5:]), 1) if month else None
    return reporting_open_data.recovery_by_kelurahan(month=day, kelurahan=kelurahan)
