"""One engagement, for staff and its mentor: detail, state changes, sessions, goals, tasks, visits."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, form_view, run_action

from .. import selectors, services
from ..forms import GoalForm, ReasonForm, SessionForm, TaskForm, VisitForm
from ..policy import MENTOR_OWN, OWNER_OWN

# Staff and the engagement's own mentor (the selector makes another mentor's engagement a 404).
can_work = permission_required("mentoring.view_engagement", MENTOR_OWN)
ACTIONS = {
    "asesmen": (services.engagement_intake, _("Asesmen awal dicatat; kondisi awal UMKM tersimpan.")),
    "aktifkan": (services.engagement_activate, _("Pendampingan aktif.")),
    "tunda": (services.engagement_hold, _("Pendampingan ditunda.")),
    "selesai": (services.engagement_complete, _("Pendampingan selesai.")),
    "berhenti": (services.engagement_drop, _("Pendampingan dihentikan.")),
}
NEEDS_REASON = {"tunda", "berhenti"}


def _context(request, engagement, **forms):
    return {
        "engagement": engagement, **selectors.engagement_detail(engagement),
        "previous": selectors.engagement_previous(engagement),
        "reason_form": forms.get("reason_form") or ReasonForm(), "goal_form": forms.get("goal_form") or GoalForm(),
        "task_form": forms.get("task_form") or TaskForm(),
        "visit_form": VisitForm(initial={"next_visit_on": engagement.next_visit_on}),
    }  # fmt: skip


@can_work
def engagement_detail(request, pk):
    engagement = selectors.engagement_get(actor=request.user, pk=pk)
    return render(request, "mentoring/engagement_detail.html", _context(request, engagement))


@can_work
@require_POST
def engagement_action(request, pk, action):
    engagement = selectors.engagement_get(actor=request.user, pk=pk, action="change")
    if action not in ACTIONS:
        messages.error(request, _("Tindakan tidak dikenal."))
        return redirect(engagement.get_absolute_url())
    service, success = ACTIONS[action]
    if action in NEEDS_REASON:
        form = ReasonForm(request.POST)
        if not form.is_valid():
            return render(request, "mentoring/engagement_detail.html",
                          _context(request, engagement, reason_form=form), status=400)  # fmt: skip
        reason = form.cleaned_data["reason"]
        run_action(
            request, lambda: service(actor=request.user, engagement=engagement, reason=reason), success
        )
    else:
        run_action(request, lambda: service(actor=request.user, engagement=engagement), success)
    return redirect(engagement.get_absolute_url())


@can_work
def session_create(request, pk):
    engagement = selectors.engagement_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request, form=SessionForm(request.POST or None, request.FILES or None),
        template="mentoring/mentor/session_form.html", context={"engagement": engagement},
        save=lambda data: services.session_record(actor=request.user, engagement=engagement, data=data),
        success=_("Sesi tersimpan. Pemilik diminta mengonfirmasi."),
        next_url=engagement.get_absolute_url() + "?sesi=tersimpan",  # the page clears the phone's draft
    )  # fmt: skip


@can_work
@require_POST
def visit_plan(request, pk):
    engagement = selectors.engagement_get(actor=request.user, pk=pk, action="change")
    form = VisitForm(request.POST)
    if form.is_valid():
        on = form.cleaned_data["next_visit_on"]
        run_action(request, lambda: services.engagement_plan_visit(actor=request.user, engagement=engagement, on=on),
                   _("Rencana kunjungan disimpan."))  # fmt: skip
    else:
        messages.error(request, _("Tanggal kunjungan tidak valid."))
    return redirect(engagement.get_absolute_url())


def _plan_form(request, pk, form_class, key, save, success):
    engagement = selectors.engagement_get(actor=request.user, pk=pk, action="change")
    form = form_class(request.POST)
    if form.is_valid():
        try:
            save(engagement, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(engagement.get_absolute_url())
    return render(
        request, "mentoring/engagement_detail.html", _context(request, engagement, **{key: form}), status=400
    )


@can_work
@require_POST
def goal_add(request, pk):
    return _plan_form(request, pk, GoalForm, "goal_form",
                      lambda e, data: services.goal_add(actor=request.user, engagement=e, **data),
                      _("Sasaran ditambahkan."))  # fmt: skip


@can_work
@require_POST
def task_add(request, pk):
    return _plan_form(request, pk, TaskForm, "task_form",
                      lambda e, data: services.task_add(actor=request.user, engagement=e, **data),
                      _("Tugas ditambahkan."))  # fmt: skip


@can_work
@require_POST
def goal_met(request, pk):
    goal = selectors.goal_get(actor=request.user, pk=pk)
    run_action(request, lambda: services.goal_mark_met(actor=request.user, goal=goal), _("Sasaran tercapai."))
    return redirect("mentoring:engagement_detail", pk=goal.engagement_id)


@permission_required("mentoring.change_task", MENTOR_OWN, OWNER_OWN)
@require_POST
def task_done(request, pk):
    task = selectors.task_get(actor=request.user, pk=pk)
    run_action(request, lambda: services.task_done(actor=request.user, task=task), _("Tugas selesai."))
    if selectors.engagement_visible(actor=request.user, pk=task.engagement_id):
        return redirect("mentoring:engagement_detail", pk=task.engagement_id)
    return redirect("mentoring:my_engagement", pk=task.engagement_id)
