"""Staff back office for the registry: find, verify, edit, change status, export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import agency_required
from binaumkm.core import audit
from binaumkm.core.charts import bar_chart
from binaumkm.core.pagination import paginate_by_ids

from .. import exporting, selectors, services
from ..choices import BusinessStatus, Verification
from ..forms import BusinessFilterForm, BusinessForm, OwnerForm, RejectForm, StatusForm
from .common import apply_service_errors

PAGE_SIZE = 25


@agency_required
def dashboard(request):
    qs = selectors.business_visible(actor=request.user)
    by_verification = dict(qs.values_list("verification").annotate(n=Count("id")))
    by_status = dict(qs.values_list("status").annotate(n=Count("id")))
    context = {
        "total": sum(by_status.values()),
        "by_status": [(label, by_status.get(value, 0), value) for value, label in BusinessStatus.choices],
        "by_verification": [
            (label, by_verification.get(value, 0), value) for value, label in Verification.choices
        ],
        "pending": qs.filter(verification=Verification.NEW)
        .select_related("owner", "kelurahan")
        .order_by("created_at")[:10],
    }
    return render(request, "registry/staff/dashboard.html", context)


@agency_required
def business_list(request):
    form = BusinessFilterForm(request.GET or None)
    qs = selectors.business_list(actor=request.user, filters=form.filters() if request.GET else {})
    page = paginate_by_ids(qs, request.GET.get("page"), per_page=PAGE_SIZE)
    return render(
        request,
        "registry/staff/business_list.html",
        {"form": form, "page_obj": page, "full_nik": request.user.has_perm("registry.view_full_nik")},
    )


@agency_required
def business_export(request, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    form = BusinessFilterForm(request.GET or None)
    qs = selectors.business_list(actor=request.user, filters=form.filters() if request.GET else {})
    full_nik = request.user.has_perm("registry.view_full_nik")
    audit.record(actor=request.user, action="registry.business.exported",
                 data={"format": fmt, "filters": {k: str(v) for k, v in form.filters().items()} if request.GET else {},
                       "full_nik": full_nik})  # fmt: skip
    return exporting.business_export_response(qs, fmt=fmt, full_nik=full_nik)


@agency_required
def business_create(request):
    owner_form = OwnerForm(request.POST or None, prefix="owner")
    form = BusinessForm(request.POST or None, staff=True)
    if request.method == "POST" and owner_form.is_valid() and form.is_valid():
        try:
            business = services.business_create_with_owner(
                actor=request.user, owner_data=owner_form.cleaned_data, business_data=form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(owner_form if "nik" in getattr(exc, "error_dict", {}) else form, exc)
        else:
            messages.success(request, _("Usaha %(name)s terdaftar.") % {"name": business.name})
            return redirect("registry:business_detail", pk=business.pk)
    return render(request, "registry/staff/business_form.html", {"form": form, "owner_form": owner_form})


@agency_required
def business_detail(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk)
    series = selectors.turnover_series(business=business, months=24)
    context = {
        "business": business,
        "products": business.products.all(),
        "status_changes": business.status_changes.select_related("changed_by")[:10],
        "chart": bar_chart(
            [(f"{r.period:%m/%y}", r.turnover) for r in series], title=_("Omzet bulanan"), money=True
        ),
        "reject_form": RejectForm(),
        "status_form": StatusForm(initial={"status": business.status}),
        "other_businesses": business.owner.businesses.exclude(pk=business.pk).only("id", "name"),
    }
    return render(request, "registry/staff/business_detail.html", context)


@agency_required
def business_edit(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk)
    form = BusinessForm(request.POST or None, instance=business, staff=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.business_update(actor=request.user, business=business, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Data usaha disimpan."))
            return redirect("registry:business_detail", pk=business.pk)
    return render(request, "registry/staff/business_form.html", {"form": form, "business": business})


def _post_action(request, pk, action):
    business = selectors.business_get(actor=request.user, pk=pk)
    try:
        action(business)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("registry:business_detail", pk=business.pk)


@agency_required
@require_POST
def business_verify(request, pk):
    def verify(business):
        services.business_verify(actor=request.user, business=business)
        messages.success(request, _("Usaha %(name)s terverifikasi.") % {"name": business.name})

    return _post_action(request, pk, verify)


@agency_required
@require_POST
def business_reject(request, pk):
    def reject(business):
        form = RejectForm(request.POST)
        services.business_reject(
            actor=request.user, business=business, reason=form.data.get("reason", "")[:500]
        )
        messages.warning(request, _("Usaha %(name)s ditolak.") % {"name": business.name})

    return _post_action(request, pk, reject)


@agency_required
@require_POST
def business_status(request, pk):
    def change(business):
        form = StatusForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Pilih status usaha yang valid."))
        services.business_set_status(actor=request.user, business=business, **form.cleaned_data)
        messages.success(request, _("Status usaha diubah."))

    return _post_action(request, pk, change)


@agency_required
def business_history(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk)
    objects = [business, business.owner, *business.products.all(), *business.turnover_reports.all()]
    entries = Paginator(audit.history_for_objects(objects), 50).get_page(request.GET.get("page"))
    return render(
        request, "registry/staff/business_history.html", {"business": business, "page_obj": entries}
    )


@agency_required
def owner_edit(request, pk):
    owner = get_object_or_404(selectors.owner_visible(actor=request.user), pk=pk)
    form = OwnerForm(request.POST or None, instance=owner)
    if request.method == "GET":
        form.initial["nik"] = owner.nik  # editing the NIK is itself a reveal
        audit.record(
            actor=request.user, action="registry.owner.nik_revealed", obj=owner, data={"via": "edit"}
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.owner_update(actor=request.user, owner=owner, data=form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Data pemilik disimpan."))
            business = owner.businesses.first()
            return (
                redirect("registry:business_detail", pk=business.pk)
                if business
                else redirect("registry:business_list")
            )
    return render(request, "registry/staff/owner_form.html", {"form": form, "owner": owner})


@agency_required
@require_POST
def owner_nik_reveal(request, pk):
    owner = get_object_or_404(selectors.owner_visible(actor=request.user), pk=pk)
    nik = services.nik_reveal(actor=request.user, owner=owner)
    return HttpResponse(format_html('<span class="font-monospace" id="nik-{}">{}</span>', owner.pk, nik))
