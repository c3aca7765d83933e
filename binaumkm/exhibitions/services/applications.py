"""The open call: open it, apply (with the automatic checks), re-check, withdraw, close it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.validators import validate_no_html
from binaumkm.registry.models import Business, Product

from .. import conf, eligibility
from ..events import Event
from ..models import HOLDING, Application, Booth, Exhibition, Release, State, Status, Venue
from ..policy import may_apply
from .common import ensure_state, lock_exhibition, offer_free_booths, release, when

WITHDRAWABLE = (
    Status.SUBMITTED, Status.ELIGIBLE, Status.CURATED, Status.OFFERED, Status.WAITLISTED, Status.ACCEPTED,
)  # fmt: skip


def dates(exhibition: Exhibition) -> tuple[datetime.date | None, datetime.date | None]:
    """The exhibition's first and last day over all its venues."""
    span = exhibition.venues.aggregate(first=Min("start_date"), last=Max("end_date"))
    return span["first"], span["last"]


def _facts(business: Business, products: Iterable[Product]):
    facts = eligibility.BusinessFacts(
        verification=business.verification,
        status=business.status,
        pirt_number=business.pirt_number,
        pirt_expiry=business.pirt_expiry,
        bpom_number=business.bpom_number,
        bpom_expiry=business.bpom_expiry,
    )
    items = [
        eligibility.ProductFacts(p.name, p.category, p.is_active, p.pirt_number, p.bpom_number)
        for p in products
    ]
    return facts, items


def check(application: Application, exhibition: Exhibition) -> list[str]:
    """Run the automatic checks on the application's business and products as they are now."""
    _first, last = dates(exhibition)
    facts, items = _facts(application.business, application.products.all())
    return eligibility.problems(
        facts, items, last_day=last or timezone.localdate(), target_sectors=exhibition.target_sectors or ()
    )


# --- The call's states ----------------------------------------------------------------------------


def _state_changed(actor: User, exhibition: Exhibition, old: str, **data) -> None:
    audit.record(
        actor=actor,
        action=Event.STATE_CHANGED,
        obj=exhibition,
        changes={"state": [old, exhibition.state]},
        data=data or None,
    )


@transaction.atomic
def exhibition_open_call(*, actor: User, exhibition: Exhibition) -> Exhibition:
    """Planning → open call: the window, a venue, a bookable booth and the criteria must be set."""
    policy.require(actor, "change", exhibition)
    exhibition = lock_exhibition(exhibition)
    ensure_state(exhibition, State.PLANNING)
    problems = []
    if not exhibition.call_opens_at or not exhibition.call_closes_at:
        problems.append(_("Isi waktu pembukaan dan penutupan pendaftaran."))
    elif exhibition.call_closes_at <= timezone.now():
        problems.append(_("Waktu penutupan pendaftaran sudah lewat."))
    if not exhibition.venues.exists():
        problems.append(_("Tambahkan sekurangnya satu tempat acara."))
    if not Booth.objects.filter(venue__exhibition=exhibition, blocked=False).exists():
        problems.append(_("Tambahkan booth di denah tempat acara."))
    if not exhibition.criteria.exists():
        problems.append(_("Tambahkan kriteria kurasi."))
    if problems:
        raise ValidationError(problems)
    old, exhibition.state = exhibition.state, State.OPEN_CALL
    exhibition.save(update_fields=["state"])
    _state_changed(actor, exhibition, old)
    return exhibition


@transaction.atomic
def exhibition_close_call(*, actor: User, exhibition: Exhibition) -> Exhibition:
    """Open call → curation: every application is checked again; those still failing are ineligible."""
    policy.require(actor, "change", exhibition)
    exhibition = lock_exhibition(exhibition)
    ensure_state(exhibition, State.OPEN_CALL)
    now = timezone.now()
    ineligible = 0
    pending = exhibition.applications.filter(status__in=(Status.SUBMITTED, Status.ELIGIBLE))
    for application in pending.select_related("business").prefetch_related("products"):
        problems = check(application, exhibition)
        application.problems = problems
        application.status = Status.INELIGIBLE if problems else Status.ELIGIBLE
        application.checked_at = now
        application.save(update_fields=["problems", "status", "checked_at"])
        ineligible += bool(problems)
    old, exhibition.state = exhibition.state, State.CURATION
    if exhibition.call_closes_at is None or exhibition.call_closes_at > now:
        exhibition.call_closes_at = now
    exhibition.save(update_fields=["state", "call_closes_at"])
    _state_changed(actor, exhibition, old, ineligible=ineligible)
    return exhibition


# --- Applying -------------------------------------------------------------------------------------


def _check_window(exhibition: Exhibition, now: datetime.datetime) -> None:
    if exhibition.state == State.OPEN_CALL and exhibition.call_opens_at and now < exhibition.call_opens_at:
        raise ValidationError(
            _("Pendaftaran belum dibuka; dibuka pada %(when)s.") % {"when": when(exhibition.call_opens_at)}
        )
    if not exhibition.call_is_open(now):
        closed = exhibition.call_closes_at
        if closed:
            raise ValidationError(_("Pendaftaran sudah ditutup pada %(when)s.") % {"when": when(closed)})
        raise ValidationError(_("Pameran ini tidak sedang membuka pendaftaran."))


