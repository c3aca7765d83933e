"""Settlements (staff): create for a period, look at the lines, record payments, void."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view

from .. import selectors, services
from ..forms import PaymentForm, ReasonForm, SettlementForm
from .common import PAGE_SIZE

DETAIL = "consignment/staff/settlement_detail.html"
change_required = permission_required("consignment.change_settlement")


@permission_required("consignment.add_settlement")
def settlement_create(request, pk):
    actor = request.user
    outlet = selectors.outlet_get(actor=actor, pk=pk, action="settle")
    form = SettlementForm(request.POST or None, outlet=outlet)
    settlements = selectors.settlements_for(actor=actor, outlet=outlet)
    context = {
        "outlet": outlet,
        "page_obj": Paginator(settlements, PAGE_SIZE).get_page(request.GET.get("page")),
        "unsettled": selectors.unsettled_totals(actor=actor, outlet=outlet),
    }

    def save(data):
        start, end = form.bounds()
        try:
            return services.settlement_create(actor=actor, outlet=outlet, period_start=start, period_end=end)
        except ValidationError as exc:
            # The service names the period by its start; the form has one "period" field.
            if hasattr(exc, "error_dict") and "period_start" in exc.error_dict:
                raise ValidationError({"period": exc.error_dict["period_start"]}) from exc
            raise

    def success(made):
        lines = selectors.settlement_totals(actor=actor, settlement=made)["lines"]
        return _("Rekap pembayaran %(ref)s dibuat: %(n)d usaha, %(sales)d penjualan.") % {
            "ref": made.reference,
            "n": lines,
            "sales": made.sale_count,
        }

    return form_view(
        request,
        form=form,
        template="consignment/staff/settlement_create.html",
        context=context,
        save=save,
        success=success,
        next_url=lambda made: reverse("consignment:settlement_detail", args=[made.pk]),
    )


@permission_required("consignment.view_settlement")
def settlement_detail(request, pk):
    made = selectors.settlement_get(actor=request.user, pk=pk)
    return render(request, DETAIL, _context(request, made))


def _context(request, made, **forms):
    lines = selectors.settlement_lines(actor=request.user, settlement=made)
    return {
        "settlement": made,
        "page_obj": Paginator(lines, 50).get_page(request.GET.get("page")),
        "unpaid": selectors.settlement_totals(actor=request.user, settlement=made)["unpaid"],
        "pay_form": forms.get("pay_form") or PaymentForm(),
        "pay_line": forms.get("pay_line"),
        "pay_all_form": forms.get("pay_all_form") or PaymentForm(prefix="all"),
        "void_form": forms.get("void_form") or ReasonForm(prefix="void"),
    }


@change_required
@require_POST
def line_pay(request, pk, line_pk):
    made = selectors.settlement_get(actor=request.user, pk=pk, action="change")
    line = selectors.settlement_line_get(actor=request.user, settlement=made, pk=line_pk, action="pay")
    form = PaymentForm(request.POST)
    return form_view(
        request,
        form=form,
        template=DETAIL,
        context=_context(request, made, pay_form=form, pay_line=line.pk),
        save=lambda data: services.settlement_line_pay(
            actor=request.user, line=line, paid_on=data["paid_on"], reference=data["reference"]
        ),
        success=_("Pembayaran untuk %(name)s dicatat.") % {"name": line.business.name},
        next_url=reverse("consignment:settlement_detail", args=[made.pk]),
    )


@change_required
@require_POST
def pay_all(request, pk):
    made = selectors.settlement_get(actor=request.user, pk=pk, action="change")
    form = PaymentForm(request.POST, prefix="all")
    return form_view(
        request,
        form=form,
        template=DETAIL,
        context=_context(request, made, pay_all_form=form),
        save=lambda data: services.settlement_pay_all(
            actor=request.user, settlement=made, paid_on=data["paid_on"], reference=data["reference"]
        ),
        success=lambda count: _("Pembayaran %(n)d usaha dicatat.") % {"n": count},
        next_url=reverse("consignment:settlement_detail", args=[made.pk]),
    )


@change_required
@require_POST
def settlement_void(request, pk):
    made = selectors.settlement_get(actor=request.user, pk=pk, action="change")
    form = ReasonForm(request.POST, prefix="void")
    return form_view(
        request,
        form=form,
        template=DETAIL,
        context=_context(request, made, void_form=form),
        save=lambda data: services.settlement_void(
            actor=request.user, settlement=made, reason=data["reason"]
        ),
        success=_("Rekap pembayaran %(ref)s dibatalkan; penjualannya bisa dibayarkan ulang.")
        % {"ref": made.reference},
        next_url=reverse("consignment:settlement_detail", args=[made.pk]),
    )
