"""The pure balancer: equal to a brute-force optimum on small instances, capacity and reach
respected, load spread, continuity and distance rewarded, every proposal explained."""

import itertools
import random
from collections import Counter

import pytest

from binaumkm.mentoring.balancing import (
    Case,
    MentorSlot,
    Weights,
    marginal_costs,
    propose,
    reachable,
    total_cost,
)

W = Weights()
# Kelurahan 1-2-3 in a row (1 and 2, 2 and 3 touch); 1-2 in kecamatan 10, 3 in kecamatan 20.
NEIGHBOURS = {1: frozenset({2}), 2: frozenset({1, 3}), 3: frozenset({2}), 4: frozenset()}
KEC = {1: 10, 2: 10, 3: 20, 4: 20}
TOPICS = ["pembukuan", "kemasan", "pemasaran_digital", "perizinan"]


def mentor(mid, *, home=None, kecamatan=(), expertise=(), sectors=(), load=0, capacity=2):
    return MentorSlot(
        mid, home, frozenset(kecamatan), frozenset(expertise), frozenset(sectors), load, capacity
    )


def case(bid, kel, *, needs=(), sector="C", previous=()):
    return Case(bid, kel, KEC[kel], frozenset(needs), sector, frozenset(previous))


def brute_force(cases, mentors):
    """(most placed, least cost) over every assignment: each case to a reachable mentor or nobody."""
    options = [[None] + [m for m in mentors if reachable(c, m, NEIGHBOURS)] for c in cases]
    best = (0, 0)  # (minus the units placed, cost): placing nobody is always possible
    for choice in itertools.product(*options):
        pairs = [(c, m) for c, m in zip(cases, choice, strict=True) if m is not None]
        if any(n > m.free for m, n in Counter(m for _c, m in pairs).items()):
            continue
        best = min(best, (-len(pairs), total_cost(pairs, W, NEIGHBOURS)))
    return -best[0], best[1]


@pytest.mark.parametrize("seed", range(60))
def test_equals_the_brute_force_optimum(seed):
    rng = random.Random(seed)
    mentors = [
        mentor(j, home=rng.choice([None, 1, 2, 3, 4]), kecamatan=rng.sample([10, 20], rng.randint(0, 2)),
               expertise=rng.sample(TOPICS, rng.randint(0, 3)), sectors=rng.sample("CGI", rng.randint(0, 2)),
               load=rng.randint(0, 2), capacity=rng.randint(1, 4))
        for j in range(rng.randint(1, 3))
    ]  # fmt: skip
    cases = [
        case(i, rng.choice([1, 2, 3, 4]), needs=rng.sample(TOPICS, rng.randint(0, 3)), sector=rng.choice("CGI"),
             previous=[j for j in range(3) if rng.random() < 0.2])
        for i in range(rng.randint(1, 5))
    ]  # fmt: skip
    result = propose(cases, mentors, NEIGHBOURS, W, shortlist=1)
    by_id = {m.mentor_id: m for m in mentors}
    pairs = [
        (next(c for c in cases if c.business_id == p.business_id), by_id[p.mentor_id])
        for p in result.proposals
    ]
    placed, cost = brute_force(cases, mentors)
    assert len(pairs) == placed
    assert total_cost(pairs, W, NEIGHBOURS) == cost
    assert sorted([p.business_id for p in result.proposals] + result.unfilled) == [
        c.business_id for c in cases
    ]


def test_reach_is_the_kecamatan_served_or_the_home_kelurahan_and_its_neighbours():
    m = mentor(1, home=2, kecamatan=[])
    assert reachable(case(1, 2), m, NEIGHBOURS) == "same_kelurahan"
    assert reachable(case(1, 3), m, NEIGHBOURS) == "neighbour"  # across the kecamatan line
    assert reachable(case(1, 4), m, NEIGHBOURS) is None
    assert reachable(case(1, 4), mentor(2, kecamatan=[20]), NEIGHBOURS) == "kecamatan"


def test_capacity_is_never_exceeded_and_what_does_not_fit_is_reported():
    mentors = [mentor(1, kecamatan=[10], load=1, capacity=3)]
    cases = [case(i, 1) for i in range(5)]
    result = propose(cases, mentors, NEIGHBOURS, W)
    assert len(result.proposals) == 2 and len(result.unfilled) == 3


def test_load_spreads_evenly_between_equal_mentors():
    mentors = [mentor(j, kecamatan=[10], capacity=10) for j in range(3)]
    result = propose([case(i, 1) for i in range(9)], mentors, NEIGHBOURS, W)
    assert sorted(Counter(p.mentor_id for p in result.proposals).values()) == [3, 3, 3]


def test_load_is_relative_to_capacity():
    mentors = [mentor(1, kecamatan=[10], capacity=4), mentor(2, kecamatan=[10], capacity=12)]
    result = propose([case(i, 1) for i in range(8)], mentors, NEIGHBOURS, W)
    assert Counter(p.mentor_id for p in result.proposals) == {1: 2, 2: 6}


def test_expertise_distance_and_continuity_win_and_are_explained():
    expert = mentor(1, kecamatan=[10], expertise=["perizinan"])
    near = mentor(2, home=1, kecamatan=[10])
    before = mentor(3, kecamatan=[10])
    cases = [case(1, 2, needs=["perizinan"]), case(2, 1), case(3, 2, previous=[3])]
    result = propose(cases, [expert, near, before], NEIGHBOURS, W)
    chosen = {p.business_id: p for p in result.proposals}
    assert (chosen[1].mentor_id, chosen[2].mentor_id, chosen[3].mentor_id) == (1, 2, 3)
    assert ["topics", {"topics": ["perizinan"]}] in chosen[1].reasons
    assert ["same_kelurahan", {}] in chosen[2].reasons
    assert ["continuity", {}] in chosen[3].reasons
    assert chosen[1].reasons[-1] == ["load", {"load": 0, "capacity": 2}]


def test_load_costs_are_convex_for_any_load():
    for load in range(0, 12):
        costs = marginal_costs(mentor(1, load=load, capacity=12), W)
        assert len(costs) == 12 - load and costs == sorted(costs)


def test_a_full_or_unreachable_pool_places_nobody():
    assert propose([case(1, 4)], [mentor(1, kecamatan=[10])], NEIGHBOURS, W).unfilled == [1]
    assert propose([case(1, 1)], [mentor(1, kecamatan=[10], load=2, capacity=2)], NEIGHBOURS, W).unfilled == [
        1
    ]
