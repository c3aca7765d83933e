"""Figures for the reports: medians, and whether financed UMKM grew their turnover more than similar
UMKM that were not financed. Pure: plain numbers in and out."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import median as _median
from typing import Any


def median(values: Iterable[float]) -> float | None:
    values = list(values)
    return float(_median(values)) if values else None


def month_add(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def turnover_change(series: Mapping[datetime.date, int], anchor: datetime.date, window: int) -> float | None:
    """Relative change of average monthly turnover: the ``window`` months before the disbursal month
    against ``window`` months starting ``window`` months after it (money takes time to work).
    None when a month of either window is missing or the months before sum to zero."""
    before = [series.get(month_add(anchor, -k)) for k in range(1, window + 1)]
    after = [series.get(month_add(anchor, window + k)) for k in range(window)]
    if any(v is None for v in before + after):
        return None
    base = sum(before)  # type: ignore[arg-type]
    if base <= 0:
        return None
    return sum(after) / base - 1  # type: ignore[arg-type]


@dataclass(frozen=True)
class Comparison:
    financed: int  # financed UMKM with turnover in both windows
    financed_median: float | None
    peers: int  # comparisons made with similar unfinanced UMKM
    peers_median: float | None

    @property
    def difference(self) -> float | None:
        if self.financed_median is None or self.peers_median is None:
            return None
        return self.financed_median - self.peers_median


def compare(
    financed: Sequence[tuple[int, datetime.date, Any]],
    peers_by_group: Mapping[Any, Sequence[int]],
    series: Mapping[int, Mapping[datetime.date, int]],
    *,
    window: int,
    peers_per_business: int = 50,
) -> Comparison:
    """``financed``: (business id, disbursal month, group key such as (sector, size)). Each is
    compared with up to ``peers_per_business`` unfinanced businesses of its group over the same
    months; the medians of both changes are reported."""
    own, others = [], []
    for business_id, anchor, group in financed:
        change = turnover_change(series.get(business_id, {}), anchor, window)
        if change is None:
            continue
        own.append(change)
        taken = 0
        for peer in peers_by_group.get(group, ()):
            if taken >= peers_per_business:
                break
            peer_change = turnover_change(series.get(peer, {}), anchor, window)
            if peer_change is not None:
                others.append(peer_change)
                taken += 1
    return Comparison(len(own), median(own), len(others), median(others))
