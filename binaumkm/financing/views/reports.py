"""The leadership's figures: referrals -> approved -> disbursed, days to decision per branch (a
scorecard for talks with banks), rejection reasons, turnover of financed UMKM against similar ones."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from binaumkm.core.charts import hbar_chart
from binaumkm.core.policy import permission_required

from .. import conf, exporting, selectors
from ..forms import ReportFilterForm

report_required = permission_required("financing.view_financing_report")


def _report(request) -> tuple[ReportFilterForm, dict]:
    form = ReportFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    actor = request.user
    funnels = [
        (_("Per skema"), selectors.funnel(actor=actor, dimension="scheme", filters=filters)),
        (_("Per kantor bank"), selectors.funnel(actor=actor, dimension="branch", filters=filters)),
        (_("Per kecamatan"), selectors.funnel(actor=actor, dimension="kecamatan", filters=filters)),
        (_("Per sektor"), selectors.funnel(actor=actor, dimension="sector", filters=filters)),
    ]
    report = {
        "funnels": funnels,
        "decision_days": selectors.decision_days(actor=actor, filters=filters),
        "rejections": selectors.rejection_reasons(actor=actor, filters=filters),
        "comparison": selectors.turnover_comparison(
            actor=actor, window=conf.TURNOVER_WINDOW_MONTHS, filters=filters
        ),
    }
    return form, report


@report_required
def report(request):
    form, data = _report(request)
    by_scheme = data["funnels"][0][1]
    charts = {
        "disbursed": hbar_chart([(r["label"], r["rupiah"]) for r in by_scheme], title=_("Dana cair per skema"),
                                unit="rupiah", tone="green"),
        "days": hbar_chart([(f"{r['bank']} {r['office']}", round(r["median_days"] or 0)) for r in data["decision_days"]],
                           title=_("Median hari sampai keputusan per kantor"), unit="days"),
    }  # fmt: skip
    return render(request, "financing/reports/report.html", {"form": form, **data, "charts": charts,
                                                             "window": conf.TURNOVER_WINDOW_MONTHS})  # fmt: skip


@report_required
def report_export(request):
    _form, data = _report(request)
    return exporting.file_response(
        exporting.report_file(data), filename="laporan-pembiayaan.xlsx", fmt="xlsx"
    )
