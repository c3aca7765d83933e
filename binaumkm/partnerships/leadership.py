"""Partnerships' line on the leadership dashboard (the ``leadership_lines`` hook): open stores
keeping the partnership rule, from the kept compliance state (never judged per view here)."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import policy
from binaumkm.core.charts import UNITS
from binaumkm.core.hooks import LeadershipLine

from .models import Store, StoreStatus


def leadership_line(*, actor) -> LeadershipLine:
    stores = policy.scope(actor, "view", Store).filter(
        status=StoreStatus.OPEN, compliance_state__isnull=False
    )
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
