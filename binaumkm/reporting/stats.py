"""Shares with 95 % confidence intervals and the cell-weighted comparison of helped UMKM against
comparable UMKM not helped (pure; docs/reporting.md, "Method").

- A share k/n: the Wilson score interval (good for small n and shares near 0 or 1).
- Helped against not helped: within each stratum (baseline band × sector × kecamatan) that holds
  both, compare the two shares; weight each stratum by its helped count (the helped UMKM's own mix
  of strata, "exact matching"). The difference's interval is a normal approximation:
  var = Σ w² (p_h(1−p_h)/n_h + p_o(1−p_o)/n_o). Helped UMKM in strata without any comparable are
  left out of the comparison (and counted, so the page can say how many).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Share:
    k: int
    n: int

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(self.k, self.n)


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    if n <= 0:
        return None
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True)
class Stratum:
    helped_n: int  # helped UMKM that could be assessed
    helped_k: int  # of them, recovered
    other_n: int  # comparable UMKM not helped, assessed
    other_k: int


@dataclass(frozen=True)
class Comparison:
    helped: Share  # every helped UMKM assessed (also those without comparables)
    matched_helped: int  # helped UMKM in strata that hold comparables
    matched_others: int  # comparables in those strata
    helped_share: float | None  # cell-weighted shares over the matched strata
    other_share: float | None
    difference: float | None  # helped − comparable, in share points (0.12 = 12 points)
    interval: tuple[float, float] | None  # 95 % for the difference (normal approximation)


def compare(strata: Iterable[Stratum]) -> Comparison:
    strata = list(strata)
    helped = Share(sum(s.helped_k for s in strata), sum(s.helped_n for s in strata))
    matched = [s for s in strata if s.helped_n and s.other_n]
    weight_total = sum(s.helped_n for s in matched)
    if not weight_total:
        return Comparison(helped, 0, 0, None, None, None, None)
    helped_share = other_share = variance = 0.0
    for s in matched:
        w = s.helped_n / weight_total
        ph, po = s.helped_k / s.helped_n, s.other_k / s.other_n
        helped_share += w * ph
        other_share += w * po
        variance += w * w * (ph * (1 - ph) / s.helped_n + po * (1 - po) / s.other_n)
    difference = helped_share - other_share
    half = Z95 * math.sqrt(variance)
    return Comparison(
        helped, weight_total, sum(s.other_n for s in matched), helped_share, other_share, difference,
        (difference - half, difference + half),
    )  # fmt: skip
