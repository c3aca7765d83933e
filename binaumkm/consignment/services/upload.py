"""Sales upload (.xlsx): all rows or none.

Every row is checked for its format (``importing``), then every row is tried against the ledger
inside one transaction (so stock is consumed cumulatively, row by row); if any row fails, the
transaction is rolled back and the outlet sees one error per row and column. Nothing is half-written."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy

from ..events import Event
from ..importing import HEADERS, RowError, UploadResult, parse, read_rows
from ..models import Outlet, Sale, StockBalance
from . import ledger


def sales_upload(*, actor: User, outlet: Outlet, data: bytes) -> UploadResult:
    """Record every sale in the file, or none. Raises UploadError for an unusable file."""
    policy.require(actor, "sell", outlet)
    rows = read_rows(data)
    balances = StockBalance.objects.filter(outlet=outlet).select_related("product")
    products = {b.product_id: b.product for b in balances}
    parsed, errors = parse(rows, products)
    result = UploadResult(rows=len(rows), errors=errors)
    with transaction.atomic():
        for number, values in parsed:
            try:
                with transaction.atomic():
                    result.sales += ledger.sale_record(
                        actor=actor, outlet=outlet, product=values["kode_produk"], quantity=values["jumlah"],
                        sold_on=values["tanggal"], source=Sale.Source.UPLOAD,
                    )  # fmt: skip
            except ValidationError as exc:
                column = "tanggal" if hasattr(exc, "error_dict") and "sold_on" in exc.error_dict else "jumlah"
                result.errors.append(RowError(number, column, " ".join(exc.messages)))
        result.errors.sort(key=lambda e: (e.row, HEADERS.index(e.column) if e.column in HEADERS else 9))
        if result.errors:
            transaction.set_rollback(True)
            result.sales = []
            return result
        result.units = sum(s.quantity for s in result.sales)
        audit.record(
            actor=actor, action=Event.SALES_UPLOADED, obj=outlet,
            data={"rows": len(rows), "sales": len(result.sales), "units": result.units},
        )  # fmt: skip
    return result
