"""Owner self-service (from a phone): open calls, apply, see the result and why, answer a booth offer,
check in by scanning the booth's QR code, report each day's sales. Another owner's application,
booth or report is a 404."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import holds, permission_required
from binaumkm.core.viewkit import form_view, posted_id, run_action

from .. import selectors, services
from ..apps import OWN
from ..forms import ApplicationForm, SalesForm
from ..models import AssignmentState, State, Status
from ..uploads import CONTENT_TYPES

owner_required = permission_required(OWN)


def index(request):
    """/pameran/: staff go to the back office; everyone else sees the open calls."""
    if holds(request.user, "exhibitions.view_exhibition"):
        return redirect("exhibitions:exhibition_list")
    mine = selectors.applications_owned(actor=request.user) if holds(request.user, OWN) else []
    return render(
        request,
        "exhibitions/owner/index.html",
        {"exhibitions": selectors.exhibitions_open(), "applications": mine},
    )


def exhibition_public(request, pk):
    """The public page of an exhibition; owners apply here during the open call."""
    exhibition = selectors.exhibition_public_get(pk=pk)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    is_owner = holds(request.user, OWN)
    first, last = selectors.dates_of(exhibition)
    context = {
        "exhibition": exhibition,
        "first": first,
        "last": last,
        "venues": exhibition.venues.all(),
        "target_labels": selectors.sector_labels(exhibition.target_sectors),
        "is_open": exhibition.call_is_open(),
        "mine": selectors.applications_owned(actor=request.user, exhibition=exhibition) if is_owner else [],
    }
    businesses = selectors.businesses_owned(actor=request.user) if is_owner else None
    if not is_owner or not context["is_open"] or not businesses:
        return render(request, "exhibitions/owner/exhibition.html", {"form": None, **context})
    form = ApplicationForm(
        request.POST or None,
        businesses=businesses,
        products=selectors.products_for(actor=request.user, businesses=businesses),
        venues=exhibition.venues.all(),
    )
    return form_view(
        request,
        form=form,
        template="exhibitions/owner/exhibition.html",
        context=context,
        save=lambda data: services.application_submit(
            actor=request.user,
            exhibition=exhibition,
            business=data["business"],
            products=data["products"],
            preferred_venue=data.get("preferred_venue"),
            needs_electricity=data["needs_electricity"],
            note=data["note"],
        ),  # fmt: skip
        success=lambda application: (
            _("Pendaftaran tersimpan: %(status)s.") % {"status": application.get_status_display()}
        ),
        next_url=lambda application: reverse("exhibitions:my_application", args=[application.pk]),
    )


@owner_required
def my_application(request, pk):
    application = selectors.application_owned_get(actor=request.user, pk=pk)
    # Lazy expiry: a deadline that passed while no worker ran is applied on sight.
    if application.status == Status.OFFERED and services.offers_expire(exhibition=application.exhibition):
        application = selectors.application_owned_get(actor=request.user, pk=pk)
    assignments = list(selectors.assignments_of(application))
    return render(
        request,
        "exhibitions/owner/application.html",
        {
            "a": application,
            "exhibition": application.exhibition,
            "products": application.products.all(),
            "reasons": selectors.explanation(application),
            "offers": [x for x in assignments if x.state == AssignmentState.HELD],
            "booths": [x for x in assignments if x.state == AssignmentState.ASSIGNED],
            "running": application.exhibition.state in (State.RUNNING, State.CLOSED),
            "can_withdraw": application.status in services.applications.WITHDRAWABLE
            and application.exhibition.state not in (State.CLOSED, State.REPORTED),
            "can_recheck": application.status == Status.SUBMITTED and application.exhibition.call_is_open(),
        },
    )


def _act(request, pk, action, success):
    application = selectors.application_owned_get(actor=request.user, pk=pk)
    run_action(request, lambda: action(application), success)
    return redirect("exhibitions:my_application", pk=application.pk)


def _offer(application, request):
    found = selectors.assignments_of(application).filter(pk=posted_id(request, "assignment")).first()
    if found is None:
        raise Http404
    return found


@owner_required
@require_POST
def offer_accept(request, pk):
    return _act(
        request, pk,
        lambda a: services.offer_accept(actor=request.user, assignment=_offer(a, request)),
        _("Booth Anda terkonfirmasi. Sampai jumpa di acara!"),
    )  # fmt: skip


@owner_required
@require_POST
def offer_decline(request, pk):
    return _act(
        request, pk,
        lambda a: services.offer_decline(actor=request.user, assignment=_offer(a, request)),
        _("Terima kasih; booth ditawarkan ke pendaftar berikutnya."),
    )  # fmt: skip


@owner_required
@require_POST
def my_application_withdraw(request, pk):
    reason = request.POST.get("reason", "")[:300]
    return _act(
        request, pk,
        lambda a: services.application_withdraw(actor=request.user, application=a, reason=reason),
        _("Anda mengundurkan diri dari pameran ini."),
    )  # fmt: skip


@owner_required
@require_POST
def my_application_recheck(request, pk):
    return _act(
        request,
        pk,
        lambda a: services.application_recheck(actor=request.user, application=a),
        _("Syarat diperiksa ulang."),
    )


def booth_check_in(request, token):
    """What the QR code at a booth opens: the exhibitor checks in for today; staff see who holds it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    booth = selectors.booth_by_token(actor=request.user, token=token)
    staff = holds(request.user, "exhibitions.view_booth")
    holder = selectors.booth_holder(booth)
    if request.method == "POST":
        if staff:
            if not holds(request.user, "exhibitions.change_assignment"):
                raise PermissionDenied
            if holder is None:
                messages.error(request, _("Booth ini belum ditetapkan untuk peserta."))
                return redirect("exhibitions:booth_check_in", token=token)
            action = lambda: services.check_in_by_staff(actor=request.user, assignment=holder)  # noqa: E731
        else:
            action = lambda: services.check_in_at_booth(actor=request.user, booth=booth)  # noqa: E731
        run_action(request, action, _("Hadir tercatat di booth %(code)s.") % {"code": booth.code})
        return redirect("exhibitions:booth_check_in", token=token)
    today = timezone.localdate()
    return render(
        request,
        "exhibitions/owner/booth.html",
        {
            "booth": booth,
            "holder": holder,
            "staff": staff,
            "here_today": holder is not None and any(c.date == today for c in holder.check_ins.all()),
        },
    )


