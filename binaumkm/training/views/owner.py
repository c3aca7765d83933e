"""Owner self-service: open batches, register, see the result and why, answer offers, download
the certificate. Another owner's registration is a 404."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.pdf import pdf_response
from binaumkm.core.policy import holds, permission_required
from binaumkm.core.qr import qr_svg
from binaumkm.core.viewkit import form_view, run_action

from .. import eligibility, selectors, services
from ..certificates import certificate_filename, certificate_pdf
from ..forms import registration_form
from ..models import BatchState, RegistrationStatus
from ..policy import OWN

owner_required = permission_required(OWN)


def index(request):
    """/pelatihan/: staff go to the back office, everyone else sees the open batches."""
    if holds(request.user, "training.view_programme"):
        return redirect("training:programme_list")
    mine = selectors.registrations_owned(actor=request.user) if holds(request.user, OWN) else []
    return render(
        request,
        "training/owner/index.html",
        {"batches": selectors.batches_open(actor=request.user), "registrations": mine},
    )


def batch_detail(request, pk):
    """The public page of a batch; owners register one of their businesses here."""
    batch = selectors.batch_public_get(actor=request.user, pk=pk)
    is_owner = holds(request.user, OWN)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    businesses = selectors.businesses_owned(actor=request.user) if is_owner else None
    context = {
        "batch": batch,
        "rules": eligibility.rules_summary(batch),
        "sessions": batch.sessions.all(),
        "mine": selectors.registrations_owned(actor=request.user, batch=batch) if is_owner else [],
        # A callable: the template asks only when it renders (a successful POST does not).
        "has_businesses": businesses.exists if is_owner else False,
        "is_open": batch.registration_is_open(),
        "not_yet_open": batch.state == BatchState.OPEN and timezone.now() < batch.registration_opens_at,
    }
    if not is_owner:
        return render(request, "training/owner/batch_detail.html", {"form": None, **context})
    form = registration_form(batch, businesses, request.POST or None)
    return form_view(
        request,
        form=form,
        template="training/owner/batch_detail.html",
        context=context,
        save=lambda data: services.registration_create(
            actor=request.user, batch=batch, business=data["business"], answers=form.answers
        ),
        success=lambda registration: (
            _("Pendaftaran tersimpan: %(status)s.") % {"status": registration.get_status_display()}
        ),
        next_url=lambda registration: reverse("training:my_registration", args=[registration.pk]),
    )


@owner_required
def my_registration(request, pk):
    registration = selectors.registration_owned_get(actor=request.user, pk=pk)
    # Lazy expiry: a deadline that passed while no worker ran is applied on sight.
    if registration.status == RegistrationStatus.OFFERED and services.offer_expire(registration.pk):
        registration = selectors.registration_owned_get(actor=request.user, pk=pk)
    scan_url = request.build_absolute_uri(reverse("training:participant_scan", args=[registration.code]))
    finished = registration.batch.state == BatchState.FINISHED
    return render(
        request,
        "training/owner/registration.html",
        {
            "r": registration,
            "batch": registration.batch,
            "reasons": selectors.explanation(registration, for_owner=True),
            "qr": qr_svg(scan_url)
            if registration.status == RegistrationStatus.ACCEPTED and not finished
            else "",
            "certificate": selectors.certificate_of(
                actor=request.user, registration=registration, action="own"
            ),
            **selectors.registration_progress(registration=registration),
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
        request,
        pk,
        lambda r: services.registration_cancel(actor=request.user, registration=r, reason=reason),
        _("Pendaftaran dibatalkan."),
    )


@owner_required
@require_POST
def offer_accept(request, pk):
    return _act(
        request,
        pk,
        lambda r: services.offer_accept(actor=request.user, registration=r),
        _("Kursi Anda terkonfirmasi. Sampai jumpa di pelatihan!"),
    )


@owner_required
@require_POST
def offer_decline(request, pk):
    return _act(
        request,
        pk,
        lambda r: services.offer_decline(actor=request.user, registration=r),
        _("Terima kasih; kursi ditawarkan ke pendaftar berikutnya."),
    )


@owner_required
def my_certificate(request, pk):
    registration = selectors.registration_owned_get(actor=request.user, pk=pk)
    certificate = selectors.certificate_of(actor=request.user, registration=registration, action="own")
    if certificate is None:
        messages.error(request, _("Sertifikat belum terbit untuk pendaftaran ini."))
        return redirect("training:my_registration", pk=registration.pk)
    pdf = certificate_pdf(certificate, request=request)
    return pdf_response(pdf, certificate_filename(certificate))
