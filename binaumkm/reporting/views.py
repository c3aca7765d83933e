"""The outcome page (/laporan/hasil/), the funnel (/laporan/corong/), their .xlsx, and the refresh
button. Figures come from the snapshots through the selectors."""

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.charts import hbar_chart, time_chart
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import run_action

from . import exporting, selectors, services
from .forms import ReportFilterForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
view_required = permission_required("reporting.view_outcomes")


def _filtered(request):
    form = ReportFilterForm(request.GET or None, months=selectors.snapshot_months(actor=request.user))
    return form, form.filters()


def _pct(share):
    return None if share.value is None else round(100 * share.value, 1)


@view_required
def outcomes(request):
    form, filters = _filtered(request)
    context = {"form": form, "runs": selectors.snapshot_runs(actor=request.user), **filters}
    if filters["month"] is not None:
        report = selectors.outcome_report(actor=request.user, **filters)
        pairs = []
        for item in report["help"]:
            c = item["comparison"]
            if c.helped_share is not None:
                pairs += [(_("%(help)s: dibantu") % {"help": item["label"]}, round(100 * c.helped_share, 1)),
                          (_("%(help)s: pembanding") % {"help": item["label"]}, round(100 * (c.other_share or 0), 1))]  # fmt: skip
        context |= {
            "report": report,
            "help_chart": hbar_chart(
                pairs, title=_("% pulih: UMKM yang dibantu dan UMKM pembanding yang sebanding"), unit="percent",
                description=_("Per jenis bantuan, tertimbang per strata (kelompok omzet dasar, sektor, kecamatan)."),
            ),
            "kecamatan_chart": hbar_chart(
                [(row["label"], _pct(row["share"])) for row in report["kecamatan"] if row["assessed"]],
                title=_("% UMKM pulih per kecamatan"), unit="percent", tone="green",
            ),
            "trend_chart": time_chart(
                [(month, _pct(share)) for month, share in report["trend"]],
                title=_("% UMKM pulih per bulan"), unit="percent",
                description=_("Bulan tanpa UMKM yang dapat dinilai tampil sebagai celah."),
            ),
        }  # fmt: skip
    return render(request, "reporting/outcomes.html", context)


@view_required
def outcomes_export(request):
    _form, filters = _filtered(request)
    if filters["month"] is None:
        return redirect("reporting:outcomes")
    data = exporting.outcomes_xlsx(selectors.outcome_report(actor=request.user, **filters))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="hasil-pembinaan-{filters["month"]:%Y-%m}.xlsx"'
    return response


@view_required
def funnel(request):
    form, filters = _filtered(request)
    context = {"form": form, "runs": selectors.snapshot_runs(actor=request.user), **filters}
    if filters["month"] is not None:
        report = selectors.funnel_report(actor=request.user, **filters)
        context |= {
            "report": report,
            "chart": hbar_chart(
                [(step["label"], step["count"]) for step in report["funnel"]["steps"]],
                title=_("Corong pembinaan"), tone="blue",
                description=_("Terdaftar, terverifikasi, mendapat bantuan, dan pulih di antara yang dibantu."),
            ),
        }  # fmt: skip
    return render(request, "reporting/funnel.html", context)


@view_required
def funnel_export(request):
    _form, filters = _filtered(request)
    if filters["month"] is None:
        return redirect("reporting:funnel")
    data = exporting.funnel_xlsx(selectors.funnel_report(actor=request.user, **filters))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="corong-pembinaan-{filters["month"]:%Y-%m}.xlsx"'
    return response


@require_POST
@permission_required("reporting.refresh_snapshots")
def refresh(request):
    run_action(
        request, lambda: services.snapshots_refresh_request(actor=request.user),
        _("Pembaruan snapshot dimasukkan ke antrean; angka diperbarui setelah selesai."),
    )  # fmt: skip
    pages = {"corong": "reporting:funnel", "dasbor": "reporting:dashboard"}
    return redirect(pages.get(request.POST.get("next", ""), "reporting:outcomes"))