@owner_required
def sales_report(request, pk):
    """One booth's daily sales, from the exhibitor's phone."""
    assignment = selectors.assignment_owned_get(actor=request.user, pk=pk)
    venue = assignment.booth.venue
    today = timezone.localdate()
    days = list(_days(venue.start_date, min(venue.end_date, today)))
    reported = list(selectors.sales_of(assignment))
    latest = days[-1] if days else today
    form = SalesForm(
        request.POST or None, request.FILES or None, days=days, initial={"date": latest.isoformat()}
    )
    return form_view(
        request,
        form=form,
        template="exhibitions/owner/sales.html",
        context={
            "assignment": assignment,
            "application": assignment.application,
            "reported": reported,
            "days": days,
        },
        save=lambda data: services.sales_report_save(
            actor=request.user,
            assignment=assignment,
            date=data["date"],
            data=form.values(),
            receipt=data.get("receipt"),
        ),
        success=lambda report: (
            _("Penjualan %(day)s tersimpan.") % {"day": date_format(report.date, "D, j M Y")}
        ),
        next_url=reverse("exhibitions:sales_report", args=[assignment.pk]),
    )


def _days(first, last):
    import datetime

    day = first
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def receipt(request, pk):
    """A receipt-book photo: its exhibitor and staff only."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = selectors.sales_report_get(actor=request.user, pk=pk)
    if not report.receipt:
        raise Http404
    return FileResponse(
        report.receipt.open("rb"), content_type=CONTENT_TYPES.get(report.receipt_type, "image/jpeg")
    )
