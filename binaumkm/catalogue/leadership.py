"""The digital adoption line on the leadership dashboard (the ``leadership_lines`` hook): UMKM
binaan selling online now, from the registry's presence records (the adoption report's source)."""

from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import policy
from binaumkm.core.charts import UNITS
from binaumkm.core.hooks import LeadershipLine
from binaumkm.registry.models import Business, Presence
from binaumkm.registry.selectors import eligible_q


def leadership_line(*, actor) -> LeadershipLine:
    presences = policy.scope(actor, "view", Presence)
    businesses = policy.scope(actor, "view", Business).filter(eligible_q())
    # Counted from the presences selling, joined to an eligible business (not an EXISTS per business).
    selling = presences.filter(Q(first_sale_on__isnull=False) | Q(active_on__isnull=False)).filter(
        eligible_q("business__")
    )
    n, online = businesses.count(), selling.order_by().values("business").distinct().count()
    as_of = presences.aggregate(at=Max("updated_at"))["at"]
    return LeadershipLine(
        "digital", gettext_lazy("Adopsi digital"),
        _("%(share)s UMKM binaan berjualan online") % {"share": UNITS["percent"].full(round(100 * online / n, 1) if n else 0)},
        _("%(online)s dari %(n)s UMKM binaan (penjualan pertama atau aktif)") % {"online": online, "n": n},
        as_of, reverse("catalogue:adoption_report"), 40,
    )  # fmt: skip
