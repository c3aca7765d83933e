"""The compliance engine: pure functions over partnership date ranges (no database access).

A partnership counts for its store on day D when it reached activation (status active or ended),
``start_date <= D`` and (no end date or ``D < end_date``): an ended partnership stops counting *on*
its end date. Its UMKM must be verified and not closed *on D* (the registry's dated history, not its
state today): ``counting`` cuts each partnership to the days its UMKM could take part. A store is compliant on D when the number of *distinct* UMKM counting on D is at least
the required minimum. The status history is derived from the start and end events.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Interval:
    business_id: int
    start: datetime.date
    end: datetime.date | None = None  # exclusive: not counting from this day


@dataclass(frozen=True)
class Period:
    """A stretch of days with the same compliance state; ``end`` is exclusive, None = ongoing."""

    start: datetime.date
    end: datetime.date | None
    compliant: bool
    low: int  # fewest distinct partners during the period
    high: int  # most distinct partners during the period

    def days(self, today: datetime.date) -> int:
        return ((self.end or today) - self.start).days


@dataclass
class StoreCompliance:
    required: int
    active: int
    compliant: bool
    since: datetime.date
    days_in_state: int
    periods: list[Period] = field(default_factory=list)

    @property
    def shortfall(self) -> int:
        return max(self.required - self.active, 0)

    @property
    def days_out_of_compliance(self) -> int:
        return 0 if self.compliant else self.days_in_state


def counting(intervals, eligible_ranges) -> list[Interval]:
    """The parts of each partnership on which its UMKM was verified and not closed.

    ``eligible_ranges``: {business_id: [(from or None, to_exclusive or None)]}
    (``registry.history.Timeline.eligible_ranges``); a business missing from it never counts."""
    out = []
    for iv in intervals:
        for begin, stop in eligible_ranges.get(iv.business_id, ()):
            start = iv.start if begin is None else max(iv.start, begin)
            end = iv.end if stop is None else (stop if iv.end is None else min(iv.end, stop))
            if end is None or start < end:
                out.append(Interval(iv.business_id, start, end))
    return out


def count_on(intervals, day: datetime.date) -> int:
    """Distinct UMKM whose partnership counts on ``day``."""
    return len({iv.business_id for iv in intervals if iv.start <= day and (iv.end is None or day < iv.end)})


def segments(intervals, *, start: datetime.date, today: datetime.date) -> list[tuple]:
    """[(from, to_exclusive or None, distinct count)] from ``start`` to ``today``, one per change."""
    deltas = defaultdict(list)
    for iv in intervals:
        begin = max(iv.start, start)
        if begin > today or (iv.end is not None and iv.end <= begin):
            continue
        deltas[begin].append((iv.business_id, 1))
        if iv.end is not None and iv.end <= today:
            deltas[iv.end].append((iv.business_id, -1))
    holders: Counter = Counter()
    out = []
    seg_from, seg_count = start, 0
    for day in sorted(deltas):
        for business_id, step in deltas[day]:
            holders[business_id] += step
            if holders[business_id] == 0:
                del holders[business_id]
        count = len(holders)
        if day == seg_from:
            seg_count = count
        elif count != seg_count:
            out.append((seg_from, day, seg_count))
            seg_from, seg_count = day, count
    out.append((seg_from, None, seg_count))
    return out


def history(intervals, *, required: int, start: datetime.date, today: datetime.date) -> list[Period]:
    """Compliance periods, oldest first: consecutive segments with the same state merged."""
    periods: list[Period] = []
    for seg_from, seg_to, count in segments(intervals, start=start, today=today):
        compliant = count >= required
        if periods and periods[-1].compliant == compliant:
            last = periods[-1]
            periods[-1] = Period(last.start, seg_to, compliant, min(last.low, count), max(last.high, count))
        else:
            periods.append(Period(seg_from, seg_to, compliant, count, count))
    return periods


def evaluate(intervals, *, required: int, start: datetime.date, today: datetime.date) -> StoreCompliance:
    """The store's state today, since when it holds, and its whole history."""
    start = min(start, today)
    periods = history(intervals, required=required, start=start, today=today)
    current = periods[-1]
    active = count_on(intervals, today)
    return StoreCompliance(
        required=required,
        active=active,
        compliant=active >= required,
        since=current.start,
        days_in_state=(today - current.start).days,
        periods=periods,
    )


def month_ends(today: datetime.date, months: int) -> list[datetime.date]:
    """The last day of each of the last ``months`` months, the current month ending today."""
    out = [today]
    first = today.replace(day=1)
    for _ in range(months - 1):
        last_of_previous = first - datetime.timedelta(days=1)
        out.append(last_of_previous)
        first = last_of_previous.replace(day=1)
    return out[::-1]


def series(stores, intervals_by_store, *, days) -> list[tuple[datetime.date, int, int]]:
    """[(day, compliant stores, non-compliant stores)] for stores open on each day.

    ``stores``: iterable of (store_id, opened_on, closed_on or None, required)."""
    out = []
    for day in days:
        ok = short = 0
        for store_id, opened_on, closed_on, required in stores:
            if opened_on > day or (closed_on is not None and closed_on <= day):
                continue
            if count_on(intervals_by_store.get(store_id, ()), day) >= required:
                ok += 1
            else:
                short += 1
        out.append((day, ok, short))
    return out
