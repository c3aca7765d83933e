"""Attendance: staff check participants in per session (by scanning their QR or by search)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy

from ..events import Event
from ..models import Attendance, BatchState, CheckInMethod, Registration, RegistrationStatus, Session
from .registrations import when


@transaction.atomic
def attendance_check_in(
    *, actor: User, registration: Registration, session: Session, method: str = CheckInMethod.SEARCH
) -> Attendance:
    policy.require(actor, "add", Attendance)
    name = registration.business.owner.full_name
    if session.batch_id != registration.batch_id:
        raise ValidationError(
            _("Sesi ini bukan bagian dari angkatan yang diikuti %(name)s.") % {"name": name}
        )
    if registration.batch.state == BatchState.FINISHED:
        raise ValidationError(_("Angkatan sudah selesai; kehadiran tidak dapat diubah."))
    if registration.status != RegistrationStatus.ACCEPTED:
        raise ValidationError(
            _("%(name)s bukan peserta yang diterima (status: %(status)s).")
            % {"name": name, "status": registration.get_status_display()}
        )
    if existing := Attendance.objects.filter(registration=registration, session=session).first():
        raise ValidationError(
            _("%(name)s sudah tercatat hadir di %(session)s pada %(when)s.")
            % {"name": name, "session": session, "when": when(existing.checked_in_at)}
        )
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                registration=registration, session=session, checked_in_by=actor, method=method
            )
    except IntegrityError as exc:  # a second device checked the same person in a moment ago
        raise ValidationError(
            _("%(name)s sudah tercatat hadir di %(session)s.") % {"name": name, "session": session}
        ) from exc
    audit.record(
        actor=actor,
        action=Event.CHECKED_IN,
        obj=registration,
        data={"session": session.number, "method": method},
    )
    return attendance


@transaction.atomic
def attendance_undo(*, actor: User, attendance: Attendance) -> None:
    policy.require(actor, "delete", attendance)
    if attendance.registration.batch.state == BatchState.FINISHED:
        raise ValidationError(_("Angkatan sudah selesai; kehadiran tidak dapat diubah."))
    audit.record(
        actor=actor,
        action=Event.CHECK_IN_REMOVED,
        obj=attendance.registration,
        data={"session": attendance.session.number},
    )
    attendance.delete()
