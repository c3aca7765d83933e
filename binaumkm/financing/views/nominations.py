"""Nomination lists for grant rounds and SIKP: build, check, export all-or-nothing."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.pagination import paginate_by_ids
from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action
from binaumkm.registry import selectors as registry

from .. import exporting, selectors, services
from ..forms import NominationAddForm, NominationListForm

view_required = permission_required("financing.view_nominationlist")
change_required = permission_required("financing.change_nominationlist")


@view_required
def nomination_lists(request):
    form = NominationListForm(request.POST or None, layouts=services.layouts())
    return form_view(
        request, form=form, template="financing/nominations/lists.html",
        context={"lists": selectors.nomination_lists(actor=request.user)},
        save=lambda data: services.nomination_list_create(actor=request.user, title=data["title"], target=data["target"],
                                                          layout=data["layout"], scheme=data["scheme"]),
        success=_("Daftar nominasi dibuat; tambahkan UMKM."),
        next_url=lambda nl: reverse("financing:nomination_detail", args=[nl.pk]),
    )  # fmt: skip


def _detail(request, nomination_list, *, errors=(), status=200, add_form=None):
    items = paginate_by_ids(selectors.nominations_of(nomination_list), request.GET.get("page"), per_page=50)
    layout = services.layouts().get(nomination_list.layout, {})
    context = {"list": nomination_list, "page_obj": items, "errors": errors, "columns": layout.get("columns", []),
               "layout_label": layout.get("label", nomination_list.layout),
               "add_form": add_form or NominationAddForm(initial={"limit": 100})}  # fmt: skip
    return render(request, "financing/nominations/detail.html", context, status=status)


@view_required
def nomination_detail(request, pk):
    return _detail(request, selectors.nomination_list_get(actor=request.user, pk=pk))


@change_required
@require_POST
def nomination_add(request, pk):
    nomination_list = selectors.nomination_list_get(actor=request.user, pk=pk, action="change")
    form = NominationAddForm(request.POST)
    if not form.is_valid():
        return _detail(request, nomination_list, add_form=form, status=400)
    data = form.cleaned_data
    filters = {k: data[k] for k in ("kecamatan", "kbli_section", "status", "q") if data.get(k)}
    businesses = registry.business_list(
        actor=request.user, filters={**filters, "verification": "terverifikasi"}
    )
    run_action(request, lambda: services.nominations_add(actor=request.user, nomination_list=nomination_list,
                                                         businesses=businesses, limit=data["limit"]),
               _("UMKM ditambahkan ke daftar."))  # fmt: skip
    return redirect("financing:nomination_detail", pk=nomination_list.pk)


@change_required
@require_POST
def nomination_remove(request, pk, item_pk):
    nomination_list = selectors.nomination_list_get(actor=request.user, pk=pk, action="change")
    item = selectors.nomination_get(nomination_list, pk=item_pk)
    run_action(
        request,
        lambda: services.nomination_remove(actor=request.user, nomination=item),
        _("UMKM dikeluarkan."),
    )
    return redirect("financing:nomination_detail", pk=nomination_list.pk)


@change_required
@require_POST
def nomination_export(request, pk, fmt):
    """The file, or the list again with one message per row that must be fixed first."""
    if fmt not in ("xlsx", "csv"):
        raise Http404
    nomination_list = selectors.nomination_list_get(actor=request.user, pk=pk, action="change")
    try:
        export = services.nomination_list_export(actor=request.user, nomination_list=nomination_list, fmt=fmt)
    except ValidationError as exc:
        return _detail(request, nomination_list, errors=exc.messages, status=400)
    content = exporting.nomination_file(export.rows, export.columns, fmt=fmt, today=timezone.localdate())
    return exporting.file_response(content, filename=f"nominasi-{nomination_list.pk}.{fmt}", fmt=fmt)
