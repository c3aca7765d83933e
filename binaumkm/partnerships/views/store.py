"""The store-partner portal: a store manager sees their store's partners, compliance and offers,
confirms partnerships and displays, ends partnerships with a reason. Another store is a 404."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action
from binaumkm.registry.selectors import todo_for

from .. import selectors, services
from ..forms import AgreementForm, ConfirmForm, EndForm, ReasonForm
from ..models import PartnershipStatus
from ..policy import OWN_STORE

store_required = permission_required(OWN_STORE)


@store_required
def portal(request):
    stores = list(selectors.store_managed(actor=request.user).order_by("name"))
    if len(stores) == 1:
        return redirect("partnerships:store_home", pk=stores[0].pk)
    return render(
        request, "partnerships/store/portal.html", {"stores": stores, "todos": todo_for(request.user)}
    )


@store_required
def store_home(request, pk):
    actor = request.user
    store = selectors.store_get_managed(actor=actor, pk=pk)
    partnerships = list(selectors.store_partnerships(actor=actor, store=store))
    context = {
        "store": store,
        "state": selectors.store_compliance(actor=actor, store=store),
        "active": [p for p in partnerships if p.status == PartnershipStatus.ACTIVE],
        "to_confirm": [p for p in partnerships if p.status == PartnershipStatus.ACCEPTED],
        "to_display": [p for p in partnerships if p.status == PartnershipStatus.CONFIRMED],
        "waiting": [p for p in partnerships if p.status == PartnershipStatus.PROPOSED],
        "past": [p for p in partnerships if p.status == PartnershipStatus.ENDED][:20],
        "letters": selectors.store_letters(actor=actor, store=store)[:10],
        "todos": todo_for(actor),
    }
    return render(request, "partnerships/store/home.html", context)


def _get(request, pk, ppk):
    store = selectors.store_get_managed(actor=request.user, pk=pk)
    return store, selectors.partnership_for_store(actor=request.user, store=store, pk=ppk)


def _form_page(request, pk, ppk, form_class, save, template, success):
    """A portal form about one partnership of the manager's store: one service call on a valid POST."""
    store, partnership = _get(request, pk, ppk)
    return form_view(
        request,
        form=form_class(request.POST or None, request.FILES or None),
        template=f"partnerships/store/{template}",
        context={"store": store, "p": partnership},
        save=lambda data: save(partnership, data),
        success=success,
        next_url=reverse("partnerships:store_home", args=[store.pk]),
    )


@store_required
def confirm(request, pk, ppk):
    def save(partnership, data):
        return services.partnership_confirm(
            actor=request.user,
            partnership=partnership,
            shelf=data["shelf"],
            display_ready=data["display_ready"],
            agreement=data.get("agreement"),
        )

    return _form_page(request, pk, ppk, ConfirmForm, save, "confirm.html", _("Kemitraan dikonfirmasi."))


@store_required
def decline(request, pk, ppk):
    def save(partnership, data):
        return services.store_decline(actor=request.user, partnership=partnership, reason=data["reason"])

    return _form_page(request, pk, ppk, ReasonForm, save, "decline.html", _("Kemitraan ditolak."))


@store_required
def end(request, pk, ppk):
    def save(partnership, data):
        return services.partnership_end(
            actor=request.user, partnership=partnership, end_date=data["end_date"], reason=data["reason"]
        )

    return _form_page(request, pk, ppk, EndForm, save, "end.html", _("Kemitraan diakhiri."))


@store_required
def agreement(request, pk, ppk):
    def save(partnership, data):
        return services.agreement_attach(
            actor=request.user, partnership=partnership, upload=data["agreement"]
        )

    return _form_page(request, pk, ppk, AgreementForm, save, "agreement.html", _("Perjanjian diunggah."))


@store_required
@require_POST
def display(request, pk, ppk):
    store, partnership = _get(request, pk, ppk)
    run_action(
        request,
        lambda: services.partnership_activate(actor=request.user, partnership=partnership),
        _("Pajangan dikonfirmasi; kemitraan aktif."),
    )
    return redirect("partnerships:store_home", pk=store.pk)
