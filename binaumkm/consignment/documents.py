"""PDF documents: the delivery note, a business's settlement statement and the outlet summary.
The views read what goes in through the selectors; these functions only render."""

from binaumkm.core.conf import site
from binaumkm.core.pdf import render_pdf

from .models import Delivery, Settlement, SettlementLine


def _context(**values) -> dict:
    return {"site": site(), **values}


def delivery_note_pdf(delivery: Delivery, batches: list) -> bytes:
    """``batches``: the note's lines annotated with ``value`` (``selectors.delivery_batches``)."""
    return render_pdf(
        "consignment/pdf/delivery_note.html",
        _context(
            delivery=delivery, batches=batches, units=sum(b.quantity for b in batches),
            total=sum(b.value for b in batches),
        ),
    )  # fmt: skip


def statement_pdf(line: SettlementLine, rows: list[dict]) -> bytes:
    """``rows``: units and gross per product (``selectors.line_sales``)."""
    return render_pdf(
        "consignment/pdf/statement.html", _context(line=line, settlement=line.settlement, rows=rows)
    )


def summary_pdf(settlement: Settlement, lines: list, quantity: int) -> bytes:
    return render_pdf(
        "consignment/pdf/summary.html", _context(settlement=settlement, lines=lines, quantity=quantity)
    )
