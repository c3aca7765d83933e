"""Training's line on the leadership dashboard (the ``leadership_lines`` hook): the share of UMKM
binaan that ever passed a training, from the coverage report's own selector."""

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import policy
from binaumkm.core.charts import UNITS
from binaumkm.core.hooks import LeadershipLine

from .models import Registration
from .selectors import coverage


def leadership_line(*, actor) -> LeadershipLine:
    total = coverage(actor=actor).total
    as_of = policy.scope(actor, "view", Registration).aggregate(at=Max("created_at"))["at"]
    return LeadershipLine(
        "training", gettext_lazy("Cakupan pelatihan"),
        _("%(share)s UMKM binaan pernah lulus pelatihan") % {"share": UNITS["percent"].full(total.trained_pct)},
        _("%(trained)s dari %(binaan)s UMKM; %(seats)s kursi") % {"trained": total.trained, "binaan": total.binaan,
                                                                   "seats": total.seats},
        as_of, reverse("training:coverage"), 30,
    )  # fmt: skip
