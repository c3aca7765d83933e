"""The leadership's figures: referrals -> approved -> disbursed, days to decision per branch (a
scorecard for talks with banks), rejection reasons, turnover of financed UMKM against similar ones."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from binaumkm.core.charts import bar_chart
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


def _short_office(row: dict, rows: list[dict]) -> str:
    """A label that fits under a bar: the bank, and the office's first word where it has several."""
    several = sum(r["bank"] == row["bank"] for r in rows) > 1
    return (f"{row['bank']} {row['office'].split()[0]}" if several else row["bank"])[:12]


@report_required
def report(request):
    form, data = _report(request)
    by_scheme = data["funnels"][0][1]
    charts = {
        "disbursed": bar_chart([(r["label"][:12], r["rupiah"]) for r in by_scheme], title=_("Dana cair per skema"), money=True),
        "days": bar_chart([(_short_office(r, data["decision_days"]), round(r["median_days"] or 0)) for r in data["decision_days"]],
                          title=_("Median hari sampai keputusan per kantor"), color="#0d6efd"),
    }  # fmt: skip
    return render(request, "financing/reports/report.html", {"form": form, **data, "charts": charts,
                                                             "window": conf.TURNOVER_WINDOW_MONTHS})  # fmt: skip


@report_required
def report_export(request):
    _form, data = _report(request)
    return exporting.file_response(
        exporting.report_file(data), filename="laporan-pembiayaan.xlsx", fmt="xlsx"
    )
