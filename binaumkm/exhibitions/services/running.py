"""At and after the exhibition: start it, check in at the booth by QR, report sales per booth and day,
close it, and finish the accountability report."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy

from .. import conf
from ..events import Event
from ..models import (
    Assignment,
    AssignmentState,
    Booth,
    BudgetRealisation,
    CheckIn,
    CheckInMethod,
    Exhibition,
    Release,
    SalesReport,
    State,
    Status,
)
from ..uploads import check_upload
from .applications import _state_changed, dates
from .common import ensure_state, lock_exhibition, release

SALES_FIELDS = ["gross", "transactions", "cash", "qris", "leads"]


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


@transaction.atomic
def exhibition_start(*, actor: User, exhibition: Exhibition) -> Exhibition:
    """Confirmed → running, from the first day on."""
    policy.require(actor, "change", exhibition)
    exhibition = lock_exhibition(exhibition)
    ensure_state(exhibition, State.CONFIRMED)
    first, _last = dates(exhibition)
    if first and timezone.localdate() < first:
        raise ValidationError(_("Acara baru dimulai pada %(day)s.") % {"day": _day(first)})
    old, exhibition.state = exhibition.state, State.RUNNING
    exhibition.save(update_fields=["state"])
    _state_changed(actor, exhibition, old)
    return exhibition


@transaction.atomic
def exhibition_close(*, actor: User, exhibition: Exhibition) -> Exhibition:
    """Running → closed: open offers lapse (nobody is offered a booth any more) and exhibitors who
    never checked in are recorded as no-shows. Sales may still be reported until the report."""
    policy.require(actor, "change", exhibition)
    exhibition = lock_exhibition(exhibition)
    ensure_state(exhibition, State.RUNNING)
    now = timezone.now()
    lapsed = no_shows = 0
    holding = Assignment.objects.filter(application__exhibition=exhibition, state__in=(AssignmentState.HELD,
                                        AssignmentState.ASSIGNED)).select_related("application")  # fmt: skip
    for assignment in holding.select_for_update(of=("self",)):
        if assignment.state == AssignmentState.HELD:
            release(assignment, Release.EXPIRED, now)
            assignment.application.status = Status.EXPIRED
            assignment.application.save(update_fields=["status"])
            lapsed += 1
        elif not assignment.check_ins.exists():
            release(assignment, Release.NO_SHOW, now)
            if assignment.application.status == Status.ACCEPTED:
                assignment.application.status = Status.NO_SHOW
                assignment.application.save(update_fields=["status"])
            no_shows += 1
    old, exhibition.state, exhibition.closed_at = exhibition.state, State.CLOSED, now
    exhibition.save(update_fields=["state", "closed_at"])
    _state_changed(actor, exhibition, old, lapsed_offers=lapsed, no_shows=no_shows)
    return exhibition


@transaction.atomic
def exhibition_report(*, actor: User, exhibition: Exhibition) -> Exhibition:
    """Closed → reported: the accountability report is final; every realisation needs its receipt."""
    policy.require(actor, "change", exhibition)
    exhibition = lock_exhibition(exhibition)
    ensure_state(exhibition, State.CLOSED)
    missing = BudgetRealisation.objects.filter(line__exhibition=exhibition, evidence="").count()
    if missing:
        raise ValidationError(_("%(n)d realisasi anggaran belum dilampiri bukti.") % {"n": missing})
    old, exhibition.state, exhibition.reported_at = exhibition.state, State.REPORTED, timezone.now()
    exhibition.save(update_fields=["state", "reported_at"])
    _state_changed(actor, exhibition, old)
    return exhibition


# --- Check-in -------------------------------------------------------------------------------------


def _check_in(actor: User, assignment: Assignment, method: str) -> CheckIn:
    exhibition = lock_exhibition(assignment.application.exhibition)
    if exhibition.state != State.RUNNING:
        raise ValidationError(_("Kehadiran dicatat selama acara berlangsung."))
    today = timezone.localdate()
    venue = assignment.booth.venue
    if not venue.start_date <= today <= venue.end_date:
        raise ValidationError(
            _("Acara di %(venue)s berlangsung %(first)s–%(last)s.")
            % {"venue": venue.name, "first": _day(venue.start_date), "last": _day(venue.end_date)}
        )
    earlier = assignment.check_ins.filter(date=today).first()
    if earlier is not None:
        raise ValidationError(
            _("Sudah tercatat hadir hari ini pukul %(time)s.")
            % {"time": date_format(localtime(earlier.at), "H.i")}
        )
    try:
        with transaction.atomic():
            check_in = CheckIn.objects.create(assignment=assignment, date=today, method=method, by=actor)
    except IntegrityError as exc:
        raise ValidationError(_("Sudah tercatat hadir hari ini.")) from exc
    application = assignment.application
    old = application.status
    if application.status == Status.ACCEPTED:
        application.status = Status.CHECKED_IN
        application.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=Event.CHECKED_IN,
        obj=application,
        changes={"status": [old, application.status]} if old != application.status else None,
        data={"booth": assignment.booth.code, "date": today.isoformat(), "method": method},
    )
    return check_in


@transaction.atomic
def check_in_at_booth(*, actor: User, booth: Booth) -> CheckIn:
    """The exhibitor scans the QR code at their booth: checked in for today."""
    policy.require(actor, "check_in", booth)
    assignment = (
        Assignment.objects.select_related("application__exhibition", "booth__venue")
        .filter(booth=booth, state=AssignmentState.ASSIGNED, application__business__owner__user=actor)
        .first()
    )
    if assignment is None:
        raise ValidationError(_("Booth ini bukan booth Anda."))
    return _check_in(actor, assignment, CheckInMethod.QR)


@transaction.atomic
def check_in_by_staff(*, actor: User, assignment: Assignment) -> CheckIn:
    policy.require(actor, "change", assignment)
    if assignment.state != AssignmentState.ASSIGNED:
        raise ValidationError(_("Booth ini tidak sedang ditetapkan untuk peserta."))
    return _check_in(actor, assignment, CheckInMethod.STAFF)


# --- Sales ----------------------------------------------------------------------------------------


def _clean_sales(data: dict) -> dict[str, int]:
    raw = {f: data.get(f) for f in SALES_FIELDS}
    raw["leads"] = raw["leads"] or 0
    if any(not isinstance(v, int) or isinstance(v, bool) or v < 0 for v in raw.values()):
        raise ValidationError(_("Isi angka bulat 0 atau lebih."))
    values: dict[str, int] = {k: int(v) for k, v in raw.items() if v is not None}
    if values["cash"] + values["qris"] != values["gross"]:
        raise ValidationError({"gross": _("Tunai + QRIS harus sama dengan penjualan kotor.")})
    if values["gross"] > 0 and values["transactions"] == 0:
        raise ValidationError({"transactions": _("Ada penjualan: isi jumlah transaksinya.")})
    return values


@transaction.atomic
def sales_report_save(
    *, actor: User, assignment: Assignment, date: datetime.date, data: dict, receipt=None
) -> SalesReport:
    """One booth's sales of one day, from the exhibitor's phone; reporting the same day again
    corrects it (the audit log keeps both)."""
    policy.require(actor, "report_sales", assignment)
    exhibition = lock_exhibition(assignment.application.exhibition)
    ensure_state(exhibition, State.RUNNING, State.CLOSED)
    assignment = Assignment.objects.select_related("booth__venue").get(pk=assignment.pk)
    venue = assignment.booth.venue
    if not assignment.check_ins.exists():
        raise ValidationError(_("Catat kehadiran di booth (pindai QR) sebelum melaporkan penjualan."))
    if not venue.start_date <= date <= min(venue.end_date, timezone.localdate()):
        raise ValidationError(
            {"date": _("Pilih tanggal acara di %(venue)s sampai hari ini.") % {"venue": venue.name}}
        )
    values = _clean_sales(data)
    report = SalesReport.objects.filter(assignment=assignment, date=date).first()
    before = audit.snapshot(report, SALES_FIELDS) if report else {}
    report = report or SalesReport(assignment=assignment, date=date)
    for field, value in values.items():
        setattr(report, field, value)
    report.reported_by, report.reported_at = actor, timezone.now()
    if receipt:
        report.receipt_type = check_upload(
            receipt, allowed=("jpg", "png"), max_bytes=conf.PHOTO_MAX_BYTES, field="receipt"
        )
        report.receipt.save(f"struk.{report.receipt_type}", receipt, save=False)
    report.save()
    audit.record(
        actor=actor,
        action=Event.SALES_REPORTED,
        obj=assignment.application,
        changes=audit.diff(before, audit.snapshot(report, SALES_FIELDS)),
        data={"booth": assignment.booth.code, "date": date.isoformat()},
    )
    return report


@transaction.atomic
def report_export(*, actor: User, exhibition: Exhibition, kind: str) -> None:
    """Downloading the report (PDF or .xlsx) is logged: it names the participants."""
    policy.require(actor, "report", exhibition)
    audit.record(actor=actor, action=Event.REPORT_EXPORTED, obj=exhibition, data={"format": kind})
