"""Excel import screens: upload, progress, preview with errors per row and column, confirm."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import agency_required
from binaumkm.core.forms import Form

from .. import exporting, import_jobs
from ..models import ImportJob
from .common import apply_service_errors


class UploadForm(Form):
    file = forms.FileField(label=gettext_lazy("Berkas Excel (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))  # fmt: skip


def _jobs(request):
    if not request.user.has_perm("registry.import_business"):
        raise PermissionDenied
    return (
        ImportJob.objects.filter(created_by=request.user)
        if not request.user.is_superuser
        else ImportJob.objects.all()
    )


@agency_required
def import_start(request):
    jobs = _jobs(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_jobs.import_job_create(actor=request.user, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("registry:import_detail", pk=job.pk)
    return render(
        request, "registry/imports/start.html", {"form": form, "jobs": jobs.select_related("created_by")[:10]}
    )


@agency_required
def import_template(request):
    response = HttpResponse(
        exporting.import_template(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="templat-impor-umkm.xlsx"'
    return response


@agency_required
def import_detail(request, pk):
    from .import_steps import step_context  # the mapping and sector steps of an agency's own file

    job = get_object_or_404(_jobs(request), pk=pk)
    return render(
        request, "registry/imports/detail.html", {"job": job, "errors": job.errors[:500], **step_context(job)}
    )


@agency_required
def import_progress(request, pk):
    """htmx polls this while the job runs; when it ends the whole page reloads to show the result."""
    job = get_object_or_404(_jobs(request), pk=pk)
    response = render(request, "registry/imports/_progress.html", {"job": job})
    if not job.is_running:
        response["HX-Refresh"] = "true"
    return response


@agency_required
@require_POST
def import_commit(request, pk):
    job = get_object_or_404(_jobs(request), pk=pk)
    only_valid = request.POST.get("only_valid") == "1"
    duplicates = request.POST.get("duplicate_action", ImportJob.Duplicates.SKIP)
    try:
        import_jobs.import_job_start_write(
            actor=request.user, job=job, only_valid=only_valid, duplicate_action=duplicates
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("registry:import_detail", pk=job.pk)
