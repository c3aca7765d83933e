"""Staff back office: outlets, outlet-partner accounts and agreements."""

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
from binaumkm.core.viewkit import apply_service_errors, form_view, run_action

from .. import selectors, services
from ..forms import AgreementForm, AgreementItemForm, OutletFilterForm, OutletForm, PartnerForm
from ..policy import VIEW_OUTLET
from .common import PAGE_SIZE

view_required = permission_required(VIEW_OUTLET)


@view_required
def outlet_list(request):
    form = OutletFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page_obj = Paginator(selectors.outlet_list(actor=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    summaries = selectors.outlet_summaries(actor=request.user, outlet_ids=[o.pk for o in page_obj])
    rows = [(o, summaries.get(o.pk, {})) for o in page_obj]
    return render(
        request, "consignment/staff/outlet_list.html", {"form": form, "page_obj": page_obj, "rows": rows}
    )


@permission_required("consignment.add_outlet")
def outlet_create(request):
    return form_view(
        request,
        form=OutletForm(request.POST or None),
        template="consignment/staff/outlet_form.html",
        save=lambda data: services.outlet_create(actor=request.user, data=data),
        success=lambda outlet: _("Outlet “%(name)s” ditambahkan.") % {"name": outlet.name},
        next_url=lambda outlet: reverse("consignment:outlet_detail", args=[outlet.pk]),
    )


@permission_required("consignment.change_outlet")
def outlet_edit(request, pk):
    outlet = selectors.outlet_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request,
        form=OutletForm(request.POST or None, instance=outlet),
        template="consignment/staff/outlet_form.html",
        context={"outlet": outlet},
        save=lambda data: services.outlet_update(actor=request.user, outlet=outlet, data=data),
        success=_("Data outlet disimpan."),
        next_url=reverse("consignment:outlet_detail", args=[outlet.pk]),
    )


@view_required
def outlet_detail(request, pk):
    outlet = selectors.outlet_get(actor=request.user, pk=pk)
    return render(
        request, "consignment/staff/outlet_detail.html", _outlet_context(request, outlet, PartnerForm())
    )


def _outlet_context(request, outlet, partner_form):
    actor = request.user
    return {
        "outlet": outlet,
        "summary": selectors.outlet_summaries(actor=actor, outlet_ids=[outlet.pk]).get(outlet.pk, {}),
        "partners": selectors.outlet_partners(actor=actor, outlet=outlet),
        "partner_form": partner_form,
        "page_obj": Paginator(selectors.agreements_for(actor=actor, outlet=outlet), PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
        "deliveries": selectors.deliveries_for(actor=actor, outlet=outlet)[:10],
        "settlements": selectors.settlements_for(actor=actor, outlet=outlet)[:6],
    }


@permission_required("consignment.change_outlet")
@require_POST
def partner_add(request, pk):
    """Link a partner account; a new account (or one that never set its password) gets the
    set-password link page to pass on. No password is ever typed or shown here."""
    outlet = selectors.outlet_get(actor=request.user, pk=pk, action="change")
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            user, created = services.outlet_partner_add(
                actor=request.user, outlet=outlet, **form.cleaned_data
            )
            invitation = (
                accounts.invitation_create(actor=request.user, user=user)
                if created or not user.has_usable_password()
                else None
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            back = reverse("consignment:outlet_detail", args=[outlet.pk])
            if invitation is not None:
                return invitation_response(request, invitation, back=back)
            messages.success(request, _("Akun %(name)s terhubung ke outlet.") % {"name": user.display_name})
            return redirect(back)
    return render(request, "consignment/staff/outlet_detail.html", _outlet_context(request, outlet, form))


@permission_required("consignment.change_outlet")
@require_POST
def partner_remove(request, pk, user_pk):
    outlet = selectors.outlet_get(actor=request.user, pk=pk, action="change")
    user = selectors.outlet_partner_get(actor=request.user, outlet=outlet, pk=user_pk)
    run_action(
        request,
        lambda: services.outlet_partner_remove(actor=request.user, outlet=outlet, user=user),
        _("Akun %(name)s dilepas dari outlet.") % {"name": user.display_name},
    )
    return redirect("consignment:outlet_detail", pk=outlet.pk)


# --- Agreements -----------------------------------------------------------------------------------


@permission_required("consignment.add_agreement")
def agreement_create(request, pk):
    """Step 1: find the business (verified, not closed). Step 2: the terms."""
    outlet = selectors.outlet_get(actor=request.user, pk=pk)
    business = None
    if (business_id := (request.POST.get("business") or request.GET.get("business") or "").strip()).isdigit():
        business = selectors.agreement_business_get(actor=request.user, pk=int(business_id))
    query = (request.GET.get("q") or "").strip()[:100]
    matches = []
    if business is None and query:
        matches = selectors.agreement_businesses(actor=request.user, query=query)[:20]
    form = AgreementForm(request.POST or None, initial={"commission_bp": outlet.commission_bp})
    context = {"outlet": outlet, "business": business, "query": query, "matches": matches}
    if request.method == "POST" and business is None:
        return render(request, "consignment/staff/agreement_create.html", {"form": form, **context})
    return form_view(
        request,
        form=form,
        template="consignment/staff/agreement_create.html",
        context=context,
        save=lambda data: services.agreement_create(
            actor=request.user, outlet=outlet, business=business, data=data
        ),
        success=_("Perjanjian dibuat. Tambahkan produk yang diterima outlet."),
        next_url=lambda agreement: reverse("consignment:agreement_detail", args=[agreement.pk]),
    )


@permission_required("consignment.view_agreement")
def agreement_detail(request, pk):
    agreement = selectors.agreement_get(actor=request.user, pk=pk)
    return render(request, "consignment/staff/agreement_detail.html", _agreement_context(request, agreement))


def _agreement_context(request, agreement, item_form=None):
    return {
        "agreement": agreement,
        "items": selectors.agreement_items(actor=request.user, agreement=agreement),
        "item_form": item_form or AgreementItemForm(business=agreement.business),
        "deliveries": selectors.deliveries_for(actor=request.user, agreement=agreement)[:10],
    }


@permission_required("consignment.change_agreement")
def agreement_edit(request, pk):
    agreement = selectors.agreement_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request,
        form=AgreementForm(request.POST or None, instance=agreement),
        template="consignment/staff/agreement_form.html",
        context={"agreement": agreement},
        save=lambda data: services.agreement_update(actor=request.user, agreement=agreement, data=data),
        success=_("Perjanjian disimpan."),
        next_url=reverse("consignment:agreement_detail", args=[agreement.pk]),
    )


@permission_required("consignment.change_agreement")
@require_POST
def agreement_item_save(request, pk):
    agreement = selectors.agreement_get(actor=request.user, pk=pk, action="change")
    form = AgreementItemForm(request.POST, business=agreement.business)
    return form_view(
        request,
        form=form,
        template="consignment/staff/agreement_detail.html",
        context=_agreement_context(request, agreement, form),
        save=lambda data: services.agreement_item_save(actor=request.user, agreement=agreement, **data),
        success=lambda item: _("Produk “%(name)s” disimpan.") % {"name": item.product.name},
        next_url=reverse("consignment:agreement_detail", args=[agreement.pk]),
    )
