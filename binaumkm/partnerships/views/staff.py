"""Staff back office: compliance dashboard, store registry, partnerships."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import agency_required
from binaumkm.accounts.models import User
from binaumkm.core import audit
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business

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
from .common import apply_service_errors, flash_errors

PAGE_SIZE = 25


@agency_required
def dashboard(request):
    form = StoreFilterForm(request.GET or None, brands=selectors.brands(actor=request.user))
    overview = selectors.compliance_overview(actor=request.user, filters=form.filters())
    page = Paginator(overview.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partnerships/staff/dashboard.html", {
        "form": form, "overview": overview, "page_obj": page, "chart": charts.compliance_chart(overview.chart),
    })  # fmt: skip


def _show_warnings(request, store):
    for warning in services.store_warnings(store):
        messages.warning(request, warning)


@agency_required
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


@agency_required
def store_edit(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk)
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


@agency_required
def store_detail(request, pk, manager_form=None, letter_form=None, status=200):
    store = selectors.store_get(actor=request.user, pk=pk)
    state = selectors.store_compliance(store)
    partnerships = list(selectors.store_partnerships(store))
    context = {
        "store": store,
        "state": state,
        "periods": state.periods[::-1],
        "active": [p for p in partnerships if p.status == PartnershipStatus.ACTIVE],
        "offers": [p for p in partnerships if p.status in PartnershipStatus.offer_values()],
        "past": [p for p in partnerships if p.status not in PartnershipStatus.open_values()],
        "letters": store.letters.all(),
        "managers": store.managers.order_by("full_name"),
        "manager_form": manager_form or ManagerForm(),
        "letter_form": letter_form or LetterForm(),
    }
    return render(request, "partnerships/staff/store_detail.html", context, status=status)


@agency_required
def store_history(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk)
    entries = audit.history_for_objects([store, *store.letters.all()])[:200]
    return render(request, "partnerships/staff/store_history.html", {"store": store, "entries": entries})


@agency_required
@require_POST
def manager_add(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk)
    form = ManagerForm(request.POST)
    if form.is_valid():
        try:
            user, password = services.store_manager_add(actor=request.user, store=store, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if password:
                messages.success(request, _(
                    "Akun %(login)s dibuat. Kata sandi sementara: %(password)s — sampaikan kepada pengelola dan "
                    "minta segera diganti."
                ) % {"login": user.get_username(), "password": password})  # fmt: skip
            else:
                messages.success(
                    request, _("%(name)s menjadi pengelola toko ini.") % {"name": user.display_name}
                )
            return redirect("partnerships:store_detail", pk=store.pk)
    return store_detail(request, pk=pk, manager_form=form, status=400)


@agency_required
@require_POST
def manager_remove(request, pk, user_pk):
    store = selectors.store_get(actor=request.user, pk=pk)
    user = store.managers.filter(pk=user_pk).first() or User(pk=user_pk)
    try:
        services.store_manager_remove(actor=request.user, store=store, user=user)
        messages.success(request, _("Pengelola dilepas dari toko ini."))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("partnerships:store_detail", pk=store.pk)


@agency_required
def business_search(request):
    """htmx: <option>s of verified, open UMKM for the partnership form's business field."""
    q = (request.GET.get("business") or "").strip()
    businesses = []
    if len(q) >= 2:
        businesses = (
            Business.objects.filter(verification=Verification.VERIFIED)
            .exclude(status=BusinessStatus.CLOSED)
            .filter(Q(name__icontains=q) | Q(nib__startswith=q))
            .select_related("kelurahan")
            .order_by("name")[:20]
        )
    return render(request, "partnerships/staff/_business_options.html", {"businesses": businesses})


@agency_required
def partnership_create(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk)
    form = PartnershipCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.partnership_create(
                actor=request.user, store=store, business=data["business"], data=data, running=data["running"],
                agreement=data.get("agreement"),
            )  # fmt: skip
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


@agency_required
def partnership_detail(request, pk, reason_form=None, end_form=None, status=200):
    partnership = selectors.partnership_get(actor=request.user, pk=pk)
    return render(request, "partnerships/staff/partnership_detail.html", {
        "p": partnership, "products": partnership.products.all(), "history": audit.history(partnership)[:50],
        "reason_form": reason_form or ReasonForm(), "end_form": end_form or EndForm(),
        "fee_warning": services.listing_fee_warning(partnership.store, partnership.listing_fee),
    }, status=status)  # fmt: skip


@agency_required
def partnership_edit(request, pk):
    partnership = selectors.partnership_get(actor=request.user, pk=pk)
    form = PartnershipEditForm(request.POST or None, request.FILES or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.partnership_update(
                actor=request.user, partnership=partnership, data=data, products=data["products"],
                agreement=data.get("agreement"),
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Kemitraan disimpan."))
            if warning := services.listing_fee_warning(partnership.store, partnership.listing_fee):
                messages.warning(request, warning)
            return redirect("partnerships:partnership_detail", pk=partnership.pk)
    return render(request, "partnerships/staff/partnership_edit.html", {"form": form, "p": partnership})


@agency_required
@require_POST
def partnership_action(request, pk, action):
    """State changes staff may make on anyone's behalf (the audit log names who did it)."""
    partnership = selectors.partnership_get(actor=request.user, pk=pk)
    actor = request.user
    try:
        if action == "terima":
            services.offer_accept(actor=actor, partnership=partnership)
        elif action == "konfirmasi":
            services.partnership_confirm(actor=actor, partnership=partnership, display_ready=True)
        elif action == "aktifkan":
            services.partnership_activate(actor=actor, partnership=partnership)
        elif action in ("batalkan", "tolak"):
            form = ReasonForm(request.POST)
            if not form.is_valid():
                return partnership_detail(request, pk=pk, reason_form=form, status=400)
            if action == "batalkan":
                services.partnership_cancel(
                    actor=actor, partnership=partnership, reason=form.cleaned_data["reason"]
                )
            else:
                services.offer_decline(
                    actor=actor, partnership=partnership, reason=form.cleaned_data["reason"]
                )
        elif action == "akhiri":
            form = EndForm(request.POST)
            if not form.is_valid():
                return partnership_detail(request, pk=pk, end_form=form, status=400)
            services.partnership_end(actor=actor, partnership=partnership, end_date=form.cleaned_data["end_date"],
                                     reason=form.cleaned_data["reason"])  # fmt: skip
        else:
            return redirect("partnerships:partnership_detail", pk=pk)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Status kemitraan diperbarui."))
    return redirect("partnerships:partnership_detail", pk=pk)
