"""Back office: programmes, batches and their sessions, state changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import agency_required
from binaumkm.core import audit

from .. import eligibility, selectors, services
from ..forms import BatchForm, ProgrammeForm, RegistrationFilterForm, SessionForm
from ..models import BatchState, Programme, Session, Topic
from .common import apply_service_errors, run_action

PAGE_SIZE = 25


@agency_required
def programme_list(request):
    filters = {"q": request.GET.get("q", "")[:100], "topic": request.GET.get("topic", "")}
    if filters["topic"] not in Topic.values:
        filters["topic"] = ""
    page = Paginator(selectors.programme_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/staff/programme_list.html",
        {"page_obj": page, "filters": filters, "topics": Topic.choices},
    )


@agency_required
def programme_form(request, pk=None):
    programme = get_object_or_404(Programme, pk=pk) if pk else None
    form = ProgrammeForm(request.POST or None, instance=programme)
    if request.method == "POST" and form.is_valid():
        if programme is None:
            programme = services.programme_create(actor=request.user, data=form.cleaned_data)
            messages.success(request, _("Program dibuat. Tambahkan tahapnya."))
        else:
            services.programme_update(actor=request.user, programme=programme, data=form.cleaned_data)
            messages.success(request, _("Program disimpan."))
        return redirect("training:programme_detail", pk=programme.pk)
    return render(request, "training/staff/programme_form.html", {"form": form, "programme": programme})


@agency_required
def programme_detail(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    batches = programme.batches.select_related("programme").order_by("number")
    return render(
        request, "training/staff/programme_detail.html", {"programme": programme, "batches": batches}
    )


@agency_required
@require_POST
def programme_delete(request, pk):
    programme = get_object_or_404(Programme, pk=pk)
    if run_action(request, lambda: services.programme_delete(actor=request.user, programme=programme),
                  _("Program dihapus.")):  # fmt: skip
        return redirect("training:programme_list")
    return redirect("training:programme_detail", pk=pk)


@agency_required
def batch_form(request, programme_pk=None, pk=None):
    batch = selectors.batch_staff_get(pk) if pk else None
    programme = batch.programme if batch else get_object_or_404(Programme, pk=programme_pk)
    initial = {}
    if batch is None:
        initial["number"] = (
            programme.batches.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    form = BatchForm(request.POST or None, instance=batch, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if batch is None:
                batch = services.batch_create(actor=request.user, programme=programme, data=form.cleaned_data)
                messages.success(
                    request, _("Tahap dibuat sebagai konsep. Tambahkan sesi lalu buka pendaftaran.")
                )
            else:
                services.batch_update(actor=request.user, batch=batch, data=form.cleaned_data)
                messages.success(request, _("Tahap disimpan."))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("training:batch_detail", pk=batch.pk)
    return render(
        request, "training/staff/batch_form.html", {"form": form, "batch": batch, "programme": programme}
    )


@agency_required
def batch_detail(request, pk):
    batch = selectors.batch_staff_get(pk)
    services.offers_expire(batch=batch)  # lazy expiry
    filter_form = RegistrationFilterForm(request.GET or None)
    registrations = selectors.registration_list(batch=batch, filters=filter_form.filters())
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/staff/batch_detail.html",
        {
            "batch": batch,
            "seats": selectors.seats_summary(batch),
            "sessions": batch.sessions.all(),
            "session_form": SessionForm(),
            "rules": eligibility.rules_summary(batch),
            "filter_form": filter_form,
            "page_obj": page,
            "kecamatan_rows": selectors.kecamatan_summary(batch) if batch.allocated_at else [],
            "history": audit.history(batch)[:10],
            "can_allocate": batch.is_fair
            and batch.state in (BatchState.OPEN, BatchState.CLOSED)
            and batch.registration_has_closed(),
            "can_finish": batch.state == BatchState.ALLOCATED
            or (not batch.is_fair and batch.state != BatchState.FINISHED and batch.registration_has_closed()),
        },
    )


def _batch_action(request, pk, action, success):
    batch = selectors.batch_staff_get(pk)
    run_action(request, lambda: action(batch), success)
    return redirect("training:batch_detail", pk=batch.pk)


@agency_required
@require_POST
def batch_open(request, pk):
    return _batch_action(request, pk, lambda b: services.batch_open(actor=request.user, batch=b),
                         _("Pendaftaran tahap ini dibuka untuk pemilik UMKM."))  # fmt: skip


@agency_required
@require_POST
def batch_close(request, pk):
    return _batch_action(request, pk, lambda b: services.batch_close_registration(actor=request.user, batch=b),
                         _("Pendaftaran ditutup."))  # fmt: skip


@agency_required
@require_POST
def batch_finish(request, pk):
    return _batch_action(request, pk, lambda b: services.batch_finish(actor=request.user, batch=b),
                         _("Tahap selesai; kelulusan dihitung dan sertifikat diterbitkan."))  # fmt: skip


@agency_required
@require_POST
def batch_delete(request, pk):
    batch = selectors.batch_staff_get(pk)
    programme_pk = batch.programme_id
    if run_action(
        request, lambda: services.batch_delete(actor=request.user, batch=batch), _("Tahap dihapus.")
    ):
        return redirect("training:programme_detail", pk=programme_pk)
    return redirect("training:batch_detail", pk=pk)


@agency_required
@require_POST
def session_add(request, pk):
    batch = selectors.batch_staff_get(pk)
    form = SessionForm(request.POST)
    if form.is_valid():
        run_action(request, lambda: services.session_add(actor=request.user, batch=batch, data=form.cleaned_data),
                   _("Sesi ditambahkan."))  # fmt: skip
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
    return redirect("training:batch_detail", pk=batch.pk)


@agency_required
@require_POST
def session_delete(request, pk):
    session = get_object_or_404(Session, pk=pk)
    run_action(
        request, lambda: services.session_delete(actor=request.user, session=session), _("Sesi dihapus.")
    )
    return redirect("training:batch_detail", pk=session.batch_id)
