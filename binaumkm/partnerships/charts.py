"""Compliant and non-compliant stores per month-end, stacked, drawn by the one chart component."""

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from binaumkm.core.charts import stacked_bar_chart


def compliance_chart(points) -> SafeString:
    """``points``: [(day, compliant, non-compliant)], oldest first; the share compliant above each bar."""
    shares = [f"{round(100 * ok / (ok + short)) if ok + short else 0}%" for _d, ok, short in points]
    return stacked_bar_chart(
        [date_format(day, "M y") for day, _ok, _short in points],
        [
            (_("patuh").capitalize(), "green", [ok for _d, ok, _s in points]),
            (_("belum patuh").capitalize(), "red", [short for _d, _ok, short in points]),
        ],
        title=_("Toko patuh dan belum patuh per akhir bulan"),
        description=_("Jumlah toko modern yang memenuhi kewajiban kemitraan pada akhir tiap bulan."),
        top_labels=shares,
    )
