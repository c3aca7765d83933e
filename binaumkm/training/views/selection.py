"""Fair allocation in the back office: preview with a seed, then publish exactly that."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import flash_errors

from .. import selectors, services
from ..forms import SeedForm
from ..models import Pool, Tier

PAGE_SIZE = 50


@permission_required("training.change_batch")
def allocation_preview(request, pk):
    batch = selectors.batch_get(actor=request.user, pk=pk, action="change")
    form = SeedForm(request.GET or None)
    seed = form.cleaned_data.get("seed") if form.is_valid() else None
    try:
        result = services.allocation_preview(actor=request.user, batch=batch, seed=seed)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect(batch.get_staff_url())
    if seed is None:
        form = SeedForm(initial={"seed": result.seed})
    show = request.GET.get("show") == "waiting"
    page = Paginator(result.waiting if show else result.selected, PAGE_SIZE).get_page(request.GET.get("page"))
    found = selectors.registrations_by_id(actor=request.user, ids=[p.id for p in page])
    rows = [(p, found[p.id]) for p in page if p.id in found]
    return render(
        request,
        "training/staff/allocation_preview.html",
        {
            "batch": batch,
            "form": form,
            "result": result,
            "page_obj": page,
            "rows": rows,
            "show_waiting": show,
            "kecamatan_rows": selectors.kecamatan_summary(batch, result.summary[Pool.KECAMATAN]),
            "tiers": [(Tier(t).label, *result.by_tier.get(t, (0, 0))) for t in Tier.values],
        },
    )


@permission_required("training.change_batch")
@require_POST
def allocation_publish(request, pk):
    batch = selectors.batch_get(actor=request.user, pk=pk, action="change")
    form = SeedForm(request.POST)
    if not form.is_valid() or form.cleaned_data.get("seed") is None:
        messages.error(request, _("Kode undian tidak valid; buat pratinjau dahulu."))
        return redirect("training:allocation_preview", pk=batch.pk)
    seed = form.cleaned_data["seed"]
    try:
        result = services.allocation_publish(
            actor=request.user, batch=batch, seed=seed, digest=request.POST.get("digest", "")[:64]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect(batch.get_staff_url())
    messages.success(
        request,
        _(
            "Hasil seleksi diumumkan (kode undian %(seed)d): %(n)d diterima, %(w)d di daftar tunggu. Pendaftar diberi tahu."
        )
        % {"seed": seed, "n": len(result.selected), "w": len(result.waiting)},
    )
    return redirect("training:batch_detail", pk=batch.pk)
