"""Owner self-service: open batches, register, see the result and why, answer offers, download
the certificate. Another owner's registration is a 404."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import role_required
from binaumkm.accounts.roles import Role, has_role, is_agency
from binaumkm.core.pdf import pdf_response
from binaumkm.core.qr import qr_svg
from binaumkm.registry.selectors import business_owned

from .. import eligibility, selectors, services
from ..certificates import certificate_filename, certificate_pdf
from ..forms import registration_form
from ..models import BatchState, RegistrationStatus
from .common import apply_service_errors, run_action

owner_required = role_required(Role.OWNER)


def index(request):
    """/pelatihan/: staff go to the back office, everyone else sees the open batches."""
    if is_agency(request.user):
        return redirect("training:programme_list")
    mine = selectors.registrations_owned(actor=request.user) if has_role(request.user, Role.OWNER) else []
    return render(
        request,
        "training/owner/index.html",
        {"batches": selectors.batches_open(), "registrations": mine},
    )


def batch_detail(request, pk):
    batch = selectors.batch_public_get(pk)
    is_owner = has_role(request.user, Role.OWNER)
    businesses = business_owned(actor=request.user).order_by("name") if is_owner else None
    form = None
    if is_owner:
        form = registration_form(batch, businesses, request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                registration = services.registration_create(
                    actor=request.user,
                    batch=batch,
                    business=form.cleaned_data["business"],
                    answers=form.answers,
                )
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Pendaftaran tersimpan: %(status)s.") % {"status": registration.get_status_display()},
                )
                return redirect("training:my_registration", pk=registration.pk)
    elif request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    mine = selectors.registrations_owned(actor=request.user).filter(batch=batch) if is_owner else []
    return render(
        request,
        "training/owner/batch_detail.html",
        {
            "batch": batch,
            "form": form,
            "rules": eligibility.rules_summary(batch),
            "sessions": batch.sessions.all(),
            "mine": mine,
            "has_businesses": bool(businesses) if is_owner else False,
            "is_open": batch.registration_is_open(),
            "not_yet_open": batch.state == BatchState.OPEN and timezone.now() < batch.registration_opens_at,
        },
    )


@owner_required
def my_registration(request, pk):
    registration = selectors.registration_owned_get(actor=request.user, pk=pk)
    # Lazy expiry: a deadline that passed while no worker ran is applied on sight.
    if registration.status == RegistrationStatus.OFFERED and services.offer_expire(registration.pk):
        registration = selectors.registration_owned_get(actor=request.user, pk=pk)
    scan_url = request.build_absolute_uri(reverse("training:participant_scan", args=[registration.code]))
    certificate = getattr(registration, "certificate", None)
    finished = registration.batch.state == BatchState.FINISHED
    return render(
        request,
        "training/owner/registration.html",
        {
            "r": registration,
            "batch": registration.batch,
            "reasons": selectors.explanation(registration),
            "qr": qr_svg(scan_url)
            if registration.status == RegistrationStatus.ACCEPTED and not finished
            else "",
            "certificate": certificate,
            "attended": registration.attendances.count(),
            "sessions": registration.batch.sessions.count(),
            "can_withdraw": not finished
            and (
                registration.status in (RegistrationStatus.ACCEPTED, RegistrationStatus.WAITLISTED)
                or (
                    registration.status == RegistrationStatus.PENDING
                    and registration.batch.registration_is_open()
                )
            ),
        },
    )


def _act(request, pk, action, success):
    registration = selectors.registration_owned_get(actor=request.user, pk=pk)
    run_action(request, lambda: action(registration), success)
    return redirect("training:my_registration", pk=registration.pk)


@owner_required
@require_POST
def my_registration_cancel(request, pk):
    reason = request.POST.get("reason", "")[:300]
    return _act(
        request, pk,
        lambda r: services.registration_cancel(actor=request.user, registration=r, reason=reason),
        _("Pendaftaran dibatalkan."),
    )  # fmt: skip


@owner_required
@require_POST
def offer_accept(request, pk):
    return _act(
        request, pk, lambda r: services.offer_accept(actor=request.user, registration=r),
        _("Kursi Anda terkonfirmasi. Sampai jumpa di pelatihan!"),
    )  # fmt: skip


@owner_required
@require_POST
def offer_decline(request, pk):
    return _act(
        request, pk, lambda r: services.offer_decline(actor=request.user, registration=r),
        _("Terima kasih; kursi ditawarkan ke pendaftar berikutnya."),
    )  # fmt: skip


@owner_required
def my_certificate(request, pk):
    registration = selectors.registration_owned_get(actor=request.user, pk=pk)
    certificate = getattr(registration, "certificate", None)
    if certificate is None:
        messages.error(request, _("Sertifikat belum terbit untuk pendaftaran ini."))
        return redirect("training:my_registration", pk=registration.pk)
    pdf = certificate_pdf(certificate, request=request)
    return pdf_response(pdf, certificate_filename(certificate))
