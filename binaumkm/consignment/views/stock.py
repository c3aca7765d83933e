"""Deliveries (staff) and the outlet's own pages: stock, sales entry, returns, ledger, adjustments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.decorators import agency_required
from binaumkm.accounts.roles import is_agency
from binaumkm.registry.models import Product

from .. import ledger, selectors
from ..forms import AdjustmentForm, DeliveryForm, ReasonForm, ReturnForm, SalesForm
from ..models import Settlement
from .common import PAGE_SIZE, apply_service_errors, outlet_view
from .staff import _agreement

# --- Deliveries (staff) ---------------------------------------------------------------------------


@agency_required
def delivery_create(request, pk):
    agreement = _agreement(request, pk)
    items = agreement.items.filter(is_active=True).select_related("product")
    initial = {"delivered_on": timezone.localdate(), "sender_name": agreement.business.owner.full_name,
               "receiver_name": agreement.outlet.contact_name}  # fmt: skip
    form = DeliveryForm(request.POST or None, items=items, initial=initial)
    if request.method == "POST" and form.is_valid():
        lines, names = form.lines()
        try:
            delivery = ledger.delivery_create(
                actor=request.user, agreement=agreement, delivered_on=form.cleaned_data["delivered_on"],
                sender_name=form.cleaned_data["sender_name"], receiver_name=form.cleaned_data["receiver_name"],
                note=form.cleaned_data["note"], lines=lines,
            )  # fmt: skip
        except ValidationError as exc:
            rename = {f"line_{i}": name for i, name in enumerate(names)}
            apply_service_errors(form, exc, rename=rename)
        else:
            messages.success(request, _("Surat titip %(number)s dicatat.") % {"number": delivery.number})
            return redirect("consignment:delivery_detail", pk=delivery.pk)
    return render(request, "consignment/staff/delivery_form.html", {"agreement": agreement, "form": form})


@agency_required
def delivery_detail(request, pk):
    delivery = get_object_or_404(
        selectors.delivery_visible(actor=request.user).select_related(
            "outlet", "business", "agreement", "created_by"
        ),
        pk=pk,
    )
    batches = delivery.batches.select_related("product", "balance")
    return render(
        request, "consignment/staff/delivery_detail.html", {"delivery": delivery, "batches": batches}
    )


# --- Outlet pages (staff and the outlet's partners) -----------------------------------------------


@outlet_view
def outlet_stock(request, outlet):
    products = selectors.stock_by_product(selectors.outlet_stock(outlet))
    page_obj = Paginator(products, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "consignment/outlet/stock.html",
        {
            "outlet": outlet, "page_obj": page_obj, "alerts": selectors.alerts_for(outlet=outlet)[:20],
            "units": sum(p["on_hand"] for p in products), "staff": is_agency(request.user),
        },
    )  # fmt: skip


@outlet_view
def sales_entry(request, outlet):
    products = selectors.products_in_stock(outlet)
    form = SalesForm(request.POST or None, products=products)
    if request.method == "POST" and form.is_valid():
        chosen = form.items()
        by_id = Product.objects.in_bulk([product_id for _key, product_id, _q in chosen])
        try:
            sales = ledger.sales_record(
                actor=request.user, outlet=outlet, sold_on=form.cleaned_data["sold_on"],
                items=[(key, by_id[product_id], quantity) for key, product_id, quantity in chosen],
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            units = sum(s.quantity for s in sales)
            messages.success(
                request,
                _("Penjualan %(units)d barang (%(products)d produk) dicatat.")
                % {"units": units, "products": len(chosen)},
            )
            return redirect("consignment:sales_list", pk=outlet.pk)
    return render(request, "consignment/outlet/sales_entry.html", {"outlet": outlet, "form": form})


@outlet_view
def sales_list(request, outlet):
    page_obj = Paginator(selectors.sales_for(outlet=outlet), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "consignment/outlet/sales_list.html", {"outlet": outlet, "page_obj": page_obj})


@outlet_view
def sale_cancel(request, outlet, sale_pk):
    sale = selectors.sale_for_outlet(outlet=outlet, pk=sale_pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ledger.sale_cancel(actor=request.user, sale=sale, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Penjualan dibatalkan; stok dikembalikan."))
            return redirect("consignment:sales_list", pk=outlet.pk)
    return render(
        request, "consignment/outlet/sale_cancel.html", {"outlet": outlet, "sale": sale, "form": form}
    )


@outlet_view
def return_create(request, outlet, batch_pk):
    batch = selectors.batch_for_outlet(outlet=outlet, pk=batch_pk)
    initial = {"quantity": batch.balance.on_hand}
    if request.GET.get("alasan") in ("kedaluwarsa", "rusak", "tidak_laku"):
        initial["reason_code"] = request.GET["alasan"]
    form = ReturnForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ledger.return_record(actor=request.user, batch=batch, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Retur batch %(code)s dicatat.") % {"code": batch.code})
            return redirect("consignment:outlet_stock", pk=outlet.pk)
    return render(
        request, "consignment/outlet/return_form.html", {"outlet": outlet, "batch": batch, "form": form}
    )


@agency_required
@outlet_view
def adjustment_create(request, outlet, batch_pk):
    batch = selectors.batch_for_outlet(outlet=outlet, pk=batch_pk)
    form = AdjustmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ledger.adjustment_record(actor=request.user, batch=batch, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Penyesuaian stok batch %(code)s dicatat.") % {"code": batch.code})
            return redirect("consignment:outlet_stock", pk=outlet.pk)
    return render(
        request, "consignment/outlet/adjustment_form.html", {"outlet": outlet, "batch": batch, "form": form}
    )


@outlet_view
def ledger_list(request, outlet):
    page_obj = Paginator(selectors.entries_for(outlet=outlet), 50).get_page(request.GET.get("page"))
    return render(request, "consignment/outlet/ledger.html", {"outlet": outlet, "page_obj": page_obj})


@outlet_view
def outlet_settlements(request, outlet):
    qs = outlet.settlements.exclude(state=Settlement.State.VOID).order_by("-period_start")
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "consignment/outlet/settlements.html", {"outlet": outlet, "page_obj": page_obj})
