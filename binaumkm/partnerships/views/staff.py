"""Staff back office: compliance dashboard, store registry, store managers, partnerships."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts import services as accounts
from binaumkm.accounts.invitations import invitation_response
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, flash_errors, run_action

from .. import charts, selectors, services
from ..forms import (
    EndForm,
    LetterForm,
    ManagerForm,
    PartnershipCreateForm,
    PartnershipEditForm,
    ReasonForm,
    StoreFilterForm,
    StoreForm,
)
from ..models import PartnershipStatus

PAGE_SIZE = 25
view_required = permission_required("partnerships.view_store")


@view_required
def dashboard(request):
    form = StoreFilterForm(request.GET or None, brands=selectors.brands(actor=request.user))
    overview = selectors.compliance_overview_kept(actor=request.user, filters=form.filters())
    page = Paginator(overview.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "overview": overview,
        "page_obj": page,
        "chart": charts.compliance_chart(overview.chart),
    }
    return render(request, "partnerships/staff/dashboard.html", context)


def _show_warnings(request, store):
    for warning in services.store_warnings(store):
        messages.warning(request, warning)


@permission_required("partnerships.add_store")
def store_create(request):
    form = StoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            store = services.store_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Toko %(name)s terdaftar.") % {"name": store.name})
            _show_warnings(request, store)
            return redirect("partnerships:store_detail", pk=store.pk)
    return render(request, "partnerships/staff/store_form.html", {"form": form})


@permission_required("partnerships.change_store")
def store_edit(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk, action="change")
    form = StoreForm(request.POST or None, instance=store)
    if request.method == "POST" and form.is_valid():
        try:
            store = services.store_update(actor=request.user, store=store, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Data toko disimpan."))
            _show_warnings(request, store)
            return redirect("partnerships:store_detail", pk=store.pk)
    return render(request, "partnerships/staff/store_form.html", {"form": form, "store": store})


@view_required
def store_detail(request, pk, manager_form=None, letter_form=None, status=200):
    actor = request.user
    store = selectors.store_get(actor=actor, pk=pk)
    state = selectors.store_compliance(actor=actor, store=store)
    partnerships = list(selectors.store_partnerships(actor=actor, store=store))
    context = {
        "store": store,
        "state": state,
        "periods": state.periods[::-1],
        "active": [p for p in partnerships if p.status == PartnershipStatus.ACTIVE],
        "offers": [p for p in partnerships if p.status in PartnershipStatus.offer_values()],
        "past": [p for p in partnerships if p.status not in PartnershipStatus.open_values()],
        "letters": selectors.store_letters(actor=actor, store=store),
        "managers": selectors.store_managers(actor=actor, store=store),
        "manager_form": manager_form or ManagerForm(),
        "letter_form": letter_form or LetterForm(),
    }
    return render(request, "partnerships/staff/store_detail.html", context, status=status)


@view_required
def store_history(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk)
    entries = Paginator(selectors.store_history(actor=request.user, store=store), 50)
    context = {"store": store, "page_obj": entries.get_page(request.GET.get("page"))}
    return render(request, "partnerships/staff/store_history.html", context)


@permission_required("partnerships.change_store")
@require_POST
def manager_add(request, pk):
    """Link a portal account to the store. A new account gets a one-time set-password link, shown
    on its own page (never a password, never in a message cookie)."""
    store = selectors.store_get(actor=request.user, pk=pk, action="change")
    form = ManagerForm(request.POST)
    if form.is_valid():
        try:
            user, created = services.store_manager_add(actor=request.user, store=store, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            back = reverse("partnerships:store_detail", args=[store.pk])
            if created or not user.has_usable_password():
                try:
                    invitation = accounts.invitation_create(actor=request.user, user=user)
                except ValidationError as exc:
                    flash_errors(request, exc)
                    return redirect(back)
                return invitation_response(request, invitation, back=back)
            messages.success(request, _("%(name)s menjadi pengelola toko ini.") % {"name": user.display_name})
            return redirect(back)
    return store_detail(request, pk=pk, manager_form=form, status=400)


@permission_required("partnerships.change_store")
@require_POST
def manager_remove(request, pk, user_pk):
    store = selectors.store_get(actor=request.user, pk=pk, action="change")
    user = selectors.store_manager_get(actor=request.user, store=store, pk=user_pk)
    run_action(
        request,
        lambda: services.store_manager_remove(actor=request.user, store=store, user=user),
        _("Pengelola dilepas dari toko ini."),
    )
    return redirect("partnerships:store_detail", pk=store.pk)


@permission_required("partnerships.add_partnership")
def business_search(request):
    """htmx: <option>s of eligible UMKM (verified, not closed) for the partnership form."""
    businesses = selectors.business_search(actor=request.user, text=request.GET.get("business") or "")
    return render(request, "partnerships/staff/_business_options.html", {"businesses": businesses})


@permission_required("partnerships.add_partnership")
def partnership_create(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk)
    form = PartnershipCreateForm(request.POST or None, request.FILES or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.partnership_create(
                actor=request.user,
                store=store,
                business=data["business"],
                data=data,
                running=data["running"],
                agreement=data.get("agreement"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Kemitraan dengan %(name)s dicatat.") % {"name": partnership.business.name}
            )
            if warning := services.listing_fee_warning(store, partnership.listing_fee):
                messages.warning(request, warning)
            return redirect("partnerships:partnership_detail", pk=partnership.pk)
    return render(request, "partnerships/staff/partnership_form.html", {"form": form, "store": store})


@permission_required("partnerships.view_partnership")
def partnership_detail(request, pk, reason_form=None, end_form=None, status=200):
    partnership = selectors.partnership_get(actor=request.user, pk=pk)
    context = {
        "p": partnership,
        "history": selectors.partnership_history(actor=request.user, partnership=partnership)[:50],
        "reason_form": reason_form or ReasonForm(),
        "end_form": end_form or EndForm(),
        "fee_warning": services.listing_fee_warning(partnership.store, partnership.listing_fee),
    }
    return render(request, "partnerships/staff/partnership_detail.html", context, status=status)


@permission_required("partnerships.change_partnership")
def partnership_edit(request, pk):
    partnership = selectors.partnership_get(actor=request.user, pk=pk, action="change")
    form = PartnershipEditForm(request.POST or None, request.FILES or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.partnership_update(
                actor=request.user,
                partnership=partnership,
                data=data,
                products=data["products"],
                agreement=data.get("agreement"),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Kemitraan disimpan."))
            if warning := services.listing_fee_warning(partnership.store, partnership.listing_fee):
                messages.warning(request, warning)
            return redirect("partnerships:partnership_detail", pk=partnership.pk)
    return render(request, "partnerships/staff/partnership_edit.html", {"form": form, "p": partnership})


@permission_required("partnerships.change_partnership")
@require_POST
def partnership_action(request, pk, action):
    """State changes staff may make on anyone's behalf (the audit log names who did it)."""
    partnership = selectors.partnership_get(actor=request.user, pk=pk, action="change")
    actor = request.user
    if action not in ACTIONS:
        return redirect("partnerships:partnership_detail", pk=pk)
    data = {}
    if action in ("batalkan", "tolak", "akhiri"):
        form = EndForm(request.POST) if action == "akhiri" else ReasonForm(request.POST)
        if not form.is_valid():
            key = "end_form" if action == "akhiri" else "reason_form"
            return partnership_detail(request, pk=pk, status=400, **{key: form})
        data = form.cleaned_data
    run_action(request, lambda: ACTIONS[action](actor, partnership, data), _("Status kemitraan diperbarui."))
    return redirect("partnerships:partnership_detail", pk=pk)


ACTIONS = {
    "terima": lambda actor, p, data: services.offer_accept(actor=actor, partnership=p),
    "konfirmasi": lambda actor, p, data: services.partnership_confirm(
        actor=actor, partnership=p, display_ready=True
    ),
    "aktifkan": lambda actor, p, data: services.partnership_activate(actor=actor, partnership=p),
    "batalkan": lambda actor, p, data: services.partnership_cancel(
        actor=actor, partnership=p, reason=data["reason"]
    ),
    "tolak": lambda actor, p, data: services.offer_decline(actor=actor, partnership=p, reason=data["reason"]),
    "akhiri": lambda actor, p, data: services.partnership_end(
        actor=actor, partnership=p, end_date=data["end_date"], reason=data["reason"]
    ),
}
