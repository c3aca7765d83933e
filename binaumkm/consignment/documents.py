"""PDF documents: the delivery note, a business's settlement statement and the outlet summary."""

from django.conf import settings
from django.db.models import F, Sum

from binaumkm.core.pdf import render_pdf

from . import selectors
from .models import Delivery, Settlement, SettlementLine


def _context(**values) -> dict:
    return {"site": settings.BINAUMKM, **values}


def delivery_note_pdf(delivery: Delivery) -> bytes:
    batches = list(delivery.batches.select_related("product").annotate(value=F("quantity") * F("unit_price")))
    return render_pdf(
        "consignment/pdf/delivery_note.html",
        _context(
            delivery=delivery, batches=batches, units=sum(b.quantity for b in batches),
            total=sum(b.value for b in batches),
        ),
    )  # fmt: skip


def statement_pdf(line: SettlementLine) -> bytes:
    return render_pdf(
        "consignment/pdf/statement.html",
        _context(line=line, settlement=line.settlement, rows=selectors.line_sales(line)),
    )


def summary_pdf(settlement: Settlement) -> bytes:
    lines = list(selectors.settlement_lines(settlement))
    totals = settlement.lines.aggregate(quantity=Sum("quantity"))
    return render_pdf(
        "consignment/pdf/summary.html",
        _context(settlement=settlement, lines=lines, quantity=totals["quantity"] or 0),
    )
