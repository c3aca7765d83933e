"""Exhibitions' line on the leadership dashboard (the ``leadership_lines`` hook): UMKM checked in
at the agency's exhibitions."""

from django.db.models import Count, Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import policy
from binaumkm.core.hooks import LeadershipLine

from .models import Application, Status


def leadership_line(*, actor) -> LeadershipLine:
    got = policy.scope(actor, "view", Application).filter(status=Status.CHECKED_IN).aggregate(
        businesses=Count("business", distinct=True), events=Count("exhibition", distinct=True), at=Max("assignments__check_ins__at"),
    )  # fmt: skip
    return LeadershipLine(
        "exhibitions", gettext_lazy("Pameran"),
        _("%(n)s UMKM tampil di pameran") % {"n": got["businesses"]},
        _("di %(events)s acara") % {"events": got["events"]},
        got["at"], reverse("exhibitions:exhibition_list"), 70,
    )  # fmt: skip
