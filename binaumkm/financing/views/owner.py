"""The owner's pages: which schemes their business qualifies for and why, the document file (upload
from a phone), starting a referral, consenting, following its state."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.viewkit import form_view, run_action
from binaumkm.registry import selectors as registry

from .. import selectors, services
from ..forms import DocumentForm, ReasonForm, ReferralForm
from ..models import ACTIVE_STATES, OPEN_STATES, DocumentKind
from .common import owner_required


def _business(request, pk):
    """Only the owner's own business: another owner's is a 404."""
    return registry.business_get(actor=request.user, pk=pk, action="own")


@owner_required
def my_financing(request):
    businesses = list(registry.business_owned(actor=request.user).order_by("name"))
    if len(businesses) == 1:
        return redirect("financing:my_business", pk=businesses[0].pk)
    return render(request, "financing/owner/index.html", {"businesses": businesses})


@owner_required
def my_business(request, pk):
    business = _business(request, pk)
    referrals = list(selectors.referrals_owned(actor=request.user, business=business))
    open_by_scheme = {r.scheme_id: r for r in referrals if r.state in ACTIVE_STATES}
    context = {
        "business": business,
        "checks": selectors.business_precheck(business),
        "documents": selectors.business_documents(actor=request.user, business=business),
        "referrals": referrals,
        "open_by_scheme": open_by_scheme,
    }
    return render(request, "financing/owner/business.html", context)


@owner_required
def my_document_upload(request, pk):
    business = _business(request, pk)
    kind = request.GET.get("jenis", "")
    form = DocumentForm(request.POST or None, request.FILES or None,
                        initial={"kind": kind if kind in DocumentKind.values else ""})  # fmt: skip
    return form_view(
        request, form=form, template="financing/document_form.html", context={"business": business, "back": reverse("financing:my_business", args=[business.pk])},
        save=lambda data: services.document_upload(
            actor=request.user, business=business, kind=data["kind"], upload=data["file"], number=data["number"],
            issued_on=data["issued_on"], expires_on=data["expires_on"], address_in_city=data["address_in_city"] or None,
        ),
        success=lambda doc: _("%(doc)s tersimpan; petugas dinas akan memeriksanya.") % {"doc": doc.get_kind_display()},
        next_url=reverse("financing:my_business", args=[business.pk]),
    )  # fmt: skip


@owner_required
def my_referral_create(request, pk, code):
    business = _business(request, pk)
    scheme = selectors.scheme_public_get(code)
    form = ReferralForm(request.POST or None, branches=selectors.branches_for_referral(scheme),
                        initial={"amount": scheme.amount_min})  # fmt: skip
    return form_view(
        request, form=form, template="financing/referral_form.html",
        context={"business": business, "scheme": scheme, "back": reverse("financing:my_business", args=[business.pk])},
        save=lambda data: services.referral_create(
            actor=request.user, business=business, scheme=scheme, branch=data["branch"], amount=data["amount"],
            purpose=data["purpose"],
        ),
        success=_("Pengajuan dibuat. Periksa daftar periksa, beri persetujuan, lalu ajukan."),
        next_url=lambda referral: reverse("financing:my_referral", args=[referral.pk]),
    )  # fmt: skip


@owner_required
def my_referral(request, pk):
    referral = selectors.referral_get(actor=request.user, pk=pk, action="own")
    context = {
        "referral": referral,
        "steps": selectors.referral_steps(referral),
        "consent": selectors.live_consent(referral),
        "consent_text": services.consent_text(referral) if referral.state in ("draf", "siap") else "",
        "checklist": selectors.referral_checklist(referral) if referral.state in ("draf", "siap") else None,
        "reason_form": ReasonForm(),
        "can_withdraw": referral.state in OPEN_STATES,
    }
    return render(request, "financing/owner/referral.html", context)


@owner_required
@require_POST
def my_referral_step(request, pk, action):
    referral = selectors.referral_get(actor=request.user, pk=pk, action="own")
    steps = {
        "ajukan": (lambda: services.referral_submit(actor=request.user, referral=referral),
                   _("Pengajuan lengkap dan siap dikirim dinas ke bank.")),
        "setuju": (lambda: services.referral_consent(actor=request.user, referral=referral),
                   _("Persetujuan Anda tercatat.")),
        "tarik": (lambda: services.referral_withdraw(actor=request.user, referral=referral,
                                                     reason=request.POST.get("reason", "")[:500]),
                  _("Pengajuan ditarik.")),
    }  # fmt: skip
    if action not in steps:
        raise Http404
    call, message = steps[action]
    run_action(request, call, message)
    return redirect("financing:my_referral", pk=referral.pk)
