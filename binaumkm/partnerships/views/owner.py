"""Owner view: partnerships and offers for the owner's own businesses."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import form_view, run_action

from .. import selectors, services
from ..forms import ReasonForm
from ..models import PartnershipStatus
from ..policy import OWN_PARTNERSHIP

owner_required = permission_required(OWN_PARTNERSHIP)


@owner_required
def my_offers(request):
    partnerships = list(selectors.partnership_owned(actor=request.user).order_by("-created_at"))
    waiting_for_store = (PartnershipStatus.ACCEPTED, PartnershipStatus.CONFIRMED)
    context = {
        "offers": [p for p in partnerships if p.status == PartnershipStatus.PROPOSED],
        "in_progress": [p for p in partnerships if p.status in waiting_for_store],
        "active": [p for p in partnerships if p.status == PartnershipStatus.ACTIVE],
        "past": [p for p in partnerships if p.status not in PartnershipStatus.open_values()],
    }
    return render(request, "partnerships/owner/list.html", context)


@owner_required
def offer_detail(request, pk):
    partnership = selectors.partnership_get_owned(actor=request.user, pk=pk)
    return render(request, "partnerships/owner/detail.html", {"p": partnership, "form": ReasonForm()})


@owner_required
@require_POST
def offer_accept(request, pk):
    partnership = selectors.partnership_get_owned(actor=request.user, pk=pk)
    run_action(
        request,
        lambda: services.offer_accept(actor=request.user, partnership=partnership),
        _("Tawaran diterima. Toko akan mengonfirmasi dan memajang produk Anda."),
    )
    return redirect("partnerships:my_offer", pk=partnership.pk)


@owner_required
@require_POST
def offer_decline(request, pk):
    partnership = selectors.partnership_get_owned(actor=request.user, pk=pk)
    return form_view(
        request,
        form=ReasonForm(request.POST),
        template="partnerships/owner/detail.html",
        context={"p": partnership},
        save=lambda data: services.offer_decline(
            actor=request.user, partnership=partnership, reason=data["reason"]
        ),
        success=_("Tawaran ditolak."),
        next_url="partnerships:my_offers",
        status=400,
    )