def _clean_products(business: Business, products: Iterable[Product]) -> list[Product]:
    products = list(dict.fromkeys(products))
    if not products:
        raise ValidationError({"products": _("Pilih sekurangnya satu produk yang akan dibawa.")})
    if len(products) > conf.MAX_PRODUCTS:
        raise ValidationError({"products": _("Pilih paling banyak %(n)d produk.") % {"n": conf.MAX_PRODUCTS}})
    if any(p.business_id != business.pk for p in products):
        raise ValidationError({"products": _("Produk yang dipilih harus milik usaha ini.")})
    return products


@transaction.atomic
def application_submit(
    *,
    actor: User,
    exhibition: Exhibition,
    business: Business,
    products: Iterable[Product],
    preferred_venue: Venue | None = None,
    needs_electricity: bool = False,
    note: str = "",
) -> Application:
    """Apply during the open call. The automatic checks run at once: the application is eligible, or
    stays submitted with the list of what to fix (re-checked on request and at the call's close)."""
    if not may_apply(actor, business):
        raise PermissionDenied
    exhibition = lock_exhibition(exhibition)
    now = timezone.now()
    _check_window(exhibition, now)
    existing = Application.objects.filter(exhibition=exhibition, business=business).first()
    if existing and existing.status != Status.WITHDRAWN:
        raise ValidationError(
            _("“%(business)s” sudah mendaftar di pameran ini (status: %(status)s).")
            % {"business": business.name, "status": existing.get_status_display()}
        )
    products = _clean_products(business, products)
    if preferred_venue is not None and preferred_venue.exhibition_id != exhibition.pk:
        raise ValidationError({"preferred_venue": _("Pilih tempat dari pameran ini.")})
    note = (note or "").strip()[:500]
    validate_no_html(note)

    application = existing or Application(exhibition=exhibition, business=business)
    application.sector = eligibility.sector_of([p.category for p in products])
    application.preferred_venue = preferred_venue
    application.needs_electricity = bool(needs_electricity)
    application.note = note
    application.submitted_by, application.submitted_at, application.withdrawn_at = actor, now, None
    application.kecamatan_id = business.kelurahan.kecamatan_id
    application.curation_score = application.tier = application.weight = None
    application.lottery_key = application.rank = application.decided_at = None
    application.pool = ""
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("“%(business)s” sudah mendaftar di pameran ini.") % {"business": business.name}
        ) from exc
    application.products.set(products)
    problems = check(application, exhibition)
    application.problems = problems
    application.status = Status.SUBMITTED if problems else Status.ELIGIBLE
    application.checked_at = now
    application.save(update_fields=["problems", "status", "checked_at"])
    audit.record(
        actor=actor,
        action=Event.APPLICATION_SUBMITTED,
        obj=application,
        changes={"status": [existing.status if existing else None, application.status]},
        data={"products": len(products), "problems": len(problems)},
    )
    return application


@transaction.atomic
def application_recheck(*, actor: User, application: Application) -> Application:
    """Run the automatic checks again after the owner fixed their data (while the call is open)."""
    policy.require(actor, "withdraw", application)
    exhibition = lock_exhibition(application.exhibition)
    application = (
        Application.objects.select_for_update(of=("self",)).select_related("business").get(pk=application.pk)
    )
    if application.status not in (Status.SUBMITTED, Status.ELIGIBLE) or not exhibition.call_is_open():
        raise ValidationError(_("Syarat hanya diperiksa ulang selama pendaftaran dibuka."))
    old = application.status
    application.problems = check(application, exhibition)
    application.status = Status.SUBMITTED if application.problems else Status.ELIGIBLE
    application.checked_at = timezone.now()
    application.save(update_fields=["problems", "status", "checked_at"])
    audit.record(
        actor=actor,
        action=Event.APPLICATION_CHECKED,
        obj=application,
        changes={"status": [old, application.status]},
        data={"problems": len(application.problems)},
    )
    return application


@transaction.atomic
def application_withdraw(*, actor: User, application: Application, reason: str = "") -> Application:
    """Withdraw before the exhibition closes: a held or assigned booth passes to the waiting list."""
    policy.require(actor, "withdraw", application)
    exhibition = lock_exhibition(application.exhibition)
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if application.status not in WITHDRAWABLE or exhibition.state in (State.CLOSED, State.REPORTED):
        raise ValidationError(_("Pendaftaran dengan status “%(status)s” tidak dapat dibatalkan.")
                              % {"status": application.get_status_display()})  # fmt: skip
    now = timezone.now()
    released = 0
    for assignment in application.assignments.select_for_update().filter(state__in=HOLDING):
        release(assignment, Release.WITHDRAWN, now)
        released += 1
    old = application.status
    application.status, application.withdrawn_at = Status.WITHDRAWN, now
    application.save(update_fields=["status", "withdrawn_at"])
    audit.record(
        actor=actor,
        action=Event.APPLICATION_WITHDRAWN,
        obj=application,
        changes={"status": [old, application.status]},
        data={"reason": (reason or "").strip()[:300], "booths_released": released},
    )
    if released:
        offer_free_booths(exhibition, actor=actor, now=now)
    return application
