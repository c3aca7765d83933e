"""Caseload balancing: staff pick the UMKM needing a mentor, review the proposal with its reasons,
change a mentor where they know better, and confirm."""

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
from ..forms import BalanceForm
from ..policy import BALANCE

ROWS_PER_PAGE = 50


@permission_required(BALANCE)
def balance_start(request):
    programmes = selectors.programmes_active(actor=request.user)
    form = BalanceForm(request.POST or request.GET or None, programmes=programmes)
    count = None
    if form.is_bound and form.is_valid():
        candidates = selectors.balance_candidates(actor=request.user, filters=form.filters())
        if request.method == "POST":
            try:
                run = services.balance_run_create(
                    actor=request.user, programme=form.cleaned_data["programme"],
                    business_ids=list(candidates.values_list("pk", flat=True)), scope=form.scope(),
                )  # fmt: skip
            except ValidationError as exc:
                flash_errors(request, exc)
            else:
                return redirect("mentoring:balance_run", pk=run.pk)
        count = candidates.count()
    elif not form.is_bound:
        form = BalanceForm(programmes=programmes, initial={"status": "stagnan", "never_mentored": True})
    return render(request, "mentoring/staff/balance_start.html", {
        "form": form, "count": count, "runs": selectors.balance_runs(actor=request.user),
    }, status=400 if request.method == "POST" and not form.is_valid() else 200)  # fmt: skip


@permission_required(BALANCE)
def balance_run(request, pk):
    run = selectors.balance_run_get(actor=request.user, pk=pk)
    rows = list(enumerate(run.proposals))
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "mentoring/staff/balance_run.html", {
        "run": run, "page_obj": page, "assigned": set(run.stats.get("assigned", [])),
        "mentors": selectors.mentor_choices(), "pending": len(run.proposals) - len(run.stats.get("assigned", [])),
    })  # fmt: skip


@permission_required(BALANCE)
@require_POST
def balance_confirm(request, pk):
    run = selectors.balance_run_get(actor=request.user, pk=pk, action="confirm")
    if request.POST.get("all") == "1":
        indexes = list(range(len(run.proposals)))
    else:
        indexes = [int(i) for i in request.POST.getlist("proposal") if i.isdigit()]
    choices = {}
    for index in indexes:
        if not 0 <= index < len(run.proposals):
            continue
        chosen = request.POST.get(f"mentor_{index}", "")
        choices[index] = int(chosen) if chosen.isdigit() else run.proposals[index]["mentor"]
    if not choices:
        messages.error(request, _("Pilih setidaknya satu usulan."))
        return redirect("mentoring:balance_run", pk=run.pk)
    try:
        created, refused = services.balance_run_confirm(actor=request.user, run=run, choices=choices)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect("mentoring:balance_run", pk=run.pk)
    if created:
        messages.success(request, ngettext(
            "%(n)d UMKM dirujuk ke pendamping; pendamping dan pemilik diberi tahu.",
            "%(n)d UMKM dirujuk ke pendamping; pendamping dan pemilik diberi tahu.", len(created),
        ) % {"n": len(created)})  # fmt: skip
    for proposal, reason in refused[:10]:
        messages.warning(request, _("%(business)s tidak dirujuk: %(reason)s") % {
            "business": proposal["business_name"], "reason": reason})  # fmt: skip
    if len(refused) > 10:
        messages.warning(request, _("dan %(n)d usulan lain tidak dirujuk.") % {"n": len(refused) - 10})
    return redirect("mentoring:balance_run", pk=run.pk)
