"""Partnerships' line on the leadership dashboard (the ``leadership_lines`` hook): open stores
keeping the partnership rule, from the kept compliance state — brought up to date first, as the
compliance dashboard does, so a store whose state a change dropped is still counted (the dashboard
computes its lines once per snapshot refresh, not per view)."""

import datetime

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import policy
from binaumkm.core.charts import UNITS
from binaumkm.core.hooks import LeadershipLine

from . import compliance_state
from .models import Store, StoreStatus


def leadership_line(*, actor, today: datetime.date | None = None) -> LeadershipLine:
    visible = policy.scope(actor, "view", Store)
    compliance_state.states_current(visible, today or timezone.localdate())
    stores = visible.filter(status=StoreStatus.OPEN)
    got = stores.aggregate(
        n=Count("pk"),
        ok=Count("pk", filter=Q(compliance_state__compliant=True)),
        as_of=Min("compliance_state__as_of"),
    )
    n, ok = got["n"], got["ok"]
    return LeadershipLine(
        "compliance", gettext_lazy("Kepatuhan toko modern"),
        _("%(ok)s dari %(n)s toko patuh") % {"ok": ok, "n": n},
        _("%(share)s toko modern yang buka memenuhi kewajiban kemitraan") % {"share": UNITS["percent"].full(round(100 * ok / n) if n else 0)},
        got["as_of"], reverse("partnerships:dashboard"), 10,
    )  # fmt: skip
