"""Mentoring's line on the leadership dashboard (the ``leadership_lines`` hook): engagements
running and completed (counts of engagements; the turnover comparison stays on the supervision page)."""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import policy
from binaumkm.core.hooks import LeadershipLine

from .models import Engagement, EngagementState


def leadership_line(*, actor) -> LeadershipLine:
    got = policy.scope(actor, "view", Engagement).aggregate(
        active=Count("pk", filter=Q(state=EngagementState.ACTIVE)),
        completed=Count("pk", filter=Q(state=EngagementState.COMPLETED)),
        businesses=Count("business", filter=Q(started_on__isnull=False), distinct=True),
        contact=Max("last_contact_on"), started=Max("started_on"),
    )  # fmt: skip
    as_of = max((d for d in (got["contact"], got["started"]) if d), default=None)
    return LeadershipLine(
        "mentoring", gettext_lazy("Pendampingan"),
        _("%(n)s pendampingan aktif") % {"n": got["active"]},
        _("%(done)s selesai; %(b)s UMKM pernah didampingi") % {"done": got["completed"], "b": got["businesses"]},
        as_of, reverse("mentoring:engagement_list"), 60,
    )  # fmt: skip
