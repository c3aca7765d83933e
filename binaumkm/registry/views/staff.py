"""Staff back office for the registry: find, verify, edit, change status, export."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core import audit
from binaumkm.core.conf import site, site_url
from binaumkm.core.pagination import CappedPaginator
from binaumkm.core.pdf import pdf_response, render_pdf
from binaumkm.core.policy import permission_required
from binaumkm.core.qr import qr_data_uri
from binaumkm.core.viewkit import flash_errors, form_view, run_action

from .. import exporting, selectors, services
from ..charts import turnover_chart
from ..forms import BusinessFilterForm, BusinessForm, OwnerEditForm, OwnerForm, RejectForm, StatusForm

PAGE_SIZE = 25
TIMELINE_PREVIEW = 8  # the latest touchpoints on the detail page
TIMELINE_PAGE = 50
view_required = permission_required("registry.view_business")


@view_required
def dashboard(request):
    context = {**selectors.registry_summary(actor=request.user), "todos": selectors.todo_for(request.user)}
    context["can_record_session"] = selectors.presence_may(actor=request.user, action="record_session")
    context["broken_links"] = selectors.presence_broken_links(actor=request.user)[:10]
    return render(request, "registry/staff/dashboard.html", context)


@view_required
def business_list(request):
    form = BusinessFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    rows = selectors.business_list_kept(actor=request.user, filters=filters)
    context = {
        "form": form,
        "rows": rows,
        # Read only when drawn: the page's drawing is kept per user until the data changes.
        "page_obj": SimpleLazyObject(
            lambda: CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        ),
    }
    return render(request, "registry/staff/business_list.html", context)


@view_required
def business_export(request, fmt):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    form = BusinessFilterForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    try:
        export = services.business_export(
            actor=request.user, filters=filters, fmt=fmt, personal_data=request.GET.get("pribadi") == "1"
        )
    except ValidationError:
        raise Http404 from None
    return exporting.business_export_response(export.rows, fmt=fmt, personal_data=export.personal_data)


@permission_required("registry.add_business")
def business_create(request):
    owner_form = OwnerForm(request.POST or None, prefix="owner")
    form = BusinessForm(request.POST or None, staff=True)
    return form_view(
        request, form=form, forms=(owner_form,), template="registry/staff/business_form.html",
        context={"owner_form": owner_form},
        save=lambda data: services.business_create_with_owner(
            actor=request.user, owner_data=owner_form.cleaned_data, business_data=data
        ),
        success=lambda business: _("Usaha %(name)s terdaftar.") % {"name": business.name},
        next_url=lambda business: business.get_staff_url(),
    )  # fmt: skip


@view_required
def business_detail(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk)
    series = selectors.turnover_series(business=business, months=24)
    context = {
        "business": business,
        "products": business.products.all(),
        "status_changes": business.status_changes.select_related("changed_by")[:10],
        "verification_changes": business.verification_changes.select_related("changed_by")[:10],
        "chart": turnover_chart(series),
        "reject_form": RejectForm(),
        "status_form": StatusForm(initial={"status": business.status}),
        "other_businesses": business.owner.businesses.exclude(pk=business.pk).only("id", "name"),
        "timeline": selectors.business_touchpoints(business)[:TIMELINE_PREVIEW],
        "presences": selectors.presence_list(actor=request.user, business=business),
        "can_verify_presence": selectors.presence_may(actor=request.user, action="verify"),
    }
    return render(request, "registry/staff/business_detail.html", context)


@permission_required("registry.view_business")
def business_timeline(request, pk):
    """Every module's touchpoints with this UMKM, newest first."""
    business = selectors.business_get(actor=request.user, pk=pk)
    page = Paginator(selectors.business_touchpoints(business), TIMELINE_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "registry/staff/business_timeline.html", {"business": business, "page_obj": page})


@permission_required("registry.change_business")
def business_edit(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request, form=BusinessForm(request.POST or None, instance=business, staff=True),
        template="registry/staff/business_form.html", context={"business": business},
        save=lambda data: services.business_update(actor=request.user, business=business, data=data),
        success=_("Data usaha disimpan."), next_url=business.get_staff_url(),
    )  # fmt: skip


@permission_required("registry.verify_business")
@require_POST
def business_verify(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk, action="verify")
    run_action(
        request, lambda: services.business_verify(actor=request.user, business=business),
        _("Usaha %(name)s terverifikasi.") % {"name": business.name},
    )  # fmt: skip
    return redirect(business.get_staff_url())


@permission_required("registry.verify_business")
@require_POST
def business_reject(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk, action="verify")
    reason = RejectForm(request.POST).data.get("reason", "")[:500]
    run_action(
        request, lambda: services.business_reject(actor=request.user, business=business, reason=reason),
        _("Usaha %(name)s ditolak.") % {"name": business.name},
    )  # fmt: skip
    return redirect(business.get_staff_url())


@permission_required("registry.change_business")
@require_POST
def business_status(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk, action="set_status")
    form = StatusForm(request.POST)

    def change():
        if not form.is_valid():
            raise ValidationError(_("Pilih status usaha yang valid."))
        services.business_set_status(actor=request.user, business=business, **form.cleaned_data)

    run_action(request, change, _("Status usaha diubah."))
    return redirect(business.get_staff_url())


@view_required
def business_history(request, pk):
    business = selectors.business_get(actor=request.user, pk=pk)
    objects = selectors.business_history_objects(business)
    entries = Paginator(audit.history_for_objects(objects), 50).get_page(request.GET.get("page"))
    return render(
        request, "registry/staff/business_history.html", {"business": business, "page_obj": entries}
    )


@permission_required("registry.change_owner")
def owner_edit(request, pk):
    owner = selectors.owner_get(actor=request.user, pk=pk, action="change")
    business = owner.businesses.first()
    return form_view(
        request, form=OwnerEditForm(request.POST or None, instance=owner),
        template="registry/staff/owner_form.html", context={"owner": owner},
        save=lambda data: services.owner_update(actor=request.user, owner=owner, data=data),
        success=_("Data pemilik disimpan."),
        next_url=business.get_staff_url() if business else "registry:business_list",
    )  # fmt: skip


@permission_required("registry.view_personal_data")
@require_POST
def owner_nik_reveal(request, pk):
    """The full NIK (or, with ``field=phone``, phone number) of one owner, as an htmx fragment."""
    owner = selectors.owner_get(actor=request.user, pk=pk, action="view_personal")
    field = "phone" if request.POST.get("field") == "phone" else "nik"
    value = services.personal_data_reveal(actor=request.user, owner=owner, field=field)
    return HttpResponse(
        format_html('<span class="font-monospace" id="{}-{}">{}</span>', field, owner.pk, value)
    )


@permission_required("registry.change_owner")
@require_POST
def owner_claim_slip(request, pk):
    """A new one-time claim code, printed at once on the owner's registration slip (PDF): the code
    exists in clear only in this response."""
    owner = selectors.owner_get(actor=request.user, pk=pk, action="issue_claim")
    business = owner.businesses.first()
    back = business.get_staff_url() if business else "registry:business_list"
    try:
        issued = services.claim_code_issue(actor=request.user, owner=owner)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect(back)
    claim_url = site_url(reverse("registry:claim"))
    pdf = render_pdf(
        "registry/staff/claim_slip_pdf.html",
        {
            "owner": owner,
            "businesses": owner.businesses.select_related("kelurahan").order_by("name"),
            "issued": issued,
            "claim_url": claim_url,
            "qr": qr_data_uri(claim_url),
            "site": site(),
        },
    )
    return pdf_response(pdf, f"slip-pendaftaran-{owner.reference}.pdf")
