"""Back office: exhibitions, their state steps, venues and floor plans, booth categories and booths,
the curation panel and criteria, documentation photos."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from binaumkm.core.policy import holds, permission_required
from binaumkm.core.qr import qr_svg
from binaumkm.core.viewkit import form_view, posted_id, run_action

from .. import selectors, services
from ..forms import BoothForm, CategoryForm, CriterionForm, CuratorForm, ExhibitionForm, PhotoForm, VenueForm
from ..models import State
from ..services.setup import SETUP_STATES
from ..uploads import CONTENT_TYPES

PAGE_SIZE = 25
STEP_LABELS = {
    "buka-pendaftaran": gettext_lazy("Pendaftaran dibuka."),
    "tutup-pendaftaran": gettext_lazy("Pendaftaran ditutup; syarat diperiksa ulang."),
    "tutup-kurasi": gettext_lazy("Kurasi ditutup; nilai digabung."),
    "mulai": gettext_lazy("Acara dimulai."),
    "tutup": gettext_lazy("Acara ditutup."),
    "laporkan": gettext_lazy("LPJ ditandai selesai."),
}


# The step the exhibition page offers in each state (the allocation has its own preview page).
NEXT_STEP = {
    State.PLANNING: ("buka-pendaftaran", gettext_lazy("Buka pendaftaran")),
    State.OPEN_CALL: ("tutup-pendaftaran", gettext_lazy("Tutup pendaftaran")),
    State.CURATION: ("tutup-kurasi", gettext_lazy("Tutup kurasi")),
    State.CONFIRMED: ("mulai", gettext_lazy("Mulai acara")),
    State.RUNNING: ("tutup", gettext_lazy("Tutup acara")),
    State.CLOSED: ("laporkan", gettext_lazy("Tandai LPJ selesai")),
}


@permission_required("exhibitions.view_exhibition")
def exhibition_list(request):
    filters = {"q": request.GET.get("q", "")[:100], "state": request.GET.get("state", "")}
    if filters["state"] not in State.values:
        filters["state"] = ""
    page = Paginator(selectors.exhibition_list(actor=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "exhibitions/staff/exhibition_list.html",
        {"page_obj": page, "filters": filters, "states": State.choices},
    )


@permission_required("exhibitions.add_exhibition")
def exhibition_create(request):
    return form_view(
        request,
        form=ExhibitionForm(request.POST or None),
        template="exhibitions/staff/exhibition_form.html",
        save=lambda data: services.exhibition_create(actor=request.user, data=data),
        success=_("Pameran dibuat. Tambahkan tempat, booth, dan anggaran, lalu buka pendaftaran."),
        next_url=lambda exhibition: exhibition.get_staff_url(),
    )


@permission_required("exhibitions.change_exhibition")
def exhibition_edit(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request,
        form=ExhibitionForm(request.POST or None, instance=exhibition),
        template="exhibitions/staff/exhibition_form.html",
        context={"exhibition": exhibition},
        save=lambda data: services.exhibition_update(actor=request.user, exhibition=exhibition, data=data),
        success=_("Pameran disimpan."),
        next_url=exhibition.get_staff_url(),
    )


@permission_required("exhibitions.view_exhibition")
def exhibition_detail(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk)
    services.offers_expire(exhibition=exhibition)  # lazy expiry
    lines = selectors.budget_lines(actor=request.user, exhibition=exhibition)
    first, last = selectors.dates_of(exhibition)
    candidates = selectors.curator_candidates(actor=request.user, exhibition=exhibition)
    return render(
        request,
        "exhibitions/staff/exhibition_detail.html",
        {
            "exhibition": exhibition,
            "first": first,
            "last": last,
            "venues": selectors.venues_with_counts(exhibition),
            "categories": selectors.categories(exhibition),
            "criteria": selectors.criteria(exhibition),
            "curators": selectors.curators(exhibition),
            "curator_form": CuratorForm(candidates=candidates, auto_id="curator_%s"),
            "criterion_form": CriterionForm(auto_id="criterion_%s"),
            "category_form": CategoryForm(auto_id="category_%s"),
            "photo_form": PhotoForm(auto_id="photo_%s"),
            "photos": selectors.photos(exhibition),
            "budget": selectors.budget_totals(lines),
            "counts": selectors.status_counts(exhibition),
            "history": selectors.exhibition_history(actor=request.user, exhibition=exhibition),
            "next_step": NEXT_STEP.get(exhibition.state),
            "setup_editable": exhibition.state in SETUP_STATES,
            "criteria_editable": exhibition.state in (State.PLANNING, State.OPEN_CALL),
            "panel_editable": exhibition.state in (State.PLANNING, State.OPEN_CALL, State.CURATION),
            "photos_editable": exhibition.state in (State.CONFIRMED, State.RUNNING, State.CLOSED),
            "tab": "ringkasan",
            "target_labels": selectors.sector_labels(exhibition.target_sectors),
        },
    )


@permission_required("exhibitions.delete_exhibition")
@require_POST
def exhibition_delete(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="delete")
    if run_action(
        request,
        lambda: services.exhibition_delete(actor=request.user, exhibition=exhibition),
        _("Pameran dihapus."),
    ):
        return redirect("exhibitions:exhibition_list")
    return redirect(exhibition.get_staff_url())


@permission_required("exhibitions.change_exhibition")
@require_POST
def exhibition_step(request, pk, step):
    """One state step of the exhibition (open the call, close it, close curation, start, close, report)."""
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    service = services.STEPS.get(step)
    if service is None:
        raise Http404
    run_action(request, lambda: service(actor=request.user, exhibition=exhibition), str(STEP_LABELS[step]))
    return redirect(exhibition.get_staff_url())


# --- Venues, categories, booths -------------------------------------------------------------------


@permission_required("exhibitions.add_venue")
def venue_add(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request,
        form=VenueForm(request.POST or None),
        template="exhibitions/staff/venue_form.html",
        context={"exhibition": exhibition},
        save=lambda data: services.venue_save(actor=request.user, exhibition=exhibition, data=data),
        success=_("Tempat disimpan. Gambar booth-nya di denah."),
        next_url=lambda venue: venue.get_staff_url(),
    )


@permission_required("exhibitions.change_venue")
def venue_edit(request, pk):
    venue = selectors.venue_get(actor=request.user, pk=pk, action="change")
    return form_view(
        request,
        form=VenueForm(request.POST or None, instance=venue),
        template="exhibitions/staff/venue_form.html",
        context={"exhibition": venue.exhibition, "venue": venue},
        save=lambda data: services.venue_save(
            actor=request.user, exhibition=venue.exhibition, data=data, venue=venue
        ),
        success=_("Tempat disimpan."),
        next_url=venue.get_staff_url(),
    )


@permission_required("exhibitions.view_venue")
def venue_detail(request, pk):
    """The floor plan, the booths, and the form to put a booth on the plan."""
    venue = selectors.venue_get(actor=request.user, pk=pk)
    if request.method == "POST" and not holds(request.user, "exhibitions.add_booth"):
        raise PermissionDenied
    form = BoothForm(request.POST or None, categories=selectors.categories(venue.exhibition))
    booths = selectors.booths_of(venue)
    return form_view(
        request,
        form=form,
        template="exhibitions/staff/venue_detail.html",
        context={
            "venue": venue,
            "exhibition": venue.exhibition,
            "booths": booths,
            "plan": selectors.floor_plan(venue, booths, staff=True),
        },
        save=lambda data: services.booth_save(actor=request.user, venue=venue, data=form.booth_data()),
        success=lambda booth: _("Booth %(code)s ditambahkan.") % {"code": booth.code},
        next_url=venue.get_staff_url(),
    )


@permission_required("exhibitions.add_boothcategory")
@require_POST
def category_add(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    form = CategoryForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.category_save(actor=request.user, exhibition=exhibition, data=form.cleaned_data),
            _("Kategori booth ditambahkan."),
        )
    else:
        _flash_form(request, form)
    return redirect(exhibition.get_staff_url() + "#booth")


@permission_required("exhibitions.change_booth")
@require_POST
def booth_block(request, pk):
    booth = selectors.booth_get(actor=request.user, pk=pk, action="change")
    blocked = request.POST.get("blocked") == "1"
    run_action(
        request,
        lambda: services.booth_set_blocked(actor=request.user, booth=booth, blocked=blocked),
        _("Booth %(code)s diblokir.") % {"code": booth.code}
        if blocked
        else _("Booth %(code)s dibuka.") % {"code": booth.code},
    )
    return redirect(booth.venue.get_staff_url())


@permission_required("exhibitions.view_booth")
def booth_signs(request, pk):
    """A printable sheet: one QR code per booth, to stand at the booth for exhibitors to scan."""
    venue = selectors.venue_get(actor=request.user, pk=pk)
    signs = [
        (b, qr_svg(request.build_absolute_uri(reverse("exhibitions:booth_check_in", args=[b.token]))))
        for b in selectors.booths_of(venue)
    ]
    return render(request, "exhibitions/staff/booth_signs.html", {"venue": venue, "signs": signs})


# --- Curation panel and criteria ------------------------------------------------------------------


def _flash_form(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


@permission_required("exhibitions.add_curator")
@require_POST
def curator_add(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    form = CuratorForm(
        request.POST, candidates=selectors.curator_candidates(actor=request.user, exhibition=exhibition)
    )
    if form.is_valid():
        user = form.cleaned_data["user"]
        run_action(
            request,
            lambda: services.curator_add(actor=request.user, exhibition=exhibition, user=user),
            _("%(name)s menjadi kurator.") % {"name": user.display_name},
        )
    else:
        _flash_form(request, form)
    return redirect(exhibition.get_staff_url() + "#kurasi")


@permission_required("exhibitions.delete_curator")
@require_POST
def curator_remove(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    curator = selectors.curators(exhibition).filter(pk=posted_id(request, "curator")).first()
    if curator is None:
        raise Http404
    run_action(
        request,
        lambda: services.curator_remove(actor=request.user, curator=curator),
        _("Kurator dikeluarkan."),
    )
    return redirect(exhibition.get_staff_url() + "#kurasi")


@permission_required("exhibitions.add_curationcriterion")
@require_POST
def criterion_add(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    form = CriterionForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            lambda: services.criterion_add(actor=request.user, exhibition=exhibition, **form.cleaned_data),
            _("Kriteria ditambahkan."),
        )
    else:
        _flash_form(request, form)
    return redirect(exhibition.get_staff_url() + "#kurasi")


@permission_required("exhibitions.delete_curationcriterion")
@require_POST
def criterion_delete(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    criterion = selectors.criteria(exhibition).filter(pk=posted_id(request, "criterion")).first()
    if criterion is None:
        raise Http404
    run_action(
        request,
        lambda: services.criterion_delete(actor=request.user, criterion=criterion),
        _("Kriteria dihapus."),
    )
    return redirect(exhibition.get_staff_url() + "#kurasi")


# --- Documentation photos -------------------------------------------------------------------------


@permission_required("exhibitions.add_exhibitionphoto")
@require_POST
def photo_add(request, pk):
    exhibition = selectors.exhibition_get(actor=request.user, pk=pk, action="change")
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        run_action(
            request,
            lambda: services.photo_add(
                actor=request.user,
                exhibition=exhibition,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            ),  # fmt: skip
            _("Foto ditambahkan."),
        )
    else:
        _flash_form(request, form)
    return redirect(exhibition.get_staff_url() + "#foto")


@permission_required("exhibitions.view_exhibitionphoto")
def photo_view(request, pk):
    photo = selectors.photo_get(actor=request.user, pk=pk)
    return FileResponse(
        photo.image.open("rb"), content_type=CONTENT_TYPES.get(photo.extension, "application/octet-stream")
    )


@permission_required("exhibitions.delete_exhibitionphoto")
@require_POST
def photo_delete(request, pk):
    photo = selectors.photo_get(actor=request.user, pk=pk, action="delete")
    run_action(request, lambda: services.photo_delete(actor=request.user, photo=photo), _("Foto dihapus."))
    return redirect(photo.exhibition.get_staff_url() + "#foto")
