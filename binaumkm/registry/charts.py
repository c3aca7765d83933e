"""The monthly turnover chart of one business, on the owner's and the staff's pages."""

import datetime

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from binaumkm.core.charts import time_chart


def turnover_chart(reports) -> SafeString:
    """``reports``: TurnoverReports oldest first. The axis runs from the first report to last month,
    so a month the owner did not report is a visible gap, and so are the months since the last report."""
    if not reports:
        return time_chart([], title="")
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    return time_chart(
        [(r.period, r.turnover) for r in reports],
        title=_("Omzet bulanan"),
        description=_("Omzet yang dilaporkan per bulan; bulan tanpa laporan tampil sebagai celah."),
        unit="rupiah",
        end=max(last_month, reports[-1].period),
        value_label=_("Omzet"),
    )
