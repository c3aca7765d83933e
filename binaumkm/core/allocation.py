"""Fair allocation of scarce places (training seats, exhibition booths) as a pure function over plain
tuples: no database, no Django. Every module that allocates uses this one engine.

An applicant is ``(id, pools, tier, weight, priority)``: ``pools`` holds the applicant's key in each
quota dimension (``(kecamatan,)`` for training, ``(kecamatan, sector)`` for exhibitions; ``None`` is
"outside every reserve of that dimension"). The order of filling (docs/training.md, docs/exhibitions.md):

1. Each quota dimension reserves places per key (``Quota.proportional`` rounds shares with the
   largest-remainder method, Hamilton, so a dimension's reserves add up exactly to what it splits).
2. Every applicant gets a lottery key (Efraimidis–Spirakis weighted sampling: ``u ** (1 / w)``, kept
   as ``ln(u) / w`` which orders the same way), from one generator seeded with the recorded seed and
   visited in id order, so the same seed and applicants give the same keys.
3. Applicants are ordered by priority (higher first), then tier (lower first), then lottery key
   (higher first), then id.
4. The dimensions' reserves are filled one dimension after the other, each from its key's own
   applicants in that order. Applicants already chosen by an earlier dimension count towards a later
   dimension's reserve of their key (so the reserves are guaranteed minimums, not extra places), and
   nobody is chosen once every place is taken. A reserve its key cannot fill returns to the open pool.
5. The open pool (every place the reserves left) is filled from everyone left, in the same order.
6. Everyone else is on the waiting list in that same order.
"""

from __future__ import annotations

import hashlib
import math
import random
from array import array
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

POOL_OPEN = "umum"  # the pool of a place the reserves left; a reserve's pool is its quota's name


class Applicant(NamedTuple):
    id: int
    pools: tuple[Any, ...]  # the applicant's key in each quota dimension, in the order of ``quotas``
    tier: int = 1
    weight: float = 1.0
    priority: int = 0


class Placement(NamedTuple):
    id: int
    selected: bool
    pool: str  # the name of the quota whose reserve seated them, POOL_OPEN, or "" (waiting list)
    rank: int  # 1-based: the selected first, then the waiting list, each in fill order
    key: float


@dataclass(frozen=True)
class Quota:
    """One dimension of reserves: ``seats[key]`` places kept for the applicants with that key."""

    name: str
    seats: Mapping[Any, int]

    @classmethod
    def proportional(cls, name: str, seats: int, shares: Mapping[Any, int]) -> Quota:
        """Split ``seats`` over the keys in proportion to ``shares`` (largest remainder)."""
        return cls(name, largest_remainder(seats, shares))


@dataclass
class Allocation:
    seed: int
    seats: int
    quotas: dict[str, dict[Any, int]]  # per quota name: {key: reserved places}
    placements: list[Placement]
    digest: str
    # Per quota name and key: target (reserved), applicants, reserved (seated by this reserve) and
    # open (seated otherwise: by another dimension's reserve or the open pool).
    summary: dict[str, dict[Any, dict[str, int]]] = field(default_factory=dict)
    by_tier: dict[int, tuple[int, int]] = field(default_factory=dict)  # tier: (selected, applicants)

    @property
    def selected(self) -> list[Placement]:
        return [p for p in self.placements if p.selected]

    @property
    def waiting(self) -> list[Placement]:
        return [p for p in self.placements if not p.selected]


