"""Settlements (staff): create for a period, look at the lines, record payments, void."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import agency_required

from .. import selectors, settlement
from ..forms import PaymentForm, ReasonForm, SettlementForm
from .common import PAGE_SIZE, apply_service_errors


@agency_required
def settlement_create(request, pk):
    outlet = selectors.outlet_get(actor=request.user, pk=pk)
    form = SettlementForm(request.POST or None, outlet=outlet)
    if request.method == "POST" and form.is_valid():
        start, end = form.bounds()
        try:
            made = settlement.settlement_create(
                actor=request.user, outlet=outlet, period_start=start, period_end=end
            )
        except ValidationError as exc:
            apply_service_errors(form, exc, rename={"period_start": "period"})
        else:
            messages.success(
                request,
                _("Setelmen %(ref)s dibuat: %(n)d usaha, %(sales)d penjualan.")
                % {"ref": made.reference, "n": made.lines.count(), "sales": made.sale_count},
            )
            return redirect("consignment:settlement_detail", pk=made.pk)
    page_obj = Paginator(outlet.settlements.all(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consignment/staff/settlement_create.html",
        {
            "outlet": outlet,
            "form": form,
            "page_obj": page_obj,
            "unsettled": selectors.unsettled_totals(outlet),
        },
    )


@agency_required
def settlement_detail(request, pk):
    return render(request, "consignment/staff/settlement_detail.html", _context(request, pk))


def _context(request, pk, **forms):
    made = selectors.settlement_get(actor=request.user, pk=pk)
    page_obj = Paginator(selectors.settlement_lines(made), 50).get_page(request.GET.get("page"))
    return {
        "settlement": made,
        "page_obj": page_obj,
        "unpaid": made.lines.filter(paid_on__isnull=True).count(),
        "pay_form": forms.get("pay_form") or PaymentForm(),
        "pay_line": forms.get("pay_line"),
        "pay_all_form": forms.get("pay_all_form") or PaymentForm(prefix="all"),
        "void_form": forms.get("void_form") or ReasonForm(prefix="void"),
    }


@agency_required
@require_POST
def line_pay(request, pk, line_pk):
    made = selectors.settlement_get(actor=request.user, pk=pk)
    line = get_object_or_404(made.lines.select_related("business"), pk=line_pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            settlement.settlement_line_pay(
                actor=request.user, line=line, paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pembayaran untuk %(name)s dicatat.") % {"name": line.business.name})
            return redirect("consignment:settlement_detail", pk=made.pk)
    return render(
        request,
        "consignment/staff/settlement_detail.html",
        _context(request, pk, pay_form=form, pay_line=line.pk),
    )


@agency_required
@require_POST
def pay_all(request, pk):
    made = selectors.settlement_get(actor=request.user, pk=pk)
    form = PaymentForm(request.POST, prefix="all")
    if form.is_valid():
        try:
            count = settlement.settlement_pay_all(
                actor=request.user, settlement=made, paid_on=form.cleaned_data["paid_on"],
                reference=form.cleaned_data["reference"],
            )  # fmt: skip
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pembayaran %(n)d usaha dicatat.") % {"n": count})
            return redirect("consignment:settlement_detail", pk=made.pk)
    return render(
        request, "consignment/staff/settlement_detail.html", _context(request, pk, pay_all_form=form)
    )


@agency_required
@require_POST
def settlement_void(request, pk):
    made = selectors.settlement_get(actor=request.user, pk=pk)
    form = ReasonForm(request.POST, prefix="void")
    if form.is_valid():
        try:
            settlement.settlement_void(
                actor=request.user, settlement=made, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Setelmen %(ref)s dibatalkan; penjualannya bisa disetelmen ulang.") % {
                "ref": made.reference
            })  # fmt: skip
            return redirect("consignment:settlement_detail", pk=made.pk)
    return render(request, "consignment/staff/settlement_detail.html", _context(request, pk, void_form=form))
