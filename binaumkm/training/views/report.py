"""The coverage report (pemerataan) with an SVG chart and an .xlsx export."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from binaumkm.core.charts import hbar_chart
from binaumkm.core.maps import choropleth
from binaumkm.core.policy import permission_required
from binaumkm.registry.selectors import kelurahan_list_links

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
    seats_map = choropleth(
        {row.code: round(row.seats_per_100, 1) for row in report.kelurahan if row.binaan},
        title=_("Kursi per 100 UMKM binaan, per kelurahan"),
        description=_("Peta kelurahan Kota: makin gelap, makin banyak kursi pelatihan per 100 UMKM binaan."),
        links=kelurahan_list_links(),
    )
    return render(
        request,
        "training/staff/coverage.html",
        {"form": form, "report": report, "chart": chart, "seats_map": seats_map},
    )


@report_required
def coverage_export(request):
    form = CoverageFilterForm(request.GET or None)
    workbook = services.coverage_export(actor=request.user, **form.filters())
    response = HttpResponse(workbook, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="pemerataan-pelatihan.xlsx"'
    return response
