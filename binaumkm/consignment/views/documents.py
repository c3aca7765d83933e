"""PDF downloads. Each document is scoped by its selector: another actor's is a 404."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from binaumkm.core.pdf import pdf_response

from .. import documents, selectors


@login_required
def delivery_note(request, pk):
    delivery = get_object_or_404(
        selectors.delivery_visible(actor=request.user).select_related(
            "outlet__kelurahan", "business__owner", "agreement"
        ),
        pk=pk,
    )
    return pdf_response(documents.delivery_note_pdf(delivery), f"surat-titip-{delivery.number}.pdf")


@login_required
def statement(request, pk):
    line = selectors.settlement_line_get(actor=request.user, pk=pk)
    name = f"setelmen-{line.settlement.reference}-{line.business.reference}.pdf"
    return pdf_response(documents.statement_pdf(line), name)


@login_required
def summary(request, pk):
    made = get_object_or_404(selectors.settlement_visible(actor=request.user).select_related("outlet"), pk=pk)
    return pdf_response(documents.summary_pdf(made), f"setelmen-{made.reference}-ringkasan.pdf")
