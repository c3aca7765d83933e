"""Staff back office: outlets, outlet-partner accounts and agreements."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import agency_required
from binaumkm.accounts.models import User
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business

from .. import selectors, services
from ..forms import AgreementForm, AgreementItemForm, OutletFilterForm, OutletForm, PartnerForm
from ..models import Agreement
from .common import PAGE_SIZE, apply_service_errors


@agency_required
def outlet_list(request):
    form = OutletFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page_obj = Paginator(selectors.outlet_list(actor=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    summaries = selectors.outlet_summaries(o.pk for o in page_obj)
    rows = [(o, summaries.get(o.pk, {})) for o in page_obj]
    return render(
        request, "consignment/staff/outlet_list.html", {"form": form, "page_obj": page_obj, "rows": rows}
    )


@agency_required
def outlet_create(request):
    form = OutletForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outlet = services.outlet_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Outlet «%(name)s» ditambahkan.") % {"name": outlet.name})
            return redirect("consignment:outlet_detail", pk=outlet.pk)
    return render(request, "consignment/staff/outlet_form.html", {"form": form})


@agency_required
def outlet_edit(request, pk):
    outlet = selectors.outlet_get(actor=request.user, pk=pk)
    form = OutletForm(request.POST or None, instance=outlet)
    if request.method == "POST" and form.is_valid():
        try:
            services.outlet_update(actor=request.user, outlet=outlet, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Data outlet disimpan."))
            return redirect("consignment:outlet_detail", pk=outlet.pk)
    return render(request, "consignment/staff/outlet_form.html", {"form": form, "outlet": outlet})


@agency_required
def outlet_detail(request, pk):
    outlet = selectors.outlet_get(actor=request.user, pk=pk)
    return render(
        request, "consignment/staff/outlet_detail.html", _outlet_context(request, outlet, PartnerForm())
    )


def _outlet_context(request, outlet, partner_form):
    return {
        "outlet": outlet,
        "summary": selectors.outlet_summaries([outlet.pk]).get(outlet.pk, {}),
        "partners": outlet.partners.order_by("full_name"),
        "partner_form": partner_form,
        "page_obj": Paginator(selectors.agreements_for(outlet), PAGE_SIZE).get_page(request.GET.get("page")),
        "deliveries": selectors.deliveries_for(outlet=outlet)[:10],
        "settlements": outlet.settlements.all()[:6],
    }


@agency_required
@require_POST
def partner_add(request, pk):
    outlet = selectors.outlet_get(actor=request.user, pk=pk)
    form = PartnerForm(request.POST)
    if form.is_valid():
        try:
            user = services.outlet_partner_add(actor=request.user, outlet=outlet, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Akun %(name)s terhubung ke outlet.") % {"name": user.display_name})
            return redirect("consignment:outlet_detail", pk=outlet.pk)
    context = _outlet_context(request, outlet, form)
    return render(request, "consignment/staff/outlet_detail.html", context, status=200)


@agency_required
@require_POST
def partner_remove(request, pk, user_pk):
    outlet = selectors.outlet_get(actor=request.user, pk=pk)
    user = get_object_or_404(User, pk=user_pk)
    try:
        services.outlet_partner_remove(actor=request.user, outlet=outlet, user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Akun %(name)s dilepas dari outlet.") % {"name": user.display_name})
    return redirect("consignment:outlet_detail", pk=outlet.pk)


# --- Agreements -----------------------------------------------------------------------------------


def _eligible_businesses():
    return Business.objects.filter(verification=Verification.VERIFIED).exclude(status=BusinessStatus.CLOSED)


@agency_required
def agreement_create(request, pk):
    """Step 1: find the business (verified, not closed). Step 2: the terms."""
    outlet = selectors.outlet_get(actor=request.user, pk=pk)
    business = None
    if business_id := (request.POST.get("business") or request.GET.get("business") or "").strip():
        business = (
            _eligible_businesses().filter(pk=business_id).select_related("owner").first()
            if business_id.isdigit()
            else None
        )
    query = (request.GET.get("q") or "").strip()[:100]
    matches = []
    if business is None and query:
        search = Q(name__icontains=query) | Q(owner__full_name__icontains=query)
        if query.upper().removeprefix("UMKM-").isdigit():
            search |= Q(pk=int(query.upper().removeprefix("UMKM-")))
        matches = (
            _eligible_businesses().filter(search).select_related("owner", "kelurahan").order_by("name")[:20]
        )
    form = AgreementForm(request.POST or None, initial={"commission_bp": outlet.commission_bp})
    if request.method == "POST" and business is not None and form.is_valid():
        try:
            agreement = services.agreement_create(
                actor=request.user, outlet=outlet, business=business, data=form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Perjanjian dibuat. Tambahkan produk yang diterima outlet."))
            return redirect("consignment:agreement_detail", pk=agreement.pk)
    return render(
        request,
        "consignment/staff/agreement_create.html",
        {"outlet": outlet, "business": business, "form": form, "query": query, "matches": matches},
    )


def _agreement(request, pk) -> Agreement:
    return get_object_or_404(
        Agreement.objects.filter(outlet__in=selectors.outlet_visible(actor=request.user)).select_related(
            "outlet", "business__owner"
        ),
        pk=pk,
    )


@agency_required
def agreement_detail(request, pk):
    agreement = _agreement(request, pk)
    return render(request, "consignment/staff/agreement_detail.html", _agreement_context(agreement))


def _agreement_context(agreement, item_form=None):
    return {
        "agreement": agreement,
        "items": agreement.items.select_related("product"),
        "item_form": item_form or AgreementItemForm(business=agreement.business),
        "deliveries": agreement.deliveries.all()[:10],
    }


@agency_required
def agreement_edit(request, pk):
    agreement = _agreement(request, pk)
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(actor=request.user, agreement=agreement, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Perjanjian disimpan."))
            return redirect("consignment:agreement_detail", pk=agreement.pk)
    return render(request, "consignment/staff/agreement_form.html", {"form": form, "agreement": agreement})


@agency_required
@require_POST
def agreement_item_save(request, pk):
    agreement = _agreement(request, pk)
    form = AgreementItemForm(request.POST, business=agreement.business)
    if form.is_valid():
        try:
            services.agreement_item_save(actor=request.user, agreement=agreement, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("Produk «%(name)s» disimpan.") % {"name": form.cleaned_data["product"].name}
            )
            return redirect("consignment:agreement_detail", pk=agreement.pk)
    return render(request, "consignment/staff/agreement_detail.html", _agreement_context(agreement, form))
