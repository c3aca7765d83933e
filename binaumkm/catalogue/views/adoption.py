"""Staff and leadership: the digital adoption report (presence data read through the registry's
selectors) and its .xlsx."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core.charts import hbar_chart
from binaumkm.core.policy import permission_required
from binaumkm.registry import selectors as registry
from binaumkm.registry.platforms import FUNNEL

from ..adoption import SHORT, adoption, adoption_xlsx
from ..forms import AdoptionFilterForm

REPORT_PERMISSION = "registry.view_presence"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request):
    form = AdoptionFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    rows = registry.presence_report_rows(actor=request.user, filters=filters)
    report = adoption(rows, group_by=filters.get("group_by", "kecamatan"))
    label = str(dict(form.fields["group_by"].choices)[report.group_by])
    return form, report, label


@permission_required(REPORT_PERMISSION)
def adoption_report(request):
    form, report, label = _report(request)
    chart = hbar_chart(
        [(str(SHORT[stage]), count) for stage, count in zip(FUNNEL, report.total.counts, strict=True)],
        title=_("Corong adopsi digital (semua platform)"),
        tone="green",
    )
    return render(
        request, "catalogue/staff/adoption.html",
        {"form": form, "report": report, "group_label": label, "chart": chart, "stages": FUNNEL,
         "query": request.GET.urlencode()},
    )  # fmt: skip


@permission_required(REPORT_PERMISSION)
def adoption_export(request):
    _form, report, label = _report(request)
    response = HttpResponse(adoption_xlsx(report, group_label=label), content_type=XLSX)
    name = f"adopsi-digital-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
