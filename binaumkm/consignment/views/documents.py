"""PDF downloads. Each document is found through its selector: another party's is a 404."""

from binaumkm.core.pdf import pdf_response
from binaumkm.core.policy import permission_required

from .. import documents, selectors
from ..policy import OWN_GOODS, OWN_OUTLET, VIEW_SETTLEMENT


@permission_required("consignment.view_delivery", OWN_OUTLET, OWN_GOODS)
def delivery_note(request, pk):
    delivery = selectors.delivery_get(actor=request.user, pk=pk)
    batches = list(selectors.delivery_batches(actor=request.user, delivery=delivery))
    return pdf_response(documents.delivery_note_pdf(delivery, batches), f"surat-titip-{delivery.number}.pdf")


@permission_required(VIEW_SETTLEMENT, OWN_OUTLET, OWN_GOODS)
def statement(request, pk):
    line = selectors.settlement_line_get(actor=request.user, pk=pk)
    rows = selectors.line_sales(actor=request.user, line=line)
    name = f"rekap pembayaran-{line.settlement.reference}-{line.business.reference}.pdf"
    return pdf_response(documents.statement_pdf(line, rows), name)


@permission_required(VIEW_SETTLEMENT, OWN_OUTLET)
def summary(request, pk):
    made = selectors.settlement_get(actor=request.user, pk=pk)
    lines = list(selectors.settlement_lines(actor=request.user, settlement=made))
    quantity = selectors.settlement_totals(actor=request.user, settlement=made)["quantity"]
    return pdf_response(
        documents.summary_pdf(made, lines, quantity), f"rekap pembayaran-{made.reference}-ringkasan.pdf"
    )
