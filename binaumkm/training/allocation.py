"""Fair seat allocation as a pure function over plain tuples (no database, no Django).

The order of filling (documented in docs/training.md):

1. Each kecamatan gets a reserve of seats in proportion to its share of the eligible binaan UMKM,
   rounded with the largest-remainder method (Hamilton), so the reserves add up to the seats.
2. Every applicant gets a lottery key (Efraimidis–Spirakis weighted sampling: ``u ** (1 / w)``,
   kept as ``ln(u) / w`` which orders the same way), from one generator seeded with the recorded
   seed and visited in registration-id order, so the same seed and applicants give the same keys.
3. Applicants are ordered by staff priority (higher first), then tier (1 never trained, 2 trained
   in another topic, 3 trained in this topic), then lottery key (higher first), then id.
4. Each kecamatan's reserve is filled from its own applicants in that order. A reserve that its
   kecamatan cannot fill returns to the open pool.
5. The open pool (all seats not taken by reserves) is filled from everyone left, in the same order.
6. Everyone else is on the waiting list in that same order.
"""

import hashlib
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

POOL_KECAMATAN = "kecamatan"
POOL_OPEN = "umum"


class Applicant(NamedTuple):
    id: int
    kecamatan: int | None
    tier: int
    weight: float = 1.0
    priority: int = 0


class Placement(NamedTuple):
    id: int
    selected: bool
    pool: str  # POOL_KECAMATAN, POOL_OPEN or "" (waiting list)
    rank: int  # 1-based: the selected first, then the waiting list, each in fill order
    key: float


@dataclass
class Allocation:
    seed: int
    seats: int
    quotas: dict[int, int]
    placements: list[Placement]
    digest: str
    summary: dict[int | None, dict[str, int]] = field(default_factory=dict)
    by_tier: dict[int, tuple[int, int]] = field(default_factory=dict)  # tier: (selected, applicants)

    @property
    def selected(self) -> list[Placement]:
        return [p for p in self.placements if p.selected]

    @property
    def waiting(self) -> list[Placement]:
        return [p for p in self.placements if not p.selected]


def largest_remainder(seats: int, shares: dict[int, int]) -> dict[int, int]:
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


def _sortable(value):
    return (value is None, value if value is not None else 0)


def lottery_keys(applicants: list[Applicant], seed: int) -> dict[int, float]:
    """Efraimidis–Spirakis keys ``ln(u) / w`` (higher wins); reproducible from ``seed``."""
    rng = random.Random(seed)
    keys = {}
    for a in sorted(applicants, key=lambda a: a.id):
        if not a.weight > 0:
            raise ValueError(f"weight must be positive (applicant {a.id})")
        keys[a.id] = math.log(1.0 - rng.random()) / a.weight  # 1 - random() lies in (0, 1]
    return keys


def digest(applicants: list[Applicant], seats: int, shares: dict[int, int]) -> str:
    """A fingerprint of the inputs: a preview is only published if nothing changed since."""
    h = hashlib.sha256(f"{seats}|{sorted(shares.items(), key=lambda kv: _sortable(kv[0]))}".encode())
    for a in sorted(applicants):
        h.update(f"|{a.id},{a.kecamatan},{a.tier},{a.weight},{a.priority}".encode())
    return h.hexdigest()[:16]


def allocate(applicants: list[Applicant], *, seats: int, shares: dict[int, int], seed: int) -> Allocation:
    """Place every applicant: selected (from a kecamatan reserve or the open pool) or waiting."""
    if len({a.id for a in applicants}) != len(applicants):
        raise ValueError("duplicate applicant ids")
    keys = lottery_keys(applicants, seed)
    ordered = sorted(applicants, key=lambda a: (-a.priority, a.tier, -keys[a.id], a.id))
    quotas = largest_remainder(seats, shares)

    by_kecamatan: dict[int | None, list[Applicant]] = defaultdict(list)
    for a in ordered:
        by_kecamatan[a.kecamatan].append(a)
    pool_of: dict[int, str] = {}
    for kec, quota in quotas.items():
        for a in by_kecamatan.get(kec, [])[:quota]:
            pool_of[a.id] = POOL_KECAMATAN
    open_seats = max(seats - len(pool_of), 0)
    for a in ordered:
        if open_seats == 0:
            break
        if a.id not in pool_of:
            pool_of[a.id] = POOL_OPEN
            open_seats -= 1

    placements = []
    for a in ordered:
        if a.id in pool_of:
            placements.append(Placement(a.id, True, pool_of[a.id], len(placements) + 1, keys[a.id]))
    for a in ordered:
        if a.id not in pool_of:
            placements.append(Placement(a.id, False, "", len(placements) + 1, keys[a.id]))

    summary: dict[int | None, dict[str, int]] = {
        kec: {"target": q, "applicants": 0, "reserved": 0, "open": 0} for kec, q in quotas.items()
    }
    kecamatan_of = {a.id: a.kecamatan for a in applicants}
    for kec, members in by_kecamatan.items():
        summary.setdefault(kec, {"target": 0, "applicants": 0, "reserved": 0, "open": 0})
        summary[kec]["applicants"] = len(members)
    for p in placements:
        if p.selected:
            summary[kecamatan_of[p.id]]["reserved" if p.pool == POOL_KECAMATAN else "open"] += 1
    by_tier: dict[int, tuple[int, int]] = {}
    for a in applicants:
        chosen, total = by_tier.get(a.tier, (0, 0))
        by_tier[a.tier] = (chosen + (a.id in pool_of), total + 1)
    return Allocation(
        by_tier=by_tier,
        seed=seed,
        seats=seats,
        quotas=quotas,
        placements=placements,
        digest=digest(applicants, seats, shares),
        summary=summary,
    )


def new_seed() -> int:
    """A fresh seed to record: six digits are easy to read out and type back in."""
    return random.SystemRandom().randint(100_000, 999_999)
