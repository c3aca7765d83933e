"""Staff's pages: the referral board, one referral (verify papers, send, close, reverse), a UMKM's
financing file, the group pre-check, and the documents themselves (served through the policy)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core import audit
from binaumkm.core.pagination import paginate_by_ids
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action
from binaumkm.registry import selectors as registry

from .. import letters, selectors, services
from ..forms import BoardFilterForm, DocumentForm, PrecheckForm, ReasonForm, ReferralForm
from ..models import ACTIVE_STATES, DocumentKind
from .common import file_response, staff_required

PAGE_SIZE = 25


@staff_required
def board(request):
    form = BoardFilterForm(request.GET or None)
    qs = selectors.referral_board(actor=request.user, filters=form.filters() if request.GET else {})
    page = paginate_by_ids(qs, request.GET.get("page"), per_page=PAGE_SIZE)
    page.object_list = selectors.with_waiting(page.object_list)
    return render(request, "financing/staff/board.html", {"form": form, "page_obj": page})


@staff_required
def referral_detail(request, pk):
    referral = selectors.referral_get(actor=request.user, pk=pk)
    context = {
        "referral": referral,
        "steps": selectors.referral_steps(referral),
        "consent": selectors.live_consent(referral),
        "checklist": selectors.referral_checklist(referral),
        "documents": selectors.business_documents(actor=request.user, business=referral.business),
        "history": audit.history(referral)[:50],
        "reason_form": ReasonForm(),
    }
    return render(request, "financing/staff/referral.html", context)


@staff_required
@require_POST
def referral_step(request, pk, action):
    referral = selectors.referral_get(actor=request.user, pk=pk)
    reason = request.POST.get("reason", "")[:500]
    steps = {
        "kirim": (lambda: services.referral_send(actor=request.user, referral=referral),
                  _("Rujukan dikirim ke bank; petugasnya diberi tahu lewat e-mail.")),
        "tutup": (lambda: services.referral_close(actor=request.user, referral=referral, reason=reason),
                  _("Rujukan ditutup.")),
        "tarik": (lambda: services.referral_withdraw(actor=request.user, referral=referral, reason=reason),
                  _("Rujukan ditarik.")),
        "batalkan": (lambda: services.referral_reverse(actor=request.user, referral=referral, reason=reason),
                     _("Langkah terakhir dibatalkan; keduanya tetap tercatat di riwayat.")),
    }  # fmt: skip
    if action not in steps:
        raise Http404
    call, message = steps[action]
    run_action(request, call, message)
    return redirect("financing:referral_detail", pk=referral.pk)


@permission_required("financing.view_referral", "financing.handle_referral")
def referral_letter(request, pk):
    referral = selectors.referral_get(actor=request.user, pk=pk)
    if not referral.number:
        raise Http404
    return file_response(letters.letter_pdf(referral), content_type="application/pdf",
                         filename=letters.letter_filename(referral), inline=True)  # fmt: skip


@permission_required("financing.view_referral", "financing.handle_referral")
def referral_bundle(request, pk):
    """The letter and the papers as one ZIP, only once sent and while the owner's consent stands."""
    referral = selectors.referral_get(actor=request.user, pk=pk)
    if not referral.number or selectors.live_consent(referral) is None:
        raise Http404
    filename, content, count = letters.bundle(referral)
    services.referral_bundle_logged(actor=request.user, referral=referral, documents=count)
    return file_response(content, content_type="application/zip", filename=filename)


@staff_required
def business_file(request, pk):
    business = registry.business_get(actor=request.user, pk=pk)
    referrals = list(selectors.referrals_of_business(actor=request.user, business=business))
    context = {
        "business": business,
        "checks": selectors.business_precheck(business),
        "documents": selectors.business_documents(actor=request.user, business=business, current=False),
        "referrals": referrals,
        "open_by_scheme": {r.scheme_id: r for r in referrals if r.state in ACTIVE_STATES},
        "reason_form": ReasonForm(),
    }
    return render(request, "financing/staff/business.html", context)


@permission_required("financing.add_document")
def document_upload(request, pk):
    business = registry.business_get(actor=request.user, pk=pk)
    kind = request.GET.get("jenis", "")
    form = DocumentForm(request.POST or None, request.FILES or None,
                        initial={"kind": kind if kind in DocumentKind.values else ""})  # fmt: skip
    back = reverse("financing:business_file", args=[business.pk])
    return form_view(
        request, form=form, template="financing/document_form.html", context={"business": business, "back": back},
        save=lambda data: services.document_upload(
            actor=request.user, business=business, kind=data["kind"], upload=data["file"], number=data["number"],
            issued_on=data["issued_on"], expires_on=data["expires_on"], address_in_city=data["address_in_city"] or None,
        ),
        success=_("Dokumen tersimpan."), next_url=back,
    )  # fmt: skip


@permission_required("financing.add_referral")
def referral_create(request, pk, code):
    business = registry.business_get(actor=request.user, pk=pk)
    scheme = selectors.scheme_public_get(code)
    form = ReferralForm(request.POST or None, branches=selectors.branches_for_referral(scheme),
                        initial={"amount": scheme.amount_min})  # fmt: skip
    return form_view(
        request, form=form, template="financing/referral_form.html",
        context={"business": business, "scheme": scheme, "back": reverse("financing:business_file", args=[business.pk])},
        save=lambda data: services.referral_create(
            actor=request.user, business=business, scheme=scheme, branch=data["branch"], amount=data["amount"],
            purpose=data["purpose"],
        ),
        success=_("Rujukan dibuat. Pemilik perlu memberi persetujuan sebelum dikirim."),
        next_url=lambda referral: reverse("financing:referral_detail", args=[referral.pk]),
    )  # fmt: skip


@permission_required("financing.view_document", "financing.request_financing")
def document_file(request, pk):
    """One paper, to its owner and to staff only; each opening is logged (specific personal data)."""
    document = selectors.document_get(actor=request.user, pk=pk)
    content, content_type, filename = services.document_open(actor=request.user, document=document)
    return file_response(content, content_type=content_type, filename=filename, inline=True)


@permission_required("financing.verify_document")
@require_POST
def document_check(request, pk, action):
    document = selectors.document_get(actor=request.user, pk=pk, action="verify")
    if action == "verifikasi":
        run_action(request, lambda: services.document_verify(actor=request.user, document=document),
                   _("%(doc)s terverifikasi.") % {"doc": document.get_kind_display()})  # fmt: skip
    elif action == "tolak":
        run_action(request, lambda: services.document_reject(actor=request.user, document=document,
                                                              reason=request.POST.get("reason", "")[:300]),
                   _("%(doc)s ditolak; pemilik melihat alasannya.") % {"doc": document.get_kind_display()})  # fmt: skip
    else:
        raise Http404
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("financing:business_file", pk=document.business_id)


@staff_required
def precheck(request):
    """Pre-check a filtered group of UMKM for one scheme and see who is ready."""
    form = PrecheckForm(request.GET or None)
    result = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        filters = {k: data[k] for k in ("kecamatan", "kbli_section", "size_class", "status") if data.get(k)}
        businesses = registry.business_list(actor=request.user, filters=filters)
        result = selectors.precheck_page(businesses, data["scheme"], result=data.get("result") or "",
                                         page_number=request.GET.get("page"))  # fmt: skip
    return render(request, "financing/staff/precheck.html", {"form": form, "result": result})
