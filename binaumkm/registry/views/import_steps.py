"""Screens of an agency's own spreadsheet: confirm the column mapping (and sheet), confirm the
sector suggestions, and the keyword table behind them. The preview and the final confirmation
are the import detail page (views/imports.py)."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors

from .. import selectors
from ..import_forms import ImportMappingForm, SectorDecisionForm, SectorKeywordForm, SheetForm
from ..models import ImportJob
from ..services import imports_mapped as import_mapped_jobs
from ..services import keywords as import_keywords

import_required = permission_required("registry.import_business")

CONFIDENCE = (
    (90, "tinggi", "text-bg-success"),
    (70, "sedang", "text-bg-warning"),
    (1, "rendah", "text-bg-danger"),
)


def _confidence(column: dict) -> tuple[str, str]:
    if column["how"] == "tersimpan":
        return "tersimpan", "text-bg-primary"
    return next(
        ((name, css) for low, name, css in CONFIDENCE if column["score"] >= low), ("", "text-bg-secondary")
    )


def step_context(job: ImportJob, *, mapping_form=None, sheet_form=None, sector_form=None) -> dict:
    """What the detail page needs for the mapping and sector steps of a mapped import."""
    if job.layout != ImportJob.Layout.MAPPED:
        return {}
    context = {"skipped": job.preview.get("skipped", [])}
    if job.state == ImportJob.State.MAPPING:
        mapping_form = mapping_form or ImportMappingForm(columns=job.columns)
        context["mapping_rows"] = [
            (column, mapping_form[f"col_{column['index']}"], *_confidence(column)) for column in job.columns
        ]
        context["mapping_form"] = mapping_form
        if len(job.sheets) > 1:
            context["sheet_form"] = sheet_form or SheetForm(initial={"sheet": job.sheet}, sheets=job.sheets)
    if job.state == ImportJob.State.SECTORS:
        context["sector_form"] = sector_form or SectorDecisionForm(values=job.sectors.get("values", []))
    return context


def _render_step(request, job, status=200, **forms):
    context = {"job": job, "errors": job.errors[:500], **step_context(job, **forms)}
    return render(request, "registry/imports/detail.html", context, status=status)


@import_required
@require_POST
def import_mapping(request, pk):
    """Confirm the mapping, or read another sheet of the workbook."""
    job = selectors.import_job_get(actor=request.user, pk=pk)
    if job.state != ImportJob.State.MAPPING:
        return redirect("registry:import_detail", pk=job.pk)
    if "sheet" in request.POST:
        sheet_form = SheetForm(request.POST, sheets=job.sheets)
        if sheet_form.is_valid():
            try:
                import_mapped_jobs.import_job_choose_sheet(
                    actor=request.user, job=job, sheet=sheet_form.cleaned_data["sheet"]
                )
            except ValidationError as exc:
                apply_service_errors(sheet_form, exc)
            else:
                return redirect("registry:import_detail", pk=job.pk)
        return _render_step(request, job, sheet_form=sheet_form)
    form = ImportMappingForm(request.POST, columns=job.columns)
    if form.is_valid():
        try:
            import_mapped_jobs.import_job_confirm_mapping(actor=request.user, job=job, mapping=form.mapping())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("registry:import_detail", pk=job.pk)
    return _render_step(request, job, mapping_form=form)


@import_required
@require_POST
def import_sectors(request, pk):
    job = selectors.import_job_get(actor=request.user, pk=pk)
    if job.state != ImportJob.State.SECTORS:
        return redirect("registry:import_detail", pk=job.pk)
    form = SectorDecisionForm(request.POST, values=job.sectors.get("values", []))
    if form.is_valid():
        try:
            import_mapped_jobs.import_job_confirm_sectors(
                actor=request.user,
                job=job,
                decisions=form.decisions(),
                remember=form.cleaned_data["remember"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("registry:import_detail", pk=job.pk)
    return _render_step(request, job, sector_form=form)


@import_required
def sector_keywords(request):
    """The keyword table: list (optionally one section), add or change a keyword."""
    form = SectorKeywordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = import_keywords.sector_keyword_save(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect(f"{request.path}?sektor={entry.section}")
    section = request.GET.get("sektor", "")
    entries = selectors.sector_keywords(actor=request.user, section=section)
    page_obj = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request, "registry/imports/keywords.html", {"form": form, "page_obj": page_obj, "section": section}
    )


@import_required
@require_POST
def sector_keyword_delete(request, pk):
    entry = selectors.sector_keyword_get(actor=request.user, pk=pk)
    import_keywords.sector_keyword_delete(actor=request.user, entry=entry)
    return redirect("registry:sector_keywords")
