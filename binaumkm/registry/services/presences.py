"""Writes of digital presences (a business on one platform, ``models.Presence``): the owner or staff
record and advance it, staff verify it and record a workshop that assisted many businesses at once,
and the background jobs mark dormant shops and the result of a link check. Atomic and audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.registry.events import Event
from binaumkm.registry.models import Business, Presence
from binaumkm.registry.platforms import SELLING, STAGE_DATE_FIELD, LinkStatus, Platform, Stage
from binaumkm.registry.platforms import url_problem as presence_url_problem

PRESENCE_FIELDS = ["stage", "url", "order_band", "assisted_by", "evidence"]
TRACKED = ["stage", "url", "order_band", "assisted_by", "verified_at", *STAGE_DATE_FIELD.values()]


def _enter_stage(presence: Presence, stage: str, day: datetime.date) -> None:
    """Move to ``stage`` and date it (a date already held is kept: the first time counts)."""
    presence.stage = stage
    field = STAGE_DATE_FIELD[Stage(stage)]
    if getattr(presence, field) is None or stage in (Stage.DORMANT, Stage.ACTIVE):
        setattr(presence, field, day)
    if stage in SELLING:
        presence.activity_confirmed_on = day


@transaction.atomic
def presence_save(*, actor: User, business: Business, platform: str, data: dict[str, Any]) -> Presence:
    """Record or update the business's presence on ``platform``: stage (dated ``data["stage_on"]``,
    default today), link, evidence, order band, who assisted. An owner's change needs staff's
    verification again."""
    policy.require(actor, "change", business)
    if platform not in Platform.values:
        raise ValidationError({"platform": _("Pilih platform dari daftar.")})
    url = (data.get("url") or "").strip()
    if problem := presence_url_problem(platform, url):
        raise ValidationError({"url": problem})
    day = data.get("stage_on") or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError({"stage_on": _("Tanggal tidak boleh di masa depan.")})
    found = Presence.objects.select_for_update().filter(business=business, platform=platform).first()
    created = found is None
    presence = found or Presence(business=business, platform=platform)
    if not created:
        policy.require(actor, "change", presence)
    before = audit.snapshot(presence, TRACKED)
    stage = data.get("stage") or presence.stage
    if created or stage != presence.stage:
        _enter_stage(presence, stage, day)
    presence.url = url
    presence.order_band = data.get("order_band") or ""
    presence.assisted_by = (data.get("assisted_by") or presence.assisted_by or "").strip()[:200]
    if data.get("evidence"):
        presence.evidence = data["evidence"]
    if url != before["url"]:
        presence.link_status, presence.link_problem, presence.link_checked_at = LinkStatus.UNCHECKED, "", None
    if not policy.can(actor, "verify", presence):
        presence.verified_at, presence.verified_by = None, None
    presence.full_clean(exclude=["business", "evidence"])
    presence.save()
    changes = audit.diff(before, audit.snapshot(presence, TRACKED))
    if created or changes:
        action = Event.PRESENCE_CREATED if created else Event.PRESENCE_UPDATED
        audit.record(actor=actor, action=action, obj=presence, changes=changes)
    return presence


@transaction.atomic
def presence_verify(*, actor: User, presence: Presence) -> Presence:
    """Staff confirm the presence as recorded (they saw the shop, or the evidence)."""
    policy.require(actor, "verify", presence)
    presence = Presence.objects.select_for_update().get(pk=presence.pk)
    if presence.verified_at is not None:
        raise ValidationError(_("Kehadiran digital ini sudah diverifikasi."))
    presence.verified_at, presence.verified_by = timezone.now(), actor
    presence.save(update_fields=["verified_at", "verified_by", "updated_at"])
    audit.record(actor=actor, action=Event.PRESENCE_VERIFIED, obj=presence)
    return presence


@transaction.atomic
def presence_session_record(
    *, actor: User, platform: str, day: datetime.date, assisted_by: str, businesses: Iterable[Business]
) -> list[Presence]:
    """One assisted onboarding session (a partner's workshop) for many businesses: each gets an
    "assisted" presence on ``platform`` dated ``day``; one already further keeps its stage and only
    gains the assisted date (the funnel counts from it)."""
    policy.require(actor, "record_session", Presence)
    businesses = list(businesses)
    if not businesses:
        raise ValidationError({"businesses": _("Pilih paling sedikit satu usaha.")})
    if platform not in Platform.values:
        raise ValidationError({"platform": _("Pilih platform dari daftar.")})
    if day > timezone.localdate():
        raise ValidationError({"day": _("Tanggal tidak boleh di masa depan.")})
    existing = {
        p.business_id: p
        for p in Presence.objects.select_for_update().filter(platform=platform, business__in=businesses)
    }
    touched = []
    for business in businesses:
        presence = existing.get(business.pk) or Presence(business=business, platform=platform)
        if presence.pk is None or presence.stage == Stage.PLANNED:
            _enter_stage(presence, Stage.ASSISTED, day)
        elif presence.assisted_on is None:
            presence.assisted_on = day
        presence.assisted_by = assisted_by.strip()[:200] or presence.assisted_by
        presence.save()
        touched.append(presence)
    audit.record_many(
        actor=actor, action=Event.PRESENCE_ASSISTED, objs=touched,
        data={"platform": platform, "day": day.isoformat(), "assisted_by": assisted_by[:200]},
    )  # fmt: skip
    return touched


@transaction.atomic
def presence_confirm_active(*, actor: User, presence: Presence) -> Presence:
    """The owner answers "masih aktif": a dormant (or still selling) shop is active again from today."""
    policy.require(actor, "change", presence)
    presence = Presence.objects.select_for_update().get(pk=presence.pk)
    if presence.stage not in (Stage.DORMANT, Stage.ACTIVE, Stage.FIRST_SALE):
        raise ValidationError(_("Hanya toko yang sudah berjualan yang bisa dikonfirmasi masih aktif."))
    before = audit.snapshot(presence, TRACKED)
    _enter_stage(presence, Stage.ACTIVE, timezone.localdate())
    presence.save()
    audit.record(
        actor=actor, action=Event.PRESENCE_CONFIRMED, obj=presence,
        changes=audit.diff(before, audit.snapshot(presence, TRACKED)),
    )  # fmt: skip
    return presence
