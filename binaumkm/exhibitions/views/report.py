"""At the event and after: who checked in and who has not reported today's sales; the report page, the
accountability report PDF (always in Bahasa Indonesia) and its .xlsx."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from binaumkm.core.pdf import pdf_response
from binaumkm.core.policy import permission_required

from .. import documents, selectors, services

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@permission_required("exhibitions.view_exhibition")
def event_status(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk)
    first, last = selectors.dates_of(exhibition)
    today = timezone.localdate()
    try:
        day = datetime.date.fromisoformat(request.GET.get("tanggal", ""))
    except ValueError:
        day = min(max(today, first or today), last or today)
    rows = selectors.event_status(actor=request.user, exhibition=exhibition, day=day)
    days = []
    if first and last:
        days = [first + datetime.timedelta(days=i) for i in range((last - first).days + 1)]
    return render(
        request,
        "exhibitions/staff/event_status.html",
        {
            "exhibition": exhibition,
            "day": day,
            "days": days,
            "rows": rows,
            "missing": [r for r in rows if not r["reported"]],
            "absent": [r for r in rows if not r["here"]],
        },
    )


@permission_required("exhibitions.view_exhibition")
def report(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="report")
    context = documents.report_context(actor=request.user, exhibition=exhibition)
    return render(request, "exhibitions/staff/report.html", {**context, "tab": "laporan"})


@permission_required("exhibitions.view_exhibition")
def report_pdf(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="report")
    services.report_export(actor=request.user, exhibition=exhibition, kind="pdf")
    pdf = documents.accountability_pdf(actor=request.user, exhibition=exhibition)
    return pdf_response(pdf, documents.report_filename(exhibition, "pdf"))


@permission_required("exhibitions.view_exhibition")
def report_xlsx(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="report")
    services.report_export(actor=request.user, exhibition=exhibition, kind="xlsx")
    response = HttpResponse(
        documents.report_xlsx(actor=request.user, exhibition=exhibition), content_type=XLSX
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{documents.report_filename(exhibition, "xlsx")}"'
    )
    return response
