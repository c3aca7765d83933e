"""Staff: the curation queue and one listing's review (approve, or ask for a revision)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import apply_service_errors, run_action

from .. import selectors, services
from ..apps import CURATE
from ..forms import RevisionForm
from ..models import ListingState


@permission_required(CURATE)
def curation_queue(request):
    state = request.GET.get("state", ListingState.SUBMITTED)
    if state not in ListingState.values:
        state = ListingState.SUBMITTED
    page = Paginator(selectors.curation_queue(actor=request.user, state=state), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalogue/staff/queue.html",
        {"page_obj": page, "state": state, "states": ListingState.choices},
    )


@permission_required(CURATE)
def curation_detail(request, pk):
    listing = selectors.curation_get(actor=request.user, pk=pk)
    form = RevisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.listing_request_revision(
                actor=request.user, listing=listing, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Pemilik diminta memperbaiki produk ini."))
            return redirect(reverse("catalogue:curation_queue"))
    context = {
        "listing": listing,
        "form": form,
        "badges": selectors.listing_badges(listing),
        "checks": selectors.curation_checks(listing),
    }
    return render(request, "catalogue/staff/detail.html", context)


@require_POST
@permission_required(CURATE)
def curation_approve(request, pk):
    listing = selectors.curation_get(actor=request.user, pk=pk)
    if run_action(
        request,
        lambda: services.listing_approve(actor=request.user, listing=listing),
        _("Produk disetujui dan tayang di katalog."),
    ):
        return redirect("catalogue:curation_queue")
    return redirect("catalogue:curation_detail", pk=pk)


@require_POST
@permission_required(CURATE)
def curation_archive(request, pk):
    listing = selectors.curation_get(actor=request.user, pk=pk)
    run_action(
        request,
        lambda: services.listing_archive(actor=request.user, listing=listing),
        _("Produk diarsipkan."),
    )
    return redirect("catalogue:curation_queue")
