"""Outcomes of completed engagements against comparable UMKM that were not mentored (pure).

For each completed engagement: the average monthly turnover over ``months`` months before it
started and over ``months`` months from its end (or the latest months reported), and the change
between them. The comparison group of an engagement is the UMKM never mentored in the same KBLI
section and kecamatan, measured over the *same* calendar windows, so seasons and the city's
economy affect both sides alike. Engagements without turnover in both windows are counted but not
measured.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import mean, median

Series = Mapping[datetime.date, int]  # first day of month -> turnover


@dataclass(frozen=True)
class Completed:
    business_id: int
    sector: str
    kecamatan_id: int
    started: datetime.date
    ended: datetime.date
    goals_total: int
    goals_met: int


@dataclass
class Summary:
    completed: int
    measured: int
    mentored_change: float | None  # median relative change of turnover
    mentored_improved: float | None  # share whose turnover rose
    comparable_change: float | None
    comparable_improved: float | None
    comparable_count: int  # distinct comparable UMKM measured
    goals_total: int
    goals_met: int

    @property
    def goals_share(self) -> float | None:
        return self.goals_met / self.goals_total if self.goals_total else None


def month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, n: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def windows(item: Completed, months: int) -> tuple[list[datetime.date], list[datetime.date]]:
    """(the months before the engagement started, the months from its end)."""
    start, end = month(item.started), month(item.ended)
    before = [add_months(start, -k) for k in range(1, months + 1)]
    after = [add_months(end, k) for k in range(months)]
    return before, after


def change(series: Series, before, after) -> float | None:
    first = [series[m] for m in before if m in series]
    last = [series[m] for m in after if m in series]
    if not first or not last or mean(first) <= 0:
        return None
    return mean(last) / mean(first) - 1


def summarise(
    completed: Sequence[Completed],
    series: Mapping[int, Series],
    comparables: Mapping[tuple[str, int], Sequence[int]],
    *,
    months: int = 3,
) -> Summary:
    mentored, compared, seen = [], [], set()
    for item in completed:
        before, after = windows(item, months)
        own = change(series.get(item.business_id, {}), before, after)
        if own is None:
            continue
        mentored.append(own)
        for other in comparables.get((item.sector, item.kecamatan_id), ()):
            value = change(series.get(other, {}), before, after)
            if value is not None:
                compared.append(value)
                seen.add(other)
    return Summary(
        completed=len(completed),
        measured=len(mentored),
        mentored_change=median(mentored) if mentored else None,
        mentored_improved=sum(v > 0 for v in mentored) / len(mentored) if mentored else None,
        comparable_change=median(compared) if compared else None,
        comparable_improved=sum(v > 0 for v in compared) / len(compared) if compared else None,
        comparable_count=len(seen),
        goals_total=sum(i.goals_total for i in completed),
        goals_met=sum(i.goals_met for i in completed),
    )
