"""Reads of the leadership dashboard ("Dasbor pimpinan", /laporan/dasbor/): the key figures of a
month with their change from the month before and the same month a year earlier, all from the
monthly snapshots in one grouped query (docs/reporting.md, "Dasbor pimpinan"). The trend, the
funnel and the map reuse ``selectors``; each module's line comes through ``core.hooks``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Sum
from django.utils.translation import gettext as _

from binaumkm.core import policy

from .models import Snapshot
from .months import add_months
from .selectors import help_kinds, snapshot_runs

Value = int | float | None


@dataclass(frozen=True)
class Figure:
    """One key figure: its value in the month, a month earlier and a year earlier (None: that
    month is not in the snapshots, or nothing to divide by). ``unit``: "count" or "percent"; a
    percent's change is in percentage points."""

    key: str
    label: str
    unit: str
    value: Value
    previous: Value
    year_ago: Value
    detail: str = ""

    @staticmethod
    def _change(now: Value, then: Value) -> Value:
        if now is None or then is None:
            return None
        return round(now - then, 1) if isinstance(now, float) or isinstance(then, float) else now - then

    @property
    def change_month(self) -> Value:
        return self._change(self.value, self.previous)

    @property
    def change_year(self) -> Value:
        return self._change(self.value, self.year_ago)


def _pct(k: int, n: int) -> float | None:
    return round(100 * k / n, 1) if n else None


def _month_counts(rows: list[dict], online_bit: int | None) -> dict[str, int]:
    """Totals of one month from its rows grouped by ``help_bits``."""
    got = dict.fromkeys(
        ("registered", "closed", "verified", "assessed", "recovered", "open", "online", "helped"), 0
    )
    for row in rows:
        open_ = row["registered"] - row["closed"]
        for key in ("registered", "closed", "verified", "assessed", "recovered"):
            got[key] += row[key]
        got["open"] += open_
        if row["help_bits"]:
            got["helped"] += open_
        if online_bit is not None and row["help_bits"] & (1 << online_bit):
            got["online"] += open_
    return got


def key_figures(*, actor, month: datetime.date) -> list[Figure]:
    """UMKM registered and not closed (the snapshots do not hold verified-and-not-closed, the
    glossary's "binaan"), verified, recovered share (and count), selling online,
    helped — for ``month``, the month before and the same month last year (one query)."""
    run = snapshot_runs(actor=actor)["done"]
    online_bit = next((bit for bit, name, _label in help_kinds(run) if name == "online"), None)
    months = [month, add_months(month, -1), add_months(month, -12)]
    rows = (
        policy.scope(actor, "view", Snapshot).filter(month__in=months).values("month", "help_bits")
        .annotate(**{c: Sum(c) for c in ("registered", "closed", "verified", "assessed", "recovered")})
        .order_by()
    )  # fmt: skip
    by_month: dict[datetime.date, list[dict]] = {}
    for row in rows:
        by_month.setdefault(row["month"], []).append(row)
    counts = [_month_counts(by_month[m], online_bit) if m in by_month else None for m in months]

    def figure(key, label, unit, of, detail=""):
        now, previous, year_ago = (of(c) if c is not None else None for c in counts)
        return Figure(key, label, unit, now, previous, year_ago, detail)

    now = counts[0] or _month_counts([], online_bit)
    return [
        figure("registered", _("UMKM terdaftar"), "count", lambda c: c["open"],
               _("belum tutup pada akhir bulan")),
        figure("verified", _("Terverifikasi"), "count", lambda c: c["verified"]),
        figure("recovered_share", _("UMKM pulih"), "percent", lambda c: _pct(c["recovered"], c["assessed"]),
               _("%(k)s dari %(n)s yang dapat dinilai") % {"k": now["recovered"], "n": now["assessed"]}),
        figure("recovered", _("UMKM pulih (jumlah)"), "count", lambda c: c["recovered"]),
        figure("online_share", _("Berjualan online"), "percent", lambda c: _pct(c["online"], c["open"]),
               _("%(k)s UMKM terdaftar") % {"k": now["online"]}),
        figure("helped_share", _("Pernah dibantu"), "percent", lambda c: _pct(c["helped"], c["open"]),
               _("%(k)s UMKM terdaftar mendapat bantuan apa pun") % {"k": now["helped"]}),
    ]  # fmt: skip
