"""What a business was on a past day, from its dated status and verification history. Pure: plain
data in, plain data out (``registry.selectors.business_timelines`` feeds it from the database).

A change takes effect on the day it was made (WIB) and holds until the next change; several changes on
one day: the last one counts. Before the first recorded change a business had the first change's old
value (or its new value when it was registered with it); a business without any history has its
current value on every day. A business can take part in a programme on a day when it was verified and
not closed on that day (the same rule as ``registry.selectors.eligible_q``, applied to the past).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from .choices import BusinessStatus, Verification

Range = tuple[datetime.date | None, datetime.date | None]  # [from, to): None = unbounded


@dataclass(frozen=True)
class Change:
    day: datetime.date
    old: str
    new: str


@dataclass(frozen=True)
class BusinessState:
    status: str
    verification: str

    @property
    def eligible(self) -> bool:
        return self.verification == Verification.VERIFIED and self.status != BusinessStatus.CLOSED


def value_on(changes: Sequence[Change], day: datetime.date, current: str) -> str:
    """The value on ``day``; ``changes`` oldest first."""
    value = None
    for change in changes:
        if change.day > day:
            break
        value = change.new
    if value is not None:
        return value
    if changes:
        return changes[0].old or changes[0].new
    return current


@dataclass(frozen=True)
class Timeline:
    """One business's dated history (both lists oldest first) and its current values."""

    status: str
    verification: str
    status_changes: tuple[Change, ...] = ()
    verification_changes: tuple[Change, ...] = ()

    def on(self, day: datetime.date) -> BusinessState:
        return BusinessState(
            status=value_on(self.status_changes, day, self.status),
            verification=value_on(self.verification_changes, day, self.verification),
        )

    def eligible_ranges(self) -> list[Range]:
        """The stretches of days on which the business could take part, oldest first."""
        days = sorted({c.day for c in (*self.status_changes, *self.verification_changes)})
        ranges: list[Range] = []
        begin: datetime.date | None = None
        eligible = (
            self.on(days[0] - datetime.timedelta(days=1)).eligible
            if days
            else self.on(datetime.date.max).eligible
        )
        for day in days:
            now = self.on(day).eligible
            if now and not eligible:
                begin = day
            elif eligible and not now:
                ranges.append((begin, day))
            eligible = now
        if eligible:
            ranges.append((begin, None))
        return ranges
