"""The coverage report (pemerataan) with an SVG chart and an .xlsx export."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from binaumkm.core.charts import hbar_chart
from binaumkm.core.policy import permission_required

from .. import selectors, services
from ..forms import CoverageFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
report_required = permission_required("training.view_registration")


@report_required
def coverage(request):
    form = CoverageFilterForm(request.GET or None)
    report = selectors.coverage(actor=request.user, **form.filters())
    chart = hbar_chart(
        [(row.name, round(100 * row.trained_share)) for row in report.kecamatan],
        title=_("% UMKM binaan yang pernah lulus pelatihan, per kecamatan"),
        unit="percent",
        tone="green",
    )
    seats_chart = hbar_chart(
        [(row.name, round(row.seats_per_100)) for row in report.kelurahan],
        title=_("Kursi per 100 UMKM binaan, per kelurahan"),
    )
    return render(
        request,
        "training/staff/coverage.html",
        {"form": form, "report": report, "chart": chart, "seats_chart": seats_chart},
    )


@report_required
def coverage_export(request):
    form = CoverageFilterForm(request.GET or None)
    workbook = services.coverage_export(actor=request.user, **form.filters())
    response = HttpResponse(workbook, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="pemerataan-pelatihan.xlsx"'
    return response
