"""Owner view: partnerships and offers for the owner's own businesses."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import role_required
from binaumkm.accounts.roles import Role

from .. import selectors, services
from ..forms import ReasonForm
from ..models import PartnershipStatus
from .common import apply_service_errors, flash_errors

owner_required = role_required(Role.OWNER)


@owner_required
def my_offers(request):
    partnerships = list(selectors.partnership_owned(actor=request.user).order_by("-created_at"))
    return render(request, "partnerships/owner/list.html", {
        "offers": [p for p in partnerships if p.status == PartnershipStatus.PROPOSED],
        "in_progress": [p for p in partnerships if p.status in (PartnershipStatus.ACCEPTED, PartnershipStatus.CONFIRMED)],
        "active": [p for p in partnerships if p.status == PartnershipStatus.ACTIVE],
        "past": [p for p in partnerships if p.status not in PartnershipStatus.open_values()],
    })  # fmt: skip


@owner_required
def offer_detail(request, pk, form=None, status=200):
    partnership = selectors.partnership_get_owned(actor=request.user, pk=pk)
    return render(request, "partnerships/owner/detail.html",
                  {"p": partnership, "form": form or ReasonForm()}, status=status)  # fmt: skip


@owner_required
@require_POST
def offer_accept(request, pk):
    partnership = selectors.partnership_get_owned(actor=request.user, pk=pk)
    try:
        services.offer_accept(actor=request.user, partnership=partnership)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("Tawaran diterima. Toko akan mengonfirmasi dan memajang produk Anda."))
    return redirect("partnerships:my_offer", pk=partnership.pk)


@owner_required
@require_POST
def offer_decline(request, pk):
    partnership = selectors.partnership_get_owned(actor=request.user, pk=pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.offer_decline(
                actor=request.user, partnership=partnership, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Tawaran ditolak."))
            return redirect("partnerships:my_offers")
    return offer_detail(request, pk=pk, form=form, status=400)
