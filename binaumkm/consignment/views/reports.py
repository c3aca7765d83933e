"""Staff reports: sales by month, outlet, business and product with SVG charts; slow-moving stock."""

import datetime

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core.charts import hbar_chart, time_chart
from binaumkm.core.policy import permission_required

from .. import conf, exporting, selectors
from ..forms import ReportFilterForm


def _filters(request):
    today = timezone.localdate()
    default_from = (today.replace(day=1) - datetime.timedelta(days=150)).replace(day=1)
    form = ReportFilterForm(request.GET or None, initial={"date_from": default_from})
    filters = dict(form.cleaned_data) if form.is_bound and form.is_valid() else {"date_from": default_from}
    return form, filters


# The report covers every outlet's sales and stock.
report_required = permission_required("consignment.view_sale")


@report_required
def report(request):
    form, filters = _filters(request)
    of = {"actor": request.user, "filters": filters}
    months = selectors.report_by_month(**of)
    outlets = selectors.report_by_outlet(**of, limit=20)
    businesses = selectors.report_by_business(**of, limit=20)
    context = {
        "form": form,
        "totals": selectors.report_totals(**of),
        "month_chart": time_chart(
            [(r["month"], r["gross"]) for r in months],
            title=_("Penjualan titip jual per bulan"),
            description=_("Penjualan kotor per bulan; bulan tanpa penjualan tampil sebagai celah."),
            unit="rupiah",
            start=filters.get("date_from"),
            end=filters.get("date_to"),
        ),  # fmt: skip
        "outlet_chart": hbar_chart(
            [(r["outlet__name"], r["gross"]) for r in outlets], title=_("Penjualan per outlet"), unit="rupiah"
        ),
        "business_chart": hbar_chart(
            [(r["business__name"], r["gross"]) for r in businesses[:10]],
            title=_("10 usaha teratas"),
            unit="rupiah",
            tone="green",
        ),
        "months": months,
        "outlets": outlets,
        "businesses": businesses,
        "products": selectors.report_by_product(**of, limit=20),
        "slow": selectors.report_slow_moving(**of, limit=50),
        "slow_days": conf.SLOW_DAYS,
    }
    return render(request, "consignment/staff/report.html", context)


@report_required
def report_export(request):
    _form, filters = _filters(request)
    response = HttpResponse(
        exporting.report_xlsx(actor=request.user, filters=filters),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="laporan-titip-jual-{stamp}.xlsx"'
    return response
