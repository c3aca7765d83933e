"""Excel import screens: upload, progress, preview with errors per row and column, confirm."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from binaumkm.core.forms import Form
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, run_action

from .. import exporting, selectors
from ..services import imports as import_jobs


class UploadForm(Form):
    file = forms.FileField(label=gettext_lazy("Berkas Excel (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))  # fmt: skip


import_required = permission_required("registry.import_business")


@import_required
def import_start(request):
    jobs = selectors.import_jobs(actor=request.user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_jobs.import_job_create(actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("registry:import_detail", pk=job.pk)
    return render(request, "registry/imports/start.html", {"form": form, "jobs": jobs[:10]})


@import_required
def import_template(request):
    response = HttpResponse(
        exporting.import_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-umkm.xlsx"'
    return response


@import_required
def import_detail(request, pk):
    from .import_steps import step_context  # the mapping and sector steps of an agency's own file

    job = selectors.import_job_get(actor=request.user, pk=pk)
    return render(
        request, "registry/imports/detail.html", {"job": job, "errors": job.errors[:500], **step_context(job)}
    )


@import_required
def import_progress(request, pk):
    """htmx polls this while the job runs; when it ends the whole page reloads to show the result."""
    job = selectors.import_job_get(actor=request.user, pk=pk)
    response = render(request, "registry/imports/_progress.html", {"job": job})
    if not job.is_running:
        response["HX-Refresh"] = "true"
    return response


@import_required
@require_POST
def import_commit(request, pk):
    job = selectors.import_job_get(actor=request.user, pk=pk)
    only_valid = request.POST.get("only_valid") == "1"
    duplicates = request.POST.get("duplicate_action", "lewati")
    run_action(
        request,
        lambda: import_jobs.import_job_start_write(
            actor=request.user, job=job, only_valid=only_valid, duplicate_action=duplicates
        ),
    )
    return redirect("registry:import_detail", pk=job.pk)
