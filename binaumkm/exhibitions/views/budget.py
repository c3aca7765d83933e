"""The budget page: lines planned vs realised, realisations with their receipts (private files)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from binaumkm.core.policy import holds, permission_required
from binaumkm.core.viewkit import form_view

from .. import selectors, services
from ..forms import BudgetLineForm, RealisationForm
from ..uploads import CONTENT_TYPES


@permission_required("exhibitions.view_budgetline")
def budget(request, pk):
    """Plan vs realised per line and in total; staff add a line here."""
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk)
    if request.method == "POST" and not holds(request.user, "exhibitions.add_budgetline"):
        raise PermissionDenied
    lines = selectors.budget_lines(actor=request.user, exhibition=exhibition)
    return form_view(
        request,
        form=BudgetLineForm(request.POST or None),
        template="exhibitions/staff/budget.html",
        context={"exhibition": exhibition, "lines": lines, "totals": selectors.budget_totals(lines)},
        save=lambda data: services.budget_line_save(actor=request.user, exhibition=exhibition, data=data),
        success=_("Baris anggaran ditambahkan."),
        next_url=reverse("exhibitions:budget", args=[exhibition.pk]),
    )


@permission_required("exhibitions.change_budgetline")
def budget_line_edit(request, pk):
    line = selectors.budget_line_get(actor=request.user, pk=pk, action="change")
    initial = {f: getattr(line, f) for f in ("activity_code", "account_code", "description", "planned")}
    return form_view(
        request,
        form=BudgetLineForm(request.POST or None, initial=initial),
        template="exhibitions/staff/budget_line_form.html",
        context={"exhibition": line.exhibition, "line": line},
        save=lambda data: services.budget_line_save(
            actor=request.user, exhibition=line.exhibition, data=data, line=line
        ),
        success=_("Baris anggaran disimpan."),
        next_url=reverse("exhibitions:budget", args=[line.exhibition_id]),
    )


@permission_required("exhibitions.add_budgetrealisation")
def realisation_add(request, pk):
    line = selectors.budget_line_get(actor=request.user, pk=pk)
    form = RealisationForm(request.POST or None, request.FILES or None)
    return form_view(
        request,
        form=form,
        template="exhibitions/staff/realisation_form.html",
        context={"exhibition": line.exhibition, "line": selectors.budget_line_with_total(actor=request.user, line=line)},
        save=lambda data: services.realisation_add(
            actor=request.user, line=line, amount=data["amount"], date=data["date"], description=data["description"],
            evidence=data.get("evidence"), override=data["override"], reason=data["reason"],
        ),
        success=_("Realisasi dicatat."),
        next_url=reverse("exhibitions:budget", args=[line.exhibition_id]),
    )  # fmt: skip


@permission_required("exhibitions.view_budgetrealisation")
def evidence(request, pk):
    """A receipt, for staff only; each opening is logged."""
    realisation = selectors.realisation_get(actor=request.user, pk=pk)
    if not realisation.evidence:
        raise Http404
    services.evidence_open(actor=request.user, realisation=realisation)
    return FileResponse(
        realisation.evidence.open("rb"),
        content_type=CONTENT_TYPES.get(realisation.evidence_type, "application/octet-stream"),
        filename=f"bukti-{realisation.pk}.{realisation.evidence_type}",
    )
