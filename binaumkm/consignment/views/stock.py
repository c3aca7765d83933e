"""Deliveries (staff) and the outlet's own pages: stock, sales entry, returns, ledger, adjustments."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core.policy import holds, permission_required
from binaumkm.core.viewkit import form_view
from binaumkm.registry.selectors import todo_for

from .. import selectors, services
from ..forms import AdjustmentForm, DeliveryForm, ReasonForm, ReturnForm, SalesForm
from ..policy import ADJUST, OWN_OUTLET, RECORD_RETURN, SELL, VIEW_OUTLET
from .common import PAGE_SIZE, outlet_context, outlet_page

# --- Deliveries (staff) ---------------------------------------------------------------------------


@permission_required("consignment.add_delivery")
def delivery_create(request, pk):
    agreement = selectors.agreement_get(actor=request.user, pk=pk, action="deliver")
    items = selectors.agreement_items(actor=request.user, agreement=agreement, accepted_only=True)
    initial = {
        "delivered_on": timezone.localdate(),
        "sender_name": agreement.business.owner.full_name,
        "receiver_name": agreement.outlet.contact_name,
    }
    form = DeliveryForm(request.POST or None, items=items, initial=initial)

    def save(data):
        lines, names = form.lines()
        try:
            return services.delivery_create(
                actor=request.user,
                agreement=agreement,
                delivered_on=data["delivered_on"],
                sender_name=data["sender_name"],
                receiver_name=data["receiver_name"],
                note=data["note"],
                lines=lines,
            )
        except ValidationError as exc:
            # Errors of one line are keyed line_<index>: show them on that product's quantity field.
            if hasattr(exc, "error_dict"):
                rename = {f"line_{i}": name for i, name in enumerate(names)}
                raise ValidationError({rename.get(k, k): v for k, v in exc.error_dict.items()}) from exc
            raise

    return form_view(
        request,
        form=form,
        template="consignment/staff/delivery_form.html",
        context={"agreement": agreement},
        save=save,
        success=lambda delivery: _("Surat titip %(number)s dicatat.") % {"number": delivery.number},
        next_url=lambda delivery: reverse("consignment:delivery_detail", args=[delivery.pk]),
    )


@permission_required("consignment.view_delivery")
def delivery_detail(request, pk):
    delivery = selectors.delivery_get(actor=request.user, pk=pk)
    batches = selectors.delivery_batches(actor=request.user, delivery=delivery)
    return render(
        request, "consignment/staff/delivery_detail.html", {"delivery": delivery, "batches": batches}
    )


# --- Outlet pages (staff and the outlet's partners) -----------------------------------------------


@outlet_page()
def outlet_stock(request, outlet):
    actor = request.user
    products = selectors.stock_by_product(selectors.outlet_stock(actor=actor, outlet=outlet))
    page_obj = Paginator(products, 50).get_page(request.GET.get("page"))
    context = outlet_context(
        request,
        outlet,
        page_obj=page_obj,
        alerts=selectors.alerts_for(actor=actor, outlet=outlet)[:20],
        units=sum(p["on_hand"] for p in products),
        # The partner's start page carries their to-do list; staff reach it from the outlet's page.
        todos=todo_for(actor) if holds(actor, OWN_OUTLET) and not holds(actor, VIEW_OUTLET) else None,
    )
    return render(request, "consignment/outlet/stock.html", context)


@outlet_page(SELL, OWN_OUTLET, action="sell")
def sales_entry(request, outlet):
    actor = request.user
    form = SalesForm(request.POST or None, products=selectors.products_in_stock(actor=actor, outlet=outlet))

    def save(data):
        chosen = form.items()
        products = selectors.stocked_products(actor=actor, outlet=outlet, ids=[pid for _k, pid, _q in chosen])
        items = [(key, products[pid], quantity) for key, pid, quantity in chosen if pid in products]
        return services.sales_record(actor=actor, outlet=outlet, sold_on=data["sold_on"], items=items)

    return form_view(
        request,
        form=form,
        template="consignment/outlet/sales_entry.html",
        context=outlet_context(request, outlet),
        save=save,
        success=lambda sales: (
            _("Penjualan %(units)d barang (%(products)d produk) dicatat.")
            % {"units": sum(s.quantity for s in sales), "products": len(form.items())}
        ),
        next_url=reverse("consignment:sales_list", args=[outlet.pk]),
    )


@outlet_page()
def sales_list(request, outlet):
    sales = selectors.sales_for(actor=request.user, outlet=outlet)
    page_obj = Paginator(sales, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "consignment/outlet/sales_list.html", outlet_context(request, outlet, page_obj=page_obj)
    )


@outlet_page(SELL, OWN_OUTLET, action="sell")
def sale_cancel(request, outlet, sale_pk):
    sale = selectors.sale_get(actor=request.user, outlet=outlet, pk=sale_pk, action="cancel")
    return form_view(
        request,
        form=ReasonForm(request.POST or None),
        template="consignment/outlet/sale_cancel.html",
        context=outlet_context(request, outlet, sale=sale),
        save=lambda data: services.sale_cancel(actor=request.user, sale=sale, reason=data["reason"]),
        success=_("Penjualan dibatalkan; stok dikembalikan."),
        next_url=reverse("consignment:sales_list", args=[outlet.pk]),
    )


@outlet_page(RECORD_RETURN, OWN_OUTLET)
def return_create(request, outlet, batch_pk):
    batch = selectors.batch_get(actor=request.user, outlet=outlet, pk=batch_pk, action="record_return")
    initial = {"quantity": batch.balance.on_hand}
    if request.GET.get("alasan") in ("kedaluwarsa", "rusak", "tidak_laku"):
        initial["reason_code"] = request.GET["alasan"]
    return form_view(
        request,
        form=ReturnForm(request.POST or None, initial=initial),
        template="consignment/outlet/return_form.html",
        context=outlet_context(request, outlet, batch=batch),
        save=lambda data: services.return_record(actor=request.user, batch=batch, **data),
        success=_("Retur batch %(code)s dicatat.") % {"code": batch.code},
        next_url=reverse("consignment:outlet_stock", args=[outlet.pk]),
    )


@outlet_page(ADJUST)
def adjustment_create(request, outlet, batch_pk):
    batch = selectors.batch_get(actor=request.user, outlet=outlet, pk=batch_pk, action="adjust")
    return form_view(
        request,
        form=AdjustmentForm(request.POST or None),
        template="consignment/outlet/adjustment_form.html",
        context=outlet_context(request, outlet, batch=batch),
        save=lambda data: services.adjustment_record(actor=request.user, batch=batch, **data),
        success=_("Penyesuaian stok batch %(code)s dicatat.") % {"code": batch.code},
        next_url=reverse("consignment:outlet_stock", args=[outlet.pk]),
    )


@outlet_page()
def ledger_list(request, outlet):
    entries = selectors.entries_for(actor=request.user, outlet=outlet)
    page_obj = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request, "consignment/outlet/ledger.html", outlet_context(request, outlet, page_obj=page_obj)
    )


@outlet_page()
def outlet_settlements(request, outlet):
    settlements = selectors.settlements_for(actor=request.user, outlet=outlet, live_only=True)
    page_obj = Paginator(settlements, PAGE_SIZE).get_page(request.GET.get("page"))
    context = outlet_context(request, outlet, page_obj=page_obj)
    return render(request, "consignment/outlet/settlements.html", context)
