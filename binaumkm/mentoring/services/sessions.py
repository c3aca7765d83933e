"""Sessions: the mentor records one (the owner is sent a one-time confirmation link), the owner
confirms it from their home page or the link. Confirmed minutes feed the honorarium report."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.validators import validate_no_html

from ..confirmation import new_nonce
from ..events import Event
from ..models import MAX_MINUTES, ConfirmedVia, Engagement, EngagementState, Session, SessionMode, Topic
from ..selectors.owner import session_from_link
from .engagements import goals_check

TEXT_LIMITS = {"summary": 2000, "private_notes": 2000, "next_steps": 1000}


def _clean(engagement: Engagement, data: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    errors: dict[str, str] = {}
    held_on = data.get("held_on")
    if not isinstance(held_on, datetime.date):
        errors["held_on"] = _("Isi tanggal sesi.")
    elif held_on > today:
        errors["held_on"] = _("Tanggal sesi tidak boleh di masa depan.")
    elif held_on < engagement.created_at.astimezone(timezone.get_current_timezone()).date():
        errors["held_on"] = _("Tanggal sesi sebelum pendampingan dimulai.")
    minutes = data.get("minutes")
    if not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        errors["minutes"] = _("Durasi 1 sampai %(max)d menit.") % {"max": MAX_MINUTES}
    if data.get("mode") not in SessionMode.values:
        errors["mode"] = _("Pilih cara sesi.")
    topics = list(data.get("topics") or [])
    if any(t not in Topic.values for t in topics):
        errors["topics"] = _("Topik tidak dikenal.")
    summary = (data.get("summary") or "").strip()
    if not summary:
        errors["summary"] = _("Tulis ringkasan untuk pemilik.")
    texts = {}
    for field, limit in TEXT_LIMITS.items():
        value = (data.get(field) or "").strip()
        if len(value) > limit:
            errors[field] = _("Paling banyak %(n)d karakter.") % {"n": limit}
        texts[field] = value
    next_visit = data.get("next_visit_on")
    if next_visit and isinstance(held_on, datetime.date) and next_visit < held_on:
        errors["next_visit_on"] = _("Kunjungan berikutnya tidak boleh sebelum sesi ini.")
    if errors:
        raise ValidationError(errors)
    for value in texts.values():
        validate_no_html(value)
    return {"held_on": held_on, "minutes": minutes, "mode": data["mode"], "topics": topics, **texts}


@transaction.atomic
def session_record(*, actor: User, engagement: Engagement, data: dict[str, Any]) -> Session:
    """Log a session held by the engagement's mentor (staff may enter one for them)."""
    policy.require(actor, "change", engagement)
    policy.require(actor, "add", Session)
    engagement = Engagement.objects.select_for_update().select_related("mentor").get(pk=engagement.pk)
    if engagement.state not in (EngagementState.INTAKE, EngagementState.ACTIVE):
        raise ValidationError(
            _(
                "Sesi hanya dicatat untuk pendampingan yang berstatus asesmen awal atau aktif (sekarang: %(state)s)."
            )
            % {"state": engagement.get_state_display()}
        )
    today = timezone.localdate()
    cleaned = _clean(engagement, data, today)
    session = Session.objects.create(
        engagement=engagement, mentor=engagement.mentor, recorded_by=actor, confirm_nonce=new_nonce(),
        photo=data.get("photo") or "", **cleaned,
    )  # fmt: skip
    fields = ["updated_at"]
    if engagement.last_contact_on is None or session.held_on > engagement.last_contact_on:
        engagement.last_contact_on = session.held_on
        fields.append("last_contact_on")
    if "next_visit_on" in data:
        engagement.next_visit_on = data.get("next_visit_on")
        fields.append("next_visit_on")
    engagement.save(update_fields=fields)
    # The audit entry names the session, never its notes.
    audit.record(actor=actor, action=Event.SESSION_RECORDED, obj=session,
                 data={"engagement": engagement.pk, "mode": session.mode, "minutes": session.minutes})  # fmt: skip
    goals_check(engagements=[engagement])
    from ..tasks import session_notify_task

    transaction.on_commit(lambda: session_notify_task.enqueue(session.pk))
    return session


def _confirm(session: Session, via: str, nonce: str | None = None) -> Session:
    session = Session.objects.select_for_update().get(pk=session.pk)
    if nonce is not None and (not session.confirm_nonce or session.confirm_nonce != nonce):
        raise ValidationError(_("Tautan konfirmasi ini sudah dipakai atau tidak berlaku lagi."))
    if session.confirmed_at is not None:
        raise ValidationError(_("Sesi ini sudah dikonfirmasi."))
    session.confirmed_at = timezone.now()
    session.confirmed_via = via
    session.confirm_nonce = ""  # the link dies with its first use
    session.save(update_fields=["confirmed_at", "confirmed_via", "confirm_nonce", "updated_at"])
    return session


@transaction.atomic
def session_confirm(*, actor: User, session: Session) -> Session:
    """The owner confirms, from their home page, that the session took place."""
    policy.require(actor, "confirm", session)
    session = _confirm(session, ConfirmedVia.HOME)
    audit.record(
        actor=actor, action=Event.SESSION_CONFIRMED, obj=session, data={"via": session.confirmed_via}
    )
    return session


@transaction.atomic
def session_confirm_by_link(*, token: str) -> Session:
    """The owner confirms with the one-time link (no login): the link must be genuine, unexpired,
    and its nonce still the session's; confirming clears it, so a second use is refused."""
    session = session_from_link(token)
    session = _confirm(session, ConfirmedVia.LINK, nonce=session.confirm_nonce)
    audit.record(actor=None, action=Event.SESSION_CONFIRMED, obj=session, data={"via": session.confirmed_via})
    return session