def largest_remainder(seats: int, shares: Mapping[Any, int]) -> dict[Any, int]:
    """Split ``seats`` over keys in proportion to ``shares`` (Hamilton's method, exact integers).
    Ties in the remainder go to the larger share, then the smaller key."""
    total = sum(shares.values())
    if seats <= 0 or total <= 0:
        return dict.fromkeys(shares, 0)
    quotas = {k: seats * n // total for k, n in shares.items()}
    left = seats - sum(quotas.values())
    by_remainder = sorted(shares, key=lambda k: (-(seats * shares[k] % total), -shares[k], _sortable(k)))
    for k in by_remainder[:left]:
        quotas[k] += 1
    return quotas


def _sortable(value: Hashable | None) -> tuple[bool, str, Any]:
    """Keys of one dimension sort together whatever their type (ids, codes, None last)."""
    if value is None:
        return (True, "", 0)
    return (False, type(value).__name__, value)


def _keys(by_id: list[Applicant], seed: int) -> list[float]:
    """Keys for applicants already sorted by id, from one generator seeded with ``seed``."""
    if by_id and min(a[3] for a in by_id) <= 0:
        raise ValueError("weights must be positive")
    draw, log = random.Random(seed).random, math.log
    return [log(1.0 - draw()) / a[3] for a in by_id]  # 1 - random() lies in (0, 1]


def lottery_keys(applicants: Sequence[Applicant], seed: int) -> dict[int, float]:
    """Efraimidis–Spirakis keys ``ln(u) / w`` (higher wins); reproducible from ``seed``."""
    by_id = sorted(applicants, key=itemgetter(0))
    return dict(zip([a[0] for a in by_id], _keys(by_id, seed), strict=True))


def digest(applicants: Sequence[Applicant], seats: int, quotas: Sequence[Quota] = ()) -> str:
    """A fingerprint of the inputs: a preview is only published if nothing changed since."""
    return _digest(sorted(applicants, key=itemgetter(0)), seats, quotas)


def _digest(by_id: list[Applicant], seats: int, quotas: Sequence[Quota]) -> str:
    reserves = [(q.name, sorted(q.seats.items(), key=lambda kv: _sortable(kv[0]))) for q in quotas]
    h = hashlib.sha256(f"{seats}|{reserves}".encode())
    h.update(array("d", [x for a in by_id for x in (a[0], a[2], a[3], a[4])]).tobytes())
    h.update(repr([a[1] for a in by_id]).encode())
    return h.hexdigest()[:16]


def allocate(
    applicants: Sequence[Applicant], *, seats: int, seed: int, quotas: Sequence[Quota] = ()
) -> Allocation:
    """Place every applicant: selected (from a reserve or the open pool) or waiting."""
    by_id = sorted(applicants, key=itemgetter(0))
    if len({a[0] for a in by_id}) != len(by_id):
        raise ValueError("duplicate applicant ids")
    if len({q.name for q in quotas}) != len(quotas) or any(q.name == POOL_OPEN for q in quotas):
        raise ValueError("quota names must be distinct and not the open pool's")
    if any(len(a[1]) != len(quotas) for a in by_id):
        raise ValueError("each applicant needs one pool key per quota")
    keys = _keys(by_id, seed)
    # Fill order: priority (high first), tier (low first), key (high first), id. Stable sorts on
    # plain numbers (much faster than comparing tuples): by key descending (ties keep id order),
    # then by tier, then by priority.
    negated = [-k for k in keys]
    order = sorted(range(len(by_id)), key=negated.__getitem__)
    tiers = [a[2] for a in by_id]
    order.sort(key=tiers.__getitem__)
    if any(a[4] for a in by_id):
        negated_priority = [-a[4] for a in by_id]
        order.sort(key=negated_priority.__getitem__)

    # 1. Each dimension's reserves, from each key's own applicants in fill order; the chosen of
    # earlier dimensions count towards a later dimension's reserve of their key.
    pool_of: dict[int, str] = {}
    for d, quota in enumerate(quotas):
        reserve = quota.seats
        taken = Counter(by_id[i][1][d] for i in pool_of)
        for i in order:
            if len(pool_of) >= seats:
                break
            if i in pool_of:
                continue
            k = by_id[i][1][d]
            if taken[k] < reserve.get(k, 0):
                taken[k] += 1
                pool_of[i] = quota.name
    # 2. The open pool: the places the reserves left, from everyone else in the same order.
    open_seats = max(seats - len(pool_of), 0)
    if open_seats:
        for i in order:
            if i not in pool_of:
                pool_of[i] = POOL_OPEN
                open_seats -= 1
                if not open_seats:
                    break

    new = tuple.__new__  # plain tuple construction: 100,000 placements in a fraction of the time
    chosen = [i for i in order if i in pool_of]
    waiting = [i for i in order if i not in pool_of]
    placements = [new(Placement, (by_id[i][0], True, pool_of[i], rank, keys[i]))
                  for rank, i in enumerate(chosen, start=1)]  # fmt: skip
    placements += [new(Placement, (by_id[i][0], False, "", rank, keys[i]))
                   for rank, i in enumerate(waiting, start=len(chosen) + 1)]  # fmt: skip

    tier_counts = Counter((a[2], i in pool_of) for i, a in enumerate(by_id))
    by_tier = {
        t: (tier_counts[(t, True)], tier_counts[(t, True)] + tier_counts[(t, False)])
        for t in sorted({t for t, _s in tier_counts})
    }
    return Allocation(
        seed=seed,
        seats=seats,
        quotas={q.name: dict(q.seats) for q in quotas},
        placements=placements,
        digest=_digest(by_id, seats, quotas),
        summary={q.name: _summary(q, d, by_id, pool_of) for d, q in enumerate(quotas)},
        by_tier=by_tier,
    )


def _summary(quota: Quota, d: int, by_id: list[Applicant], pool_of: dict[int, str]) -> dict:
    rows: dict[Any, dict[str, int]] = {
        k: {"target": n, "applicants": 0, "reserved": 0, "open": 0} for k, n in quota.seats.items()
    }
    empty = {"target": 0, "applicants": 0, "reserved": 0, "open": 0}
    for k, n in Counter(a[1][d] for a in by_id).items():
        rows.setdefault(k, dict(empty))["applicants"] = n
    for i, pool in pool_of.items():
        rows[by_id[i][1][d]]["reserved" if pool == quota.name else "open"] += 1
    return rows


def new_seed() -> int:
    """A fresh seed to record: six digits are easy to read out and type back in."""
    return random.SystemRandom().randint(100_000, 999_999)
