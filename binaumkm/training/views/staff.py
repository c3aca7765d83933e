"""Back office: programmes, batches and their sessions, state changes."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action

from .. import eligibility, selectors, services
from ..forms import BatchForm, ProgrammeForm, RegistrationFilterForm, SessionForm
from ..models import BatchState, Topic

PAGE_SIZE = 25


@permission_required("training.view_programme")
def programme_list(request):
    filters = {"q": request.GET.get("q", "")[:100], "topic": request.GET.get("topic", "")}
    if filters["topic"] not in Topic.values:
        filters["topic"] = ""
    programmes = selectors.programme_list(actor=request.user, filters=filters)
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/staff/programme_list.html",
        {"page_obj": page, "filters": filters, "topics": Topic.choices},
    )


@permission_required("training.add_programme")
def programme_create(request):
    return form_view(
        request,
        form=ProgrammeForm(request.POST or None),
        template="training/staff/programme_form.html",
        save=lambda data: services.programme_create(actor=request.user, data=data),
        success=_("Program dibuat. Tambahkan angkatannya."),
        next_url=lambda programme: programme.get_staff_url(),
    )


@permission_required("training.change_programme")
def programme_edit(request, pk):
    programme = selectors.programme_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request,
        form=ProgrammeForm(request.POST or None, instance=programme),
        template="training/staff/programme_form.html",
        context={"programme": programme},
        save=lambda data: services.programme_update(actor=request.user, programme=programme, data=data),
        success=_("Program disimpan."),
        next_url=programme.get_staff_url(),
    )


@permission_required("training.view_programme")
def programme_detail(request, pk):
    programme = selectors.programme_get(actor=request.user, pk=pk)
    batches = selectors.programme_batches(actor=request.user, programme=programme)
    return render(
        request, "training/staff/programme_detail.html", {"programme": programme, "batches": batches}
    )


@permission_required("training.delete_programme")
@require_POST
def programme_delete(request, pk):
    programme = selectors.programme_get(actor=request.user, pk=pk, action="delete")
    if run_action(
        request,
        lambda: services.programme_delete(actor=request.user, programme=programme),
        _("Program dihapus."),
    ):
        return redirect("training:programme_list")
    return redirect(programme.get_staff_url())


@permission_required("training.add_batch")
def batch_create(request, programme_pk):
    programme = selectors.programme_get(actor=request.user, pk=programme_pk)
    initial = {"number": selectors.batch_next_number(actor=request.user, programme=programme)}
    return form_view(
        request,
        form=BatchForm(request.POST or None, initial=initial),
        template="training/staff/batch_form.html",
        context={"programme": programme},
        save=lambda data: services.batch_create(actor=request.user, programme=programme, data=data),
        success=_("Angkatan dibuat sebagai konsep. Tambahkan sesi lalu buka pendaftaran."),
        next_url=lambda batch: batch.get_staff_url(),
    )


@permission_required("training.change_batch")
def batch_edit(request, pk):
    batch = selectors.batch_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request,
        form=BatchForm(request.POST or None, instance=batch),
        template="training/staff/batch_form.html",
        context={"batch": batch, "programme": batch.programme},
        save=lambda data: services.batch_update(actor=request.user, batch=batch, data=data),
        success=_("Angkatan disimpan."),
        next_url=batch.get_staff_url(),
    )


@permission_required("training.view_batch")
def batch_detail(request, pk):
    batch = selectors.batch_get(actor=request.user, pk=pk)
    services.offers_expire(batch=batch)  # lazy expiry
    filter_form = RegistrationFilterForm(request.GET or None)
    registrations = selectors.registration_list(
        actor=request.user, batch=batch, filters=filter_form.filters()
    )
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
            "history": selectors.batch_history(actor=request.user, batch=batch),
            "can_allocate": batch.is_fair
            and batch.state in (BatchState.OPEN, BatchState.CLOSED)
            and batch.registration_has_closed(),
            "can_finish": batch.state == BatchState.ALLOCATED
            or (not batch.is_fair and batch.state != BatchState.FINISHED and batch.registration_has_closed()),
        },
    )


def _batch_action(request, pk, action, success):
    batch = selectors.batch_get(actor=request.user, pk=pk, action="change")
    run_action(request, lambda: action(batch), success)
    return redirect(batch.get_staff_url())


@permission_required("training.change_batch")
@require_POST
def batch_open(request, pk):
    return _batch_action(
        request,
        pk,
        lambda b: services.batch_open(actor=request.user, batch=b),
        _("Pendaftaran angkatan ini dibuka untuk pemilik UMKM."),
    )


@permission_required("training.change_batch")
@require_POST
def batch_close(request, pk):
    return _batch_action(
        request,
        pk,
        lambda b: services.batch_close_registration(actor=request.user, batch=b),
        _("Pendaftaran ditutup."),
    )


@permission_required("training.change_batch")
@require_POST
def batch_finish(request, pk):
    return _batch_action(
        request,
        pk,
        lambda b: services.batch_finish(actor=request.user, batch=b),
        _("Angkatan selesai; kelulusan dihitung dan sertifikat diterbitkan."),
    )


@permission_required("training.delete_batch")
@require_POST
def batch_delete(request, pk):
    batch = selectors.batch_get(actor=request.user, pk=pk, action="delete")
    if run_action(
        request, lambda: services.batch_delete(actor=request.user, batch=batch), _("Angkatan dihapus.")
    ):
        return redirect("training:programme_detail", pk=batch.programme_id)
    return redirect(batch.get_staff_url())


@permission_required("training.add_session")
@require_POST
def session_add(request, pk):
    batch = selectors.batch_get(actor=request.user, pk=pk)
    form = SessionForm(request.POST)

    def add():
        if not form.is_valid():
            raise ValidationError(
                [
                    f"{form.fields[field].label}: {error}" if field in form.fields else error
                    for field, errors in form.errors.items()
                    for error in errors
                ]
            )
        services.session_add(actor=request.user, batch=batch, data=form.cleaned_data)

    run_action(request, add, _("Sesi ditambahkan."))
    return redirect(batch.get_staff_url())


@permission_required("training.delete_session")
@require_POST
def session_delete(request, pk):
    session = selectors.session_get(actor=request.user, pk=pk, action="delete")
    run_action(
        request, lambda: services.session_delete(actor=request.user, session=session), _("Sesi dihapus.")
    )
    return redirect("training:batch_detail", pk=session.batch_id)
