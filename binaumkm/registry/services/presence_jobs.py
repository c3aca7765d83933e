"""The background jobs over digital presences (``actor`` None: the scheduler): the link checker and
dormancy. Each presence is written in its own short transaction: no database lock is held while a
remote site is being asked."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from binaumkm.core import audit
from binaumkm.registry import conf
from binaumkm.registry.events import Event
from binaumkm.registry.linkcheck import LinkResult, check_url
from binaumkm.registry.models import Presence
from binaumkm.registry.platforms import SELLING, LinkStatus, Stage


def presence_links_check(
    *,
    limit: int | None = None,
    check: Callable[[str], LinkResult] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, int]:
    """Check the links of presences that are not closed, least recently checked first; a change of
    state (ok ↔ broken) is audited. Returns {"checked", "broken"}. Does nothing when switched off."""
    if not conf.PRESENCE_LINK_CHECK:
        return {"checked": 0, "broken": 0}
    if check is None:
        timeout, agent = float(conf.PRESENCE_LINK_TIMEOUT), str(conf.PRESENCE_LINK_USER_AGENT)

        def check(url: str) -> LinkResult:
            return check_url(url, timeout=timeout, user_agent=agent)

    due = (
        Presence.objects.exclude(url="")
        .exclude(stage=Stage.CLOSED)
        .order_by(F("link_checked_at").asc(nulls_first=True), "pk")
        .values_list("pk", "url")[: limit or int(conf.PRESENCE_LINK_BATCH)]
    )
    checked = broken = 0
    for number, (pk, url) in enumerate(list(due)):
        if number:
            sleep(float(conf.PRESENCE_LINK_INTERVAL))
        result = check(url)
        checked += 1
        broken += not result.ok
        _record_link(pk, url, result)
    return {"checked": checked, "broken": broken}


@transaction.atomic
def _record_link(pk: int, url: str, result: LinkResult) -> None:
    presence = Presence.objects.select_for_update().filter(pk=pk, url=url).first()
    if presence is None:  # changed or removed while we were asking: the next run checks the new link
        return
    status = LinkStatus.OK if result.ok else LinkStatus.BROKEN
    old = presence.link_status
    presence.link_status, presence.link_problem = status, result.problem[:200]
    presence.link_checked_at = timezone.now()
    presence.save(update_fields=["link_status", "link_problem", "link_checked_at", "updated_at"])
    if old != status:
        audit.record(
            actor=None, action=Event.PRESENCE_LINK_CHECKED, obj=presence,
            changes={"link_status": [old, status]}, data={"url": url, "problem": result.problem[:200]},
        )  # fmt: skip


def _months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


@transaction.atomic
def presence_dormancy_mark(*, today: datetime.date | None = None) -> int:
    """A selling presence (first sale, active) with no confirmed activity for
    ``PRESENCE_DORMANT_MONTHS`` becomes dormant; its owner is asked to confirm (the registry's to-do
    items). Returns how many were marked."""
    today = today or timezone.localdate()
    since = _months_before(today, int(conf.PRESENCE_DORMANT_MONTHS))
    far = datetime.date(1900, 1, 1)
    last = Greatest(
        Coalesce("activity_confirmed_on", far), Coalesce("active_on", far), Coalesce("first_sale_on", far),
    )  # fmt: skip
    stale = list(
        Presence.objects.select_for_update()
        .filter(stage__in=SELLING)
        .annotate(last_activity=last)
        .filter(Q(last_activity__lt=since))
    )
    now = timezone.now()
    for presence in stale:
        presence.stage, presence.dormant_on, presence.updated_at = Stage.DORMANT, today, now
    Presence.objects.bulk_update(stale, ["stage", "dormant_on", "updated_at"], batch_size=1000)
    audit.record_many(
        actor=None, action=Event.PRESENCE_DORMANT, objs=stale, data={"since": since.isoformat()}
    )
    return len(stale)
