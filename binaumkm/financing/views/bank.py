"""The bank officer's portal: referrals sent to their branch only, days waiting, and the bank's steps
(receipt, review, decision, disbursement, reversal of a mistaken step)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.pagination import paginate_by_ids
from binaumkm.core.viewkit import run_action

from .. import selectors, services, workflow
from ..forms import ApproveForm, BankFilterForm, DisburseForm, ReasonForm, RejectForm
from ..models import WAITING_FOR_BANK
from .common import bank_required

PAGE_SIZE = 25
BANK_ACTIONS = ("receive", "review", "approve", "reject", "disburse")


@bank_required
def bank_list(request):
    form = BankFilterForm(request.GET or None, initial={"state": "terbuka"})
    filters = form.filters() if request.GET else {"state": "terbuka"}
    qs = selectors.bank_referrals(actor=request.user, filters=filters)
    page = paginate_by_ids(qs, request.GET.get("page"), per_page=PAGE_SIZE)
    page.object_list = selectors.with_waiting(page.object_list)
    return render(request, "financing/bank/list.html", {"form": form, "page_obj": page})


@bank_required
def bank_detail(request, pk):
    referral = selectors.referral_get(actor=request.user, pk=pk, action="bank")
    waiting = selectors.with_waiting([referral])[0]
    context = {
        "referral": waiting,
        "waiting": referral.state in WAITING_FOR_BANK,
        "steps": selectors.referral_steps(referral),
        "consent": selectors.live_consent(referral),
        "sent": (referral.checklist or {}).get("sent") or {},
        "actions": [a for a in workflow.actions_from(referral.state) if a in BANK_ACTIONS],
        "reject_form": RejectForm(), "approve_form": ApproveForm(initial={"amount": referral.amount}),
        "disburse_form": DisburseForm(initial={"amount": referral.approved_amount}), "reason_form": ReasonForm(),
    }  # fmt: skip
    return render(request, "financing/bank/detail.html", context)


def _form_action(request, form, call):
    """Validate a small form, then call the service with its data (errors shown as messages)."""

    def action():
        if not form.is_valid():
            raise ValidationError([f"{form.fields[f].label}: {e}" if f in form.fields else e
                                   for f, errors in form.errors.items() for e in errors])  # fmt: skip
        return call(form.cleaned_data)

    return action


@bank_required
@require_POST
def bank_step(request, pk, action):
    referral = selectors.referral_get(actor=request.user, pk=pk, action="bank")
    user = request.user
    steps = {
        "terima": (lambda: services.referral_receive(actor=user, referral=referral), _("Penerimaan rujukan dikonfirmasi.")),
        "tinjau": (lambda: services.referral_review(actor=user, referral=referral), _("Rujukan diterima untuk ditinjau.")),
        "tolak": (_form_action(request, RejectForm(request.POST), lambda d: services.referral_reject(
            actor=user, referral=referral, reason_code=d["reason_code"], note=d["note"])), _("Penolakan dicatat.")),
        "setujui": (_form_action(request, ApproveForm(request.POST), lambda d: services.referral_approve(
            actor=user, referral=referral, amount=d["amount"])), _("Persetujuan dicatat.")),
        "cairkan": (_form_action(request, DisburseForm(request.POST), lambda d: services.referral_disburse(
            actor=user, referral=referral, amount=d["amount"], disbursed_on=d["disbursed_on"],
            contract_number=d["contract_number"])), _("Pencairan dicatat.")),
        "tutup": (lambda: services.referral_close(actor=user, referral=referral, reason=request.POST.get("reason", "")[:500]),
                  _("Rujukan ditutup.")),
        "batalkan": (lambda: services.referral_reverse(actor=user, referral=referral, reason=request.POST.get("reason", "")[:500]),
                     _("Langkah terakhir dibatalkan; keduanya tetap tercatat di riwayat.")),
    }  # fmt: skip
    if action not in steps:
        raise Http404
    call, message = steps[action]
    run_action(request, call, message)
    return redirect("financing:bank_detail", pk=referral.pk)
