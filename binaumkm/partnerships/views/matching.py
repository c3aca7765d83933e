"""Matchmaking screens: run for one store or all non-compliant stores, review, offer in bulk."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import flash_errors

from .. import selectors, services
from ..forms import OfferBulkForm

STORES_PER_PAGE = 20


@permission_required("partnerships.add_matchrun")
@require_POST
def match_store(request, pk):
    store = selectors.store_get(actor=request.user, pk=pk)
    return _run(request, [store], fail_url=("partnerships:store_detail", store.pk))


@permission_required("partnerships.add_matchrun")
@require_POST
def match_all(request):
    return _run(request, None, fail_url=("partnerships:dashboard",))


def _run(request, stores, *, fail_url):
    try:
        run = services.match_run_create(actor=request.user, stores=stores)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect(*fail_url)
    return redirect("partnerships:match_run", pk=run.pk)


def _grouped(run):
    """[(store id, store name, [(index, proposal)], open shortfall)] in the run's order."""
    groups, order = {}, []
    for index, proposal in enumerate(run.proposals):
        if proposal["store"] not in groups:
            groups[proposal["store"]] = (proposal["store_name"], [])
            order.append(proposal["store"])
        groups[proposal["store"]][1].append((index, proposal))
    open_by_store = {u["store"]: u["open"] for u in run.unfilled}
    for u in run.unfilled:
        if u["store"] not in groups:
            groups[u["store"]] = (u["store_name"], [])
            order.append(u["store"])
    return [(sid, groups[sid][0], groups[sid][1], open_by_store.get(sid, 0)) for sid in order]


@permission_required("partnerships.view_matchrun")
def match_run(request, pk, form=None, status=200):
    run = selectors.match_run_get(actor=request.user, pk=pk)
    page = Paginator(_grouped(run), STORES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "partnerships/staff/match_run.html", {
        "run": run, "page_obj": page, "offered": set(run.offered), "form": form or OfferBulkForm(),
        "pending": len(run.proposals) - len(run.offered),
    }, status=status)  # fmt: skip


@permission_required("partnerships.add_partnership")
@require_POST
def match_offers(request, pk):
    run = selectors.match_run_get(actor=request.user, pk=pk)
    form = OfferBulkForm(request.POST)
    if not form.is_valid():
        return match_run(request, pk=pk, form=form, status=400)
    if request.POST.get("all") == "1":
        indexes = range(len(run.proposals))
    else:
        indexes = [i for i in request.POST.getlist("proposal") if i.isdigit()]
    if not indexes:
        messages.error(request, _("Pilih setidaknya satu usulan."))
        return redirect("partnerships:match_run", pk=run.pk)
    try:
        created, refused = services.offers_from_run(
            actor=request.user, run=run, indexes=indexes, form=form.cleaned_data["form"],
            start_date=form.cleaned_data["start_date"],
        )  # fmt: skip
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("partnerships:match_run", pk=run.pk)
    if created:
        messages.success(request, ngettext(
            "%(n)d tawaran kemitraan dikirim ke pemilik UMKM.", "%(n)d tawaran kemitraan dikirim ke pemilik UMKM.",
            len(created),
        ) % {"n": len(created)})  # fmt: skip
    for proposal, reason in refused[:10]:
        messages.warning(request, _("%(business)s → %(store)s tidak ditawarkan: %(reason)s") % {
            "business": proposal["business_name"], "store": proposal["store_name"], "reason": reason,
        })  # fmt: skip
    if len(refused) > 10:
        messages.warning(request, _("dan %(n)d usulan lain tidak ditawarkan.") % {"n": len(refused) - 10})
    return redirect("partnerships:match_run", pk=run.pk)
