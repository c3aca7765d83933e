"""Agency pages: the queue of data requests with their deadlines, handling one request, entering a
paper consent; for admins the NIK access log and publishing a new notice version."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, form_view, run_action

from .. import conf, selectors, services
from ..forms import AccessLogFilterForm, NoticeForm, OutcomeForm, PaperConsentForm, QueueFilterForm
from ..policy import ACCESS_LOG, PROCESS


def _page(request, qs):
    return Paginator(qs, conf.PAGE_SIZE).get_page(request.GET.get("page"))


@permission_required("privacy.view_datarequest")
def request_queue(request):
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page_obj = _page(request, selectors.request_queue(actor=request.user, filters=filters))
    return render(request, "privacy/staff/queue.html", {"form": form, "page_obj": page_obj})


@permission_required("privacy.view_datarequest")
def request_detail(request, pk):
    data_request = selectors.request_get(actor=request.user, pk=pk)
    return render(request, "privacy/staff/request_detail.html", {
        "data_request": data_request, "form": OutcomeForm(), "can_process": data_request.is_open,
    })  # fmt: skip


@require_POST
@permission_required(PROCESS)
def request_start(request, pk):
    data_request = selectors.request_get(actor=request.user, pk=pk, action="process")
    run_action(request, lambda: services.request_start(actor=request.user, request=data_request),
               _("Permintaan mulai diproses."))  # fmt: skip
    return redirect("privacy:request_detail", pk=pk)


def _finish(request, pk, service, success):
    data_request = selectors.request_get(actor=request.user, pk=pk, action="process")
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, request=data_request, outcome=form.cleaned_data["outcome"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("privacy:request_detail", pk=pk)
    data_request.refresh_from_db()
    return render(request, "privacy/staff/request_detail.html", {
        "data_request": data_request, "form": form, "can_process": data_request.is_open,
    }, status=400)  # fmt: skip


@require_POST
@permission_required(PROCESS)
def request_complete(request, pk):
    return _finish(request, pk, services.request_complete, _("Permintaan diselesaikan."))


@require_POST
@permission_required(PROCESS)
def request_reject(request, pk):
    return _finish(request, pk, services.request_reject, _("Permintaan ditolak."))


@permission_required("privacy.add_consent")
def paper_consent(request):
    form = PaperConsentForm(request.POST or None)

    def save(data):
        owner = selectors.owner_by_reference(actor=request.user, reference=data["owner"])
        if owner is None:
            raise ValidationError({"owner": _("Pemilik dengan nomor ini tidak ditemukan.")})
        return services.consent_record_paper(actor=request.user, owner=owner,
                                             document_reference=data["document_reference"], given_on=data["given_on"])  # fmt: skip

    return form_view(
        request, form=form, template="privacy/staff/paper_consent.html", save=save,
        success=lambda c: _("Persetujuan kertas %(owner)s tercatat.") % {"owner": c.owner.reference},
        next_url="privacy:paper_consent",
    )  # fmt: skip


@permission_required(ACCESS_LOG)
def access_log(request):
    form = AccessLogFilterForm(request.GET or None)
    filters = dict(form.cleaned_data) if form.is_valid() else {}
    entries = selectors.personal_data_log(actor=request.user, filters=filters)
    return render(
        request, "privacy/staff/access_log.html", {"form": form, "page_obj": _page(request, entries)}
    )


@permission_required("privacy.add_privacynotice")
def notice_publish(request):
    return form_view(
        request, form=NoticeForm(request.POST or None), template="privacy/staff/notice_form.html",
        context={"versions": selectors.notice_versions()},
        save=lambda data: services.notice_publish(actor=request.user, text=data["text"],
                                                  effective_date=data["effective_date"]),
        success=lambda n: _("Pemberitahuan versi %(v)d diterbitkan.") % {"v": n.version},
        next_url="privacy:notice_publish",
    )  # fmt: skip
