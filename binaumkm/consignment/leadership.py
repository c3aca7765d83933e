"""Consignment's line on the leadership dashboard (the ``leadership_lines`` hook): sales at the
outlets last month against the month before."""

import datetime

from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import policy
from binaumkm.core.hooks import LeadershipLine
from binaumkm.core.money import format_rupiah

from .models import Sale


def leadership_line(*, actor, today: datetime.date | None = None) -> LeadershipLine:
    today = today or timezone.localdate()
    this = today.replace(day=1)
    last = (this - datetime.timedelta(days=1)).replace(day=1)
    before = (last - datetime.timedelta(days=1)).replace(day=1)
    sales = policy.scope(actor, "view", Sale).filter(cancelled_at__isnull=True)
    got = sales.aggregate(
        last=Sum("gross", filter=Q(sold_on__gte=last, sold_on__lt=this)),
        before=Sum("gross", filter=Q(sold_on__gte=before, sold_on__lt=last)),
        businesses=Count("business", filter=Q(sold_on__gte=last, sold_on__lt=this), distinct=True),
        as_of=Max("created_at"),
    )  # fmt: skip
    return LeadershipLine(
        "consignment", gettext_lazy("Penjualan titip jual"),
        _("%(amount)s pada %(month)s") % {"amount": format_rupiah(got["last"] or 0), "month": date_format(last, "F Y")},
        _("%(n)s UMKM terjual; bulan sebelumnya %(before)s") % {"n": got["businesses"],
                                                                   "before": format_rupiah(got["before"] or 0)},
        got["as_of"], reverse("consignment:report"), 20,
    )  # fmt: skip
