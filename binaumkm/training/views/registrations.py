"""Back office: one applicant — answers, result and reason, priority, cancellation, WhatsApp."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.pdf import pdf_response
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, run_action

from .. import notifications, selectors, services
from ..certificates import certificate_filename, certificate_pdf
from ..forms import CancelForm, PriorityForm


@permission_required("training.view_registration")
def registration_detail(request, pk, priority_form=None):
    registration = selectors.registration_get(actor=request.user, pk=pk)
    if services.offer_expire(registration.pk):  # lazy expiry
        registration = selectors.registration_get(actor=request.user, pk=pk)
    position = services.waitlist_position(registration)
    return render(
        request,
        "training/staff/registration_detail.html",
        {
            "r": registration,
            "batch": registration.batch,
            "reasons": selectors.explanation(registration),
            "whatsapp": notifications.whatsapp_link(registration, position=position),
            "priority_form": priority_form
            or PriorityForm(initial={"priority": registration.priority, "reason": ""}),
            "cancel_form": CancelForm(),
            "attendances": selectors.registration_attendances(actor=request.user, registration=registration),
            "certificate": selectors.certificate_of(actor=request.user, registration=registration),
            "history": selectors.registration_history(actor=request.user, registration=registration),
        },
    )


@permission_required("training.change_registration")
@require_POST
def registration_priority(request, pk):
    registration = selectors.registration_get(actor=request.user, pk=pk, action="change")
    form = PriorityForm(request.POST)
    if form.is_valid():
        try:
            services.registration_set_priority(
                actor=request.user,
                registration=registration,
                priority=form.cleaned_data["priority"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Prioritas diubah dan alasannya dicatat."))
            return redirect("training:registration_detail", pk=pk)
    return registration_detail(request, pk, priority_form=form)


@permission_required("training.change_registration")
@require_POST
def registration_cancel(request, pk):
    registration = selectors.registration_get(actor=request.user, pk=pk, action="cancel")
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    run_action(
        request,
        lambda: services.registration_cancel(actor=request.user, registration=registration, reason=reason),
        _("Pendaftaran dibatalkan; kursi yang kosong ditawarkan ke daftar tunggu."),
    )
    return redirect("training:registration_detail", pk=pk)


@permission_required("training.view_certificate")
def registration_certificate(request, pk):
    registration = selectors.registration_get(actor=request.user, pk=pk)
    certificate = selectors.certificate_of(actor=request.user, registration=registration)
    if certificate is None:
        messages.error(request, _("Sertifikat belum terbit untuk pendaftaran ini."))
        return redirect("training:registration_detail", pk=pk)
    return pdf_response(certificate_pdf(certificate, request=request), certificate_filename(certificate))
