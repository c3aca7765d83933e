"""Financing's line on the leadership dashboard (the ``leadership_lines`` hook): financing
disbursed to UMKM binaan through the referrals the actor may report on."""

from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core.hooks import LeadershipLine
from binaumkm.core.money import format_rupiah

from .selectors.reports import DISBURSED, reportable


def leadership_line(*, actor) -> LeadershipLine:
    referrals = reportable(actor=actor)
    got = referrals.aggregate(sent=Count("pk"), latest=Max("sent_at"))
    paid = referrals.filter(DISBURSED).aggregate(
        n=Count("business", distinct=True), amount=Sum("disbursed_amount"), latest=Max("disbursed_on")
    )
    as_of = max((d for d in (got["latest"] and got["latest"].date(), paid["latest"]) if d), default=None)
    return LeadershipLine(
        "financing", gettext_lazy("Pembiayaan"),
        _("%(amount)s dicairkan") % {"amount": format_rupiah(paid["amount"] or 0)},
        _("%(n)s UMKM menerima pembiayaan dari %(sent)s rujukan ke bank") % {"n": paid["n"], "sent": got["sent"]},
        as_of, reverse("financing:report"), 50,
    )  # fmt: skip
