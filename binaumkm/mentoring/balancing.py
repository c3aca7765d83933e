"""Fair caseload balancing (no database access): which mentor for which UMKM, the cost of each pair
and why, over the shared exact solver ``binaumkm.core.mincostflow``.

Who may take whom: an active mentor with a free slot takes a UMKM in a kecamatan they serve, or in
their home kelurahan or a kelurahan neighbouring it (``core.geo``: borders that touch), even across a
kecamatan line. Each such pair scores a **fit**:

- expertise: ``topic`` points for each of the UMKM's needs the mentor covers (at most three count);
- sector: ``sector`` points when the mentor knows the UMKM's KBLI section;
- distance: ``same_kelurahan`` points in the mentor's home kelurahan, ``neighbour`` points next to it;
- continuity: ``continuity`` points for a mentor who helped this UMKM before.

The proposal is a **minimum-cost maximum flow**: first as many UMKM placed as any assignment within
the capacities could place, then the least ``Σ −fit + Σ_mentor load cost``, where the ``k``-th UMKM
added to a mentor already holding ``load`` of ``capacity`` costs ``load_weight × (load + k) //
capacity`` (convex: every extra case costs more the fuller the mentor, relative to their capacity, so
load spreads evenly). Each proposal carries its reasons, shown to staff before they confirm.

Pairs are shared by UMKM with the same profile (kelurahan, needs, sector, previous mentors), so the
arcs are built once per profile; the solver starts from each UMKM's best ``shortlist`` mentors and
adds the rest by augmenting and pricing until the optimum over every allowed pair is proven.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from binaumkm.core import mincostflow

MAX_TOPICS_COUNTED = 3


@dataclass(frozen=True)
class Weights:
    topic: int = 20
    sector: int = 15
    same_kelurahan: int = 30
    neighbour: int = 20
    continuity: int = 40
    load: int = 30

    @classmethod
    def from_conf(cls) -> Weights:
        from . import conf

        return cls(
            topic=conf.WEIGHT_TOPIC, sector=conf.WEIGHT_SECTOR, same_kelurahan=conf.WEIGHT_SAME_KELURAHAN,
            neighbour=conf.WEIGHT_NEIGHBOUR, continuity=conf.WEIGHT_CONTINUITY, load=conf.WEIGHT_LOAD,
        )  # fmt: skip


@dataclass(frozen=True)
class MentorSlot:
    mentor_id: int
    home_kelurahan_id: int | None
    kecamatan_ids: frozenset[int]
    expertise: frozenset[str]
    sectors: frozenset[str]
    load: int  # open engagements now
    capacity: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True)
class Case:
    """A UMKM needing a mentor."""

    business_id: int
    kelurahan_id: int
    kecamatan_id: int
    needs: frozenset[str]
    sector: str
    previous_mentors: frozenset[int] = frozenset()

    @property
    def profile(self) -> tuple:
        return (self.kelurahan_id, self.kecamatan_id, self.needs, self.sector, self.previous_mentors)


@dataclass
class Proposal:
    business_id: int
    mentor_id: int
    fit: int
    reasons: list


@dataclass
class Result:
    proposals: list[Proposal]
    unfilled: list[int]  # business ids no assignment within the capacities could place
    stats: dict = field(default_factory=dict)


def reachable(case: Case, mentor: MentorSlot, neighbours: Mapping[int, frozenset[int]]) -> str | None:
    """How the mentor reaches the UMKM ("same_kelurahan", "neighbour", "kecamatan"), or None."""
    home = mentor.home_kelurahan_id
    if home is not None and case.kelurahan_id == home:
        return "same_kelurahan"
    if home is not None and case.kelurahan_id in neighbours.get(home, ()):
        return "neighbour"
    if case.kecamatan_id in mentor.kecamatan_ids:
        return "kecamatan"
    return None


def fit(case: Case, mentor: MentorSlot, reach: str, w: Weights) -> int:
    points = w.topic * min(len(case.needs & mentor.expertise), MAX_TOPICS_COUNTED)
    if case.sector and case.sector in mentor.sectors:
        points += w.sector
    if reach == "same_kelurahan":
        points += w.same_kelurahan
    elif reach == "neighbour":
        points += w.neighbour
    if mentor.mentor_id in case.previous_mentors:
        points += w.continuity
    return points


def explain(case: Case, mentor: MentorSlot, reach: str) -> list:
    """Why this mentor: reason codes with parameters (translated when shown)."""
    reasons: list = []
    matched = sorted(case.needs & mentor.expertise)
    if matched:
        reasons.append(["topics", {"topics": matched}])
    missing = sorted(case.needs - mentor.expertise)
    if missing:
        reasons.append(["topics_missing", {"topics": missing}])
    if case.sector and case.sector in mentor.sectors:
        reasons.append(["sector", {"sector": case.sector}])
    reasons.append([reach, {}])
    if mentor.mentor_id in case.previous_mentors:
        reasons.append(["continuity", {}])
    reasons.append(["load", {"load": mentor.load, "capacity": mentor.capacity}])
    return reasons


def _reach_by_area(cases, mentors, neighbours) -> dict[tuple[int, int], dict[int, str]]:
    """{(kelurahan, kecamatan): {mentor index: how they reach it}} for the areas of ``cases``: the
    same answers as ``reachable``, from indexes by kecamatan served and by home kelurahan."""
    serving: dict[int, list[int]] = {}
    at_home: dict[int, list[int]] = {}
    for j, mentor in enumerate(mentors):
        for kecamatan in mentor.kecamatan_ids:
            serving.setdefault(kecamatan, []).append(j)
        if mentor.home_kelurahan_id is not None:
            at_home.setdefault(mentor.home_kelurahan_id, []).append(j)
    found = {}
    for kelurahan, kecamatan in {(c.kelurahan_id, c.kecamatan_id) for c in cases}:
        reach = dict.fromkeys(serving.get(kecamatan, ()), "kecamatan")
        for home in neighbours.get(kelurahan, ()):
            reach.update(dict.fromkeys(at_home.get(home, ()), "neighbour"))
        reach.update(dict.fromkeys(at_home.get(kelurahan, ()), "same_kelurahan"))
        found[kelurahan, kecamatan] = reach
    return found


def marginal_costs(mentor: MentorSlot, w: Weights) -> list[int]:
    """The load cost of each further UMKM given to the mentor (non-decreasing)."""
    capacity = max(mentor.capacity, 1)
    return [w.load * (mentor.load + k) // capacity for k in range(mentor.free)]


def propose(
    cases: list[Case],
    mentors: list[MentorSlot],
    neighbours: Mapping[int, frozenset[int]],
    w: Weights,
    *,
    shortlist: int = 8,
) -> Result:
    """The fair assignment of ``cases`` to ``mentors`` (see the module docstring)."""
    started = time.perf_counter()
    mentors = [m for m in mentors if m.free > 0]
    reach_by_area = _reach_by_area(cases, mentors, neighbours)
    by_profile: dict[tuple, list[tuple[int, int]]] = {}  # profile -> [(mentor index, cost)] best first
    for case in cases:
        if case.profile in by_profile:
            continue
        reach = reach_by_area[case.kelurahan_id, case.kecamatan_id]
        arcs = [(j, -fit(case, mentors[j], how, w)) for j, how in reach.items()]
        arcs.sort(key=lambda arc: (arc[1], mentors[arc[0]].load / max(mentors[arc[0]].capacity, 1), arc[0]))
        by_profile[case.profile] = arcs
    lists = [by_profile[c.profile] for c in cases]
    # One shortlist object per profile: the solver treats UMKM sharing it as twins (searched once).
    shortlists = {profile: arcs[:shortlist] for profile, arcs in by_profile.items()}
    solution = mincostflow.solve(
        [1] * len(cases),
        [marginal_costs(m, w) for m in mentors],
        [shortlists[c.profile] for c in cases],
        all_arcs=lists.__getitem__,
    )
    proposals, unfilled = [], []
    for i, case in enumerate(cases):
        assigned = solution.assigned[i]
        if not assigned:
            unfilled.append(case.business_id)
            continue
        ((j, cost),) = assigned.items()
        mentor = mentors[j]
        proposals.append(
            Proposal(
                case.business_id,
                mentor.mentor_id,
                -cost,
                explain(case, mentor, reach_by_area[case.kelurahan_id, case.kecamatan_id][j]),
            )
        )
    stats = {
        **solution.stats,
        "cases": len(cases),
        "mentors": len(mentors),
        "profiles": len(by_profile),
        "placed": len(proposals),
        "cost": solution.cost,
        "seconds_total": round(time.perf_counter() - started, 3),
    }
    return Result(proposals, unfilled, stats)


def total_cost(pairs: list[tuple[Case, MentorSlot]], w: Weights, neighbours) -> int:
    """The objective of any assignment (for tests and comparisons): −fit of each pair + load costs."""
    cost, added = 0, dict[int, int]()
    for case, mentor in pairs:
        how = reachable(case, mentor, neighbours)
        if how is None:
            raise ValueError(f"mentor {mentor.mentor_id} cannot take UMKM {case.business_id}")
        k = added.get(mentor.mentor_id, 0)
        if k >= mentor.free:
            raise ValueError(f"mentor {mentor.mentor_id} is over capacity")
        cost += -fit(case, mentor, how, w) + marginal_costs(mentor, w)[k]
        added[mentor.mentor_id] = k + 1
    return cost
