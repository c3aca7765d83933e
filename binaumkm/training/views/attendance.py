"""Check-in: per session by search, or by scanning the participant's QR (which opens their page)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from binaumkm.accounts.decorators import agency_required

from .. import selectors, services
from ..models import Attendance, CheckInMethod, Registration, RegistrationStatus, Session

PAGE_SIZE = 30


def _participants(session: Session, q: str):
    qs = (
        Registration.objects.filter(batch_id=session.batch_id, status=RegistrationStatus.ACCEPTED)
        .select_related("business__owner", "business__kelurahan")
        .annotate(present=Exists(Attendance.objects.filter(registration=OuterRef("pk"), session=session)))
        .order_by("business__owner__full_name", "id")
    )
    if q:
        qs = qs.filter(Q(business__name__icontains=q) | Q(business__owner__full_name__icontains=q))
    return qs


@agency_required
def session_checkin(request, pk):
    session = get_object_or_404(Session.objects.select_related("batch__programme"), pk=pk)
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(_participants(session, q), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"session": session, "batch": session.batch, "page_obj": page, "q": q,
               "present": session.attendances.count()}  # fmt: skip
    template = "training/staff/_checkin_rows.html" if request.htmx else "training/staff/session_checkin.html"
    return render(request, template, context)


@agency_required
@require_POST
def check_in(request, pk, registration_pk):
    session = get_object_or_404(Session.objects.select_related("batch"), pk=pk)
    registration = selectors.registration_staff_get(registration_pk)
    method = CheckInMethod.SCAN if request.POST.get("method") == CheckInMethod.SCAN else CheckInMethod.SEARCH
    try:
        services.attendance_check_in(
            actor=request.user, registration=registration, session=session, method=method
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(name)s hadir di %(session)s.")
            % {"name": registration.business.owner.full_name, "session": session},
        )
    if request.POST.get("next") == "scan":
        return redirect("training:participant_scan", code=registration.code)
    query = urlencode({"q": request.POST.get("q", "")[:100]})
    return redirect(f"{reverse('training:session_checkin', args=[session.pk])}?{query}")


@agency_required
@require_POST
def attendance_undo(request, pk):
    attendance = get_object_or_404(Attendance.objects.select_related("registration__batch", "session"), pk=pk)
    try:
        services.attendance_undo(actor=request.user, attendance=attendance)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Catatan kehadiran dihapus."))
    return redirect("training:registration_detail", pk=attendance.registration_id)


@agency_required
def participant_scan(request, code):
    """The page a participant's QR opens on a staff phone: who they are and a check-in button
    for each session (today's first)."""
    registration = selectors.registration_by_code(code)
    sessions = list(registration.batch.sessions.all())
    done = {a.session_id: a for a in registration.attendances.all()}
    today = timezone.localdate()
    sessions.sort(key=lambda s: (s.date != today, s.number))
    return render(
        request,
        "training/staff/participant_scan.html",
        {"r": registration, "batch": registration.batch, "sessions": [(s, done.get(s.pk)) for s in sessions],
         "today": today, "is_participant": registration.status == RegistrationStatus.ACCEPTED},
    )  # fmt: skip
