"""Back office: mentors and their availability, programmes with plan templates, the engagement list."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action

from .. import selectors, services
from ..forms import GoalTemplateForm, MentorForm, ProgrammeForm
from ..models import EngagementState, Topic

PAGE_SIZE = 25


@permission_required("mentoring.view_mentor")
def mentor_list(request):
    filters = {
        "q": request.GET.get("q", "")[:100],
        "kecamatan": request.GET.get("kecamatan", "") if request.GET.get("kecamatan", "").isdigit() else "",
        "topic": request.GET.get("topic", "") if request.GET.get("topic") in Topic.values else "",
    }
    page = Paginator(selectors.mentor_list(actor=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "mentoring/staff/mentor_list.html", {
        "page_obj": page, "filters": filters, "topics": Topic.choices,
        "kecamatan_list": selectors.kecamatan_all(), "today": timezone.localdate(),
    })  # fmt: skip


@permission_required("mentoring.add_mentor")
def mentor_create(request):
    return form_view(
        request, form=MentorForm(request.POST or None), template="mentoring/staff/mentor_form.html",
        save=lambda data: services.mentor_create(actor=request.user, data=data),
        success=_("Pendamping terdaftar. Kirim tautan atur kata sandi dari halaman Pengguna bila akunnya baru."),
        next_url="mentoring:mentor_list",
    )  # fmt: skip


@permission_required("mentoring.change_mentor")
def mentor_edit(request, pk):
    mentor = selectors.mentor_get(actor=request.user, pk=pk, action="change")
    form = MentorForm(request.POST or None, editing=True, initial=MentorForm.initial_for(mentor))
    return form_view(
        request, form=form, template="mentoring/staff/mentor_form.html", context={"mentor": mentor},
        save=lambda data: services.mentor_update(actor=request.user, mentor=mentor, data=data),
        success=_("Data pendamping disimpan."), next_url="mentoring:mentor_list",
    )  # fmt: skip


@permission_required("mentoring.view_programme")
def programme_list(request):
    programmes = selectors.programme_list(actor=request.user)
    return render(request, "mentoring/staff/programme_list.html", {"programmes": programmes})


@permission_required("mentoring.add_programme")
def programme_create(request):
    return form_view(
        request, form=ProgrammeForm(request.POST or None), template="mentoring/staff/programme_form.html",
        save=lambda data: services.programme_create(actor=request.user, data=data),
        success=_("Program dibuat. Tambahkan sasarannya."),
        next_url=lambda programme: reverse("mentoring:programme_detail", args=[programme.pk]),
    )  # fmt: skip


@permission_required("mentoring.change_programme")
def programme_detail(request, pk):
    programme = selectors.programme_get(actor=request.user, pk=pk, action="change")
    initial = {"name": programme.name, "description": programme.description, "is_active": programme.is_active}
    return form_view(
        request, form=ProgrammeForm(request.POST or None, initial=initial),
        template="mentoring/staff/programme_detail.html",
        context={"programme": programme, "goal_form": GoalTemplateForm()},
        save=lambda data: services.programme_update(actor=request.user, programme=programme, data=data),
        success=_("Program disimpan."), next_url=request.path,
    )  # fmt: skip


@permission_required("mentoring.change_programme")
@require_POST
def goal_template_add(request, pk):
    programme = selectors.programme_get(actor=request.user, pk=pk, action="change")
    form = GoalTemplateForm(request.POST)
    return form_view(
        request, form=form, template="mentoring/staff/programme_detail.html",
        context={"programme": programme, "goal_form": form, "form": ProgrammeForm(initial={
            "name": programme.name, "description": programme.description, "is_active": programme.is_active})},
        save=lambda data: services.goal_template_add(actor=request.user, programme=programme, **data),
        success=_("Sasaran ditambahkan."), next_url=reverse("mentoring:programme_detail", args=[programme.pk]), status=400,
    )  # fmt: skip


@permission_required("mentoring.change_programme")
@require_POST
def goal_template_remove(request, pk):
    template = selectors.goal_template_get(actor=request.user, pk=pk)
    programme_pk = template.programme_id
    run_action(request, lambda: services.goal_template_remove(actor=request.user, template=template),
               _("Sasaran dihapus dari templat."))  # fmt: skip
    return redirect("mentoring:programme_detail", pk=programme_pk)


@permission_required("mentoring.view_engagement")
def engagement_list(request):
    filters = {
        "state": request.GET.get("state") if request.GET.get("state") in EngagementState.values else "",
        "kecamatan": request.GET.get("kecamatan", "") if request.GET.get("kecamatan", "").isdigit() else "",
        "mentor": request.GET.get("mentor", "") if request.GET.get("mentor", "").isdigit() else "",
        "q": request.GET.get("q", "")[:100],
    }
    page = Paginator(selectors.engagement_list(actor=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "mentoring/staff/engagement_list.html", {
        "page_obj": page, "filters": filters, "states": EngagementState.choices,
        "kecamatan_list": selectors.kecamatan_all(),
    })  # fmt: skip
