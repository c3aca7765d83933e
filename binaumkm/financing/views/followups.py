"""Follow-up after disbursement: staff see and assign every one; a mentor records those assigned."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.pagination import paginate_by_ids
from binaumkm.core.policy import holds, permission_required
from binaumkm.core.viewkit import form_view, run_action

from .. import selectors, services
from ..forms import AssignForm, FollowUpForm

followup_required = permission_required("financing.view_followup", "financing.record_followup")


@followup_required
def followup_list(request):
    when = request.GET.get("when", "jatuh_tempo")
    qs = selectors.followup_list(actor=request.user, filters={"when": when})
    page = paginate_by_ids(qs, request.GET.get("page"), per_page=25)
    assignees = (
        list(selectors.followup_assignees()) if holds(request.user, "financing.change_followup") else []
    )
    return render(
        request, "financing/followups/list.html", {"page_obj": page, "when": when, "assignees": assignees}
    )


@followup_required
def followup_record(request, pk):
    followup = selectors.followup_get(actor=request.user, pk=pk, action="record")
    initial = {"still_operating": "1" if followup.still_operating is not False else "0", "turnover": followup.turnover,
               "employees": followup.employees, "collectability": followup.collectability, "note": followup.note}  # fmt: skip
    return form_view(
        request, form=FollowUpForm(request.POST or None, initial=initial if followup.done_at else None),
        template="financing/followups/record.html", context={"followup": followup},
        save=lambda data: services.followup_record(actor=request.user, followup=followup, data=data),
        success=_("Tindak lanjut dicatat."), next_url="financing:followup_list",
    )  # fmt: skip


@permission_required("financing.change_followup")
@require_POST
def followup_assign(request, pk):
    followup = selectors.followup_get(actor=request.user, pk=pk, action="assign")
    form = AssignForm(request.POST, assignees=selectors.followup_assignees())

    def assign():
        if not form.is_valid():
            raise ValidationError(_("Pilih petugas dari daftar."))
        services.followup_assign(
            actor=request.user, followup=followup, assignee=form.cleaned_data["assignee"]
        )

    run_action(request, assign, _("Tindak lanjut ditugaskan."))
    return redirect("financing:followup_list")
