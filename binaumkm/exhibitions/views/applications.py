"""Back office: the applicants of an exhibition, one applicant, the allocation (preview with a seed,
then publish exactly that), no-shows, a further booth, staff check-in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import flash_errors, posted_id, run_action

from .. import selectors, services
from ..forms import ApplicationFilterForm, ExtraBoothForm, SeedForm
from ..models import Pool, Tier

PAGE_SIZE = 50


@permission_required("exhibitions.view_application")
def application_list(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk)
    filter_form = ApplicationFilterForm(request.GET or None)
    applications = selectors.application_list(
        actor=request.user, exhibition=exhibition, filters=filter_form.filters()
    )
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "exhibitions/staff/application_list.html",
        {"exhibition": exhibition, "page_obj": page, "filter_form": filter_form},
    )


@permission_required("exhibitions.view_application")
def application_detail(request, pk):
    application = selectors.application_get(actor=request.user, pk=pk)
    services.offers_expire(exhibition=application.exhibition)  # lazy expiry
    exhibition = application.exhibition
    return render(
        request,
        "exhibitions/staff/application_detail.html",
        {
            "a": application,
            "exhibition": exhibition,
            "products": application.products.all(),
            "reasons": selectors.explanation(application),
            "reviews": selectors.reviews_of(actor=request.user, application=application),
            "assignments": selectors.assignments_of(application),
            "extra_form": ExtraBoothForm(booths=selectors.free_booths_for(exhibition)),
        },
    )


@permission_required("exhibitions.change_assignment")
@require_POST
def assignment_no_show(request, pk):
    application = selectors.application_get(actor=request.user, pk=pk, action="change")
    assignment = selectors.assignments_of(application).filter(pk=posted_id(request, "assignment")).first()
    if assignment is not None:
        run_action(
            request,
            lambda: services.no_show(actor=request.user, assignment=assignment),
            _("Ditandai tidak hadir; booth ditawarkan ke daftar tunggu."),
        )
    return redirect("exhibitions:application_detail", pk=application.pk)


@permission_required("exhibitions.change_assignment")
@require_POST
def assignment_check_in(request, pk):
    application = selectors.application_get(actor=request.user, pk=pk, action="change")
    assignment = selectors.assignments_of(application).filter(pk=posted_id(request, "assignment")).first()
    if assignment is not None:
        run_action(
            request,
            lambda: services.check_in_by_staff(actor=request.user, assignment=assignment),
            _("Kehadiran dicatat."),
        )
    return redirect("exhibitions:application_detail", pk=application.pk)


@permission_required("exhibitions.change_application")
@require_POST
def booth_extra(request, pk):
    application = selectors.application_get(actor=request.user, pk=pk, action="change")
    form = ExtraBoothForm(request.POST, booths=selectors.free_booths_for(application.exhibition))
    if form.is_valid():
        booth = form.cleaned_data["booth"]
        run_action(
            request,
            lambda: services.booth_assign_extra(actor=request.user, application=application, booth=booth),
            _("Booth %(code)s ditetapkan.") % {"code": booth.code},
        )
    else:
        messages.error(request, _("Pilih booth yang masih bebas."))
    return redirect("exhibitions:application_detail", pk=application.pk)


@permission_required("exhibitions.change_exhibition")
def allocation_preview(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    form = SeedForm(request.GET or None)
    seed = form.cleaned_data.get("seed") if form.is_valid() else None
    try:
        draw = services.allocation_preview(actor=request.user, exhibition=exhibition, seed=seed)
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect(exhibition.get_staff_url())
    result = draw.result
    if seed is None:
        form = SeedForm(initial={"seed": result.seed})
    show = request.GET.get("show") == "waiting"
    page = Paginator(result.waiting if show else result.selected, PAGE_SIZE).get_page(request.GET.get("page"))
    found = selectors.applications_by_id(actor=request.user, ids=[p.id for p in page])
    booth_codes = selectors.booth_codes(ids=[draw.booths.get(p.id) for p in page])
    rows = [(p, found[p.id], booth_codes.get(draw.booths.get(p.id), ""), Tier(draw.tiers[p.id]).label)
            for p in page if p.id in found]  # fmt: skip
    return render(
        request,
        "exhibitions/staff/allocation_preview.html",
        {
            "exhibition": exhibition,
            "form": form,
            "draw": draw,
            "result": result,
            "page_obj": page,
            "rows": rows,
            "show_waiting": show,
            "kecamatan_rows": selectors.quota_rows(result.summary[Pool.KECAMATAN], kind="kecamatan"),
            "sector_rows": selectors.quota_rows(result.summary[Pool.SECTOR], kind="sektor"),
            "tiers": [(Tier(t).label, *result.by_tier.get(t, (0, 0))) for t in Tier.values],
        },
    )


@permission_required("exhibitions.change_exhibition")
@require_POST
def allocation_publish(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    form = SeedForm(request.POST)
    if not form.is_valid() or form.cleaned_data.get("seed") is None:
        messages.error(request, _("Kode undian tidak valid; buat pratinjau dahulu."))
        return redirect("exhibitions:allocation_preview", pk=exhibition.pk)
    seed = form.cleaned_data["seed"]
    try:
        draw = services.allocation_publish(
            actor=request.user, exhibition=exhibition, seed=seed, digest=request.POST.get("digest", "")[:64]
        )
    except ValidationError as exc:
        flash_errors(request, exc)
        return redirect(exhibition.get_staff_url())
    messages.success(
        request,
        _(
            "Hasil alokasi diumumkan (kode undian %(seed)d): %(n)d ditawari booth, %(w)d di daftar tunggu. Pendaftar diberi tahu."
        )
        % {"seed": seed, "n": len(draw.result.selected), "w": len(draw.result.waiting)},
    )
    return redirect(exhibition.get_staff_url())
