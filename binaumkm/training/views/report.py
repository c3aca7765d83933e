"""The coverage report (pemerataan) with an SVG chart and an .xlsx export."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from binaumkm.accounts.decorators import agency_required
from binaumkm.core import audit
from binaumkm.core.charts import bar_chart

from ..coverage import coverage_report, coverage_xlsx
from ..forms import CoverageFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@agency_required
def coverage(request):
    form = CoverageFilterForm(request.GET or None)
    report = coverage_report(**form.filters())
    chart = bar_chart(
        [(row.name, round(100 * row.trained_share)) for row in report.kecamatan],
        title=_("% UMKM binaan yang pernah lulus pelatihan, per kecamatan"),
    )
    seats_chart = bar_chart(
        [(row.name[:10], round(row.seats_per_100)) for row in report.kelurahan],
        title=_("Kursi per 100 UMKM binaan, per kelurahan"),
        color="#0d6efd",
    )
    return render(
        request,
        "training/staff/coverage.html",
        {"form": form, "report": report, "chart": chart, "seats_chart": seats_chart},
    )


@agency_required
def coverage_export(request):
    form = CoverageFilterForm(request.GET or None)
    filters = form.filters()
    audit.record(
        actor=request.user, action="training.coverage.exported", data={k: v for k, v in filters.items() if v}
    )
    response = HttpResponse(coverage_xlsx(coverage_report(**filters)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="pemerataan-pelatihan.xlsx"'
    return response
