"""Check-in: per session by search, or by scanning the participant's QR (which opens their page)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.core.policy import permission_required
from binaumkm.core.viewkit import run_action

from .. import selectors, services
from ..models import CheckInMethod, RegistrationStatus

PAGE_SIZE = 30
check_in_required = permission_required("training.add_attendance")


@check_in_required
def session_checkin(request, pk):
    session = selectors.session_get(actor=request.user, pk=pk)
    q = request.GET.get("q", "").strip()[:100]
    participants = selectors.session_participants(actor=request.user, session=session, q=q)
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "session": session,
        "batch": session.batch,
        "page_obj": page,
        "q": q,
        "present": selectors.session_present_count(session=session),
    }
    template = "training/staff/_checkin_rows.html" if request.htmx else "training/staff/session_checkin.html"
    return render(request, template, context)


@check_in_required
@require_POST
def check_in(request, pk, registration_pk):
    session = selectors.session_get(actor=request.user, pk=pk)
    registration = selectors.registration_get(actor=request.user, pk=registration_pk)
    method = CheckInMethod.SCAN if request.POST.get("method") == CheckInMethod.SCAN else CheckInMethod.SEARCH
    run_action(
        request,
        lambda: services.attendance_check_in(
            actor=request.user, registration=registration, session=session, method=method
        ),
        _("%(name)s hadir di %(session)s.")
        % {"name": registration.business.owner.full_name, "session": session},
    )
    if request.POST.get("next") == "scan":
        return redirect("training:participant_scan", code=registration.code)
    query = urlencode({"q": request.POST.get("q", "")[:100]})
    return redirect(f"{reverse('training:session_checkin', args=[session.pk])}?{query}")


@permission_required("training.delete_attendance")
@require_POST
def attendance_undo(request, pk):
    attendance = selectors.attendance_get(actor=request.user, pk=pk, action="delete")
    run_action(
        request,
        lambda: services.attendance_undo(actor=request.user, attendance=attendance),
        _("Catatan kehadiran dihapus."),
    )
    return redirect("training:registration_detail", pk=attendance.registration_id)


@check_in_required
def participant_scan(request, code):
    """The page a participant's QR opens on a staff phone: who they are and a check-in button
    for each session (today's first)."""
    registration = selectors.registration_by_code(actor=request.user, code=code)
    today = timezone.localdate()
    return render(
        request,
        "training/staff/participant_scan.html",
        {
            "r": registration,
            "batch": registration.batch,
            "sessions": selectors.participant_sessions(registration=registration, today=today),
            "today": today,
            "is_participant": registration.status == RegistrationStatus.ACCEPTED,
        },
    )
