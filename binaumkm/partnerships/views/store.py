"""The store-partner portal: a store manager sees their store's partners, compliance and offers,
confirms partnerships and displays, ends partnerships with a reason. Another store is a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import role_required
from binaumkm.accounts.roles import Role

from .. import selectors, services
from ..forms import AgreementForm, ConfirmForm, EndForm, ReasonForm
from ..models import PartnershipStatus
from .common import apply_service_errors, flash_errors

store_required = role_required(Role.STORE_PARTNER)


@store_required
def portal(request):
    stores = list(selectors.store_managed(actor=request.user).order_by("name"))
    if len(stores) == 1:
        return redirect("partnerships:store_home", pk=stores[0].pk)
    return render(request, "partnerships/store/portal.html", {"stores": stores})


@store_required
def store_home(request, pk):
    store = selectors.store_get_managed(actor=request.user, pk=pk)
    state = selectors.store_compliance(store)
    partnerships = list(selectors.store_partnerships(store))
    return render(request, "partnerships/store/home.html", {
        "store": store, "state": state,
        "active": [p for p in partnerships if p.status == PartnershipStatus.ACTIVE],
        "to_confirm": [p for p in partnerships if p.status == PartnershipStatus.ACCEPTED],
        "to_display": [p for p in partnerships if p.status == PartnershipStatus.CONFIRMED],
        "waiting": [p for p in partnerships if p.status == PartnershipStatus.PROPOSED],
        "past": [p for p in partnerships if p.status == PartnershipStatus.ENDED][:20],
        "letters": store.letters.all()[:10],
    })  # fmt: skip


def _get(request, pk, ppk):
    store = selectors.store_get_managed(actor=request.user, pk=pk)
    return store, selectors.partnership_for_store(actor=request.user, store=store, pk=ppk)


def _form_page(request, pk, ppk, form_class, action, template, success):
    store, partnership = _get(request, pk, ppk)
    form = form_class(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(partnership, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("partnerships:store_home", pk=store.pk)
    return render(request, f"partnerships/store/{template}", {"store": store, "p": partnership, "form": form})


@store_required
def confirm(request, pk, ppk):
    def act(partnership, data):
        services.partnership_confirm(actor=request.user, partnership=partnership, shelf=data["shelf"],
                                     display_ready=data["display_ready"], agreement=data.get("agreement"))  # fmt: skip

    return _form_page(request, pk, ppk, ConfirmForm, act, "confirm.html", _("Kemitraan dikonfirmasi."))


@store_required
def decline(request, pk, ppk):
    def act(partnership, data):
        services.store_decline(actor=request.user, partnership=partnership, reason=data["reason"])

    return _form_page(request, pk, ppk, ReasonForm, act, "decline.html", _("Kemitraan ditolak."))


@store_required
def end(request, pk, ppk):
    def act(partnership, data):
        services.partnership_end(actor=request.user, partnership=partnership, end_date=data["end_date"],
                                 reason=data["reason"])  # fmt: skip

    return _form_page(request, pk, ppk, EndForm, act, "end.html", _("Kemitraan diakhiri."))


@store_required
def agreement(request, pk, ppk):
    def act(partnership, data):
        services.agreement_attach(actor=request.user, partnership=partnership, upload=data["agreement"])

    return _form_page(request, pk, ppk, AgreementForm, act, "agreement.html", _("Perjanjian diunggah."))


@store_required
@require_POST
def display(request, pk, ppk):
    store, partnership = _get(request, pk, ppk)
    try:
        services.partnership_activate(actor=request.user, partnership=partnership)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Pajangan dikonfirmasi; kemitraan aktif."))
    return redirect("partnerships:store_home", pk=store.pk)
