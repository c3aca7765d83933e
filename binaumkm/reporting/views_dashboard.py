"""The leadership dashboard ("Dasbor pimpinan", /laporan/dasbor/) and its exports for the monthly
meeting: a PDF (WeasyPrint; the map and charts as inline SVG) and an .xlsx with the same figures.
Figures come from the snapshots (``dashboard``, ``selectors``) and the modules' ``leadership_lines``."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from binaumkm.core import freshness
from binaumkm.core.charts import hbar_chart, time_chart
from binaumkm.core.hooks import map_metrics
from binaumkm.core.maps import choropleth
from binaumkm.core.pdf import pdf_response, render_pdf
from binaumkm.core.policy import permission_required
from binaumkm.registry.selectors import kelurahan_list_links

from . import dashboard as figures
from . import exporting, selectors
from .forms import DashboardForm
from .views import XLSX

view_required = permission_required("reporting.view_outcomes")


def _data(request, *, screen: bool = False) -> dict:
    """Everything the page and both exports show (charts and map drawn; the map links each
    kelurahan to its UMKM only on ``screen``)."""
    user = request.user
    form = DashboardForm(
        request.GET or None, months=selectors.snapshot_months(actor=user), metrics=map_metrics(user)
    )
    month, metric = form.month(), form.metric()
    runs = selectors.snapshot_runs(actor=user)
    data = {"form": form, "month": month, "metric": metric, "runs": runs,
            "lines": selectors.module_lines(actor=user, run=runs["done"])}  # fmt: skip
    # Kept until the data changes or another snapshot run finishes (core.freshness).
    done = runs["done"].pk if runs["done"] else 0
    key = f"reporting:dashboard:{user.pk}:{get_language()}:{done}:{month}:{metric.key if metric else ''}:{screen}"
    return data | freshness.remember(key, lambda: _figures(user, month, metric, screen))


def _figures(user, month, metric, screen: bool) -> dict:
    data = {}
    if metric is not None:
        data["map_values"] = metric.values(user)
    data["map"] = _map(metric, data.get("map_values"), links=kelurahan_list_links() if screen else None)
    if month is None:
        return data
    funnel = selectors.funnel(actor=user, month=month)
    trend = [
        (m, None if s.value is None else round(100 * s.value, 1))
        for m, s in selectors.recovery_trend(actor=user)
    ]
    return data | {
        "figures": figures.key_figures(actor=user, month=month),
        "trend": trend,
        "trend_chart": time_chart(trend, title=_("% UMKM pulih per bulan"), unit="percent",
                                  description=_("Bulan tanpa UMKM yang dapat dinilai tampil sebagai celah.")),
        "funnel": funnel,
        "funnel_chart": hbar_chart([(step["label"], step["count"]) for step in funnel["steps"]],
                                   title=_("Corong pembinaan"), tone="blue",
                                   description=_("Terdaftar, terverifikasi, mendapat bantuan, dan pulih di antara yang dibantu.")),
    }  # fmt: skip


def _map(metric, values, *, links=None):
    if metric is None:
        return ""
    return choropleth(values, title=metric.label, description=metric.description, unit=metric.unit,
                      links=links)  # fmt: skip


@view_required
def dashboard(request):
    data = _data(request, screen=True)
    return render(request, "reporting/dashboard.html", data | {"query": request.GET.urlencode()})


@view_required
def dashboard_pdf(request):
    data = _data(request)
    if data["month"] is None:
        return redirect("reporting:dashboard")
    pdf = render_pdf("reporting/pdf/dashboard.html", data, request=request)
    return pdf_response(pdf, f"dasbor-pimpinan-{data['month']:%Y-%m}.pdf")


@view_required
def dashboard_xlsx(request):
    data = _data(request)
    if data["month"] is None:
        return redirect("reporting:dashboard")
    response = HttpResponse(exporting.dashboard_xlsx(data), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="dasbor-pimpinan-{data["month"]:%Y-%m}.xlsx"'
    return response
