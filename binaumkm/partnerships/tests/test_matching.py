"""The optimiser: exact over every suitable pair (checked against brute force and against an
independent min-cost flow over all pairs, also where the best UMKM lies outside a store's
shortlist), fills every fillable shortfall, respects capacities, spreads exposure. Pure Python: no
database."""

import itertools
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binaumkm.core.tests.flow_reference import assignment_optimum
from binaumkm.partnerships import matching
from binaumkm.partnerships.matching import Candidate, Need, Weights

W = Weights(
    suited={
        "minimarket": frozenset({"makanan", "minuman"}),
        "department_store": frozenset({"batik", "fesyen"}),
    },
    food=frozenset({"makanan", "minuman"}),
)


def cand(bid, *, kel=1, kec=1, ready=None, halal=True, active=True, existing=0, capacity=2):
    return Candidate(bid, kel, kec, ready or {"makanan": 1}, halal, active, existing, capacity)


def need(sid, shortfall, *, kel=1, kec=1, store_type="minimarket", exclude=()):
    return Need(sid, store_type, kel, kec, shortfall, frozenset(exclude))


def total_cost(result, candidates, needs, w):
    by_id = {c.business_id: c for c in candidates}
    needs_by_id = {n.store_id: n for n in needs}
    cost = 0
    per_umkm = Counter()
    for p in result.proposals:
        c = by_id[p.business_id]
        fit = matching.base_fit(c, needs_by_id[p.store_id].store_type, w) + matching.distance_bonus(
            c, needs_by_id[p.store_id], w
        )
        cost += -fit + w.fairness * c.existing + w.fairness * per_umkm[p.business_id]
        per_umkm[p.business_id] += 1
    return cost


def brute_force(needs, candidates, w):
    """(most filled, least cost) over every feasible assignment."""
    edges = []
    for n in needs:
        for c in candidates:
            fit = matching.base_fit(c, n.store_type, w)
            if fit is None or c.business_id in n.exclude or c.capacity <= 0:
                continue
            edges.append(
                (
                    n.store_id,
                    c.business_id,
                    -(fit + matching.distance_bonus(c, n, w)) + w.fairness * c.existing,
                )
            )
    best = (0, 0)
    demand = {n.store_id: n.shortfall for n in needs}
    caps = {c.business_id: c.capacity for c in candidates}
    for mask in itertools.product((0, 1), repeat=len(edges)):
        per_store, per_umkm, cost = Counter(), Counter(), 0
        ok = True
        for take, (s, b, c) in zip(mask, edges, strict=True):
            if take:
                cost += c + w.fairness * per_umkm[b]
                per_store[s] += 1
                per_umkm[b] += 1
                if per_store[s] > demand[s] or per_umkm[b] > caps[b]:
                    ok = False
                    break
        if ok:
            filled = sum(per_store.values())
            if (filled, -cost) > (best[0], -best[1]):
                best = (filled, cost)
    return best


@pytest.mark.parametrize("seed", range(200))
def test_exact_against_brute_force(seed):
    rng = random.Random(seed)
    candidates = [
        cand(b, kel=rng.randint(1, 3), kec=rng.randint(1, 2), existing=rng.randint(0, 3), capacity=rng.randint(0, 2),
             ready=rng.choice([{"makanan": 1}, {"minuman": 2}, {"batik": 1}, {"makanan": 3, "fesyen": 1}]),
             halal=rng.random() < 0.5, active=rng.random() < 0.7)
        for b in range(1, rng.randint(3, 5))
    ]  # fmt: skip
    needs = [
        need(s, rng.randint(1, 2), kel=rng.randint(1, 3), kec=rng.randint(1, 2),
             store_type=rng.choice(["minimarket", "department_store"]))
        for s in range(100, 100 + rng.randint(1, 3))
    ]  # fmt: skip
    edges = sum(1 for n in needs for c in candidates if c.capacity and matching.base_fit(c, n.store_type, W))
    if edges > 14:
        pytest.skip("too large for brute force")
    result = matching.solve(needs, candidates, W, k=rng.choice([1, 2, 30]))
    filled, cost = brute_force(needs, candidates, W)
    assert len(result.proposals) == filled
    assert total_cost(result, candidates, needs, W) == cost == result.stats["cost"]


def full_optimum(needs, candidates, w):
    """(filled, cost) of an independent min-cost max flow over *every* suitable pair."""
    arcs = []
    for n in needs:
        lst = []
        for j, c in enumerate(candidates):
            fit = matching.base_fit(c, n.store_type, w)
            if fit is not None and c.business_id not in n.exclude and c.capacity > 0:
                lst.append((j, -(fit + matching.distance_bonus(c, n, w)) + w.fairness * c.existing))
        arcs.append(lst)
    marginal = [[w.fairness * k for k in range(max(c.capacity, 0))] for c in candidates]
    return assignment_optimum([n.shortfall for n in needs], marginal, arcs)


def outside_shortlist(result, needs, candidates, w, k) -> bool:
    """Whether some proposal pairs a store with a UMKM beyond the shortlist it started from."""
    index = matching._Index(candidates, {n.store_type for n in needs}, w)
    group = Counter()
    for n in needs:
        group[(n.store_type, n.kelurahan_id)] += n.shortfall
    shortlist = {
        n.store_id: {
            candidates[i].business_id
            for i, _c in index.best(n, max(k, 2 * n.shortfall, group[(n.store_type, n.kelurahan_id)]))
        }
        for n in needs
    }
    return any(p.business_id not in shortlist[p.store_id] for p in result.proposals)


@st.composite
def instances(draw):
    """Up to 14 UMKM, 5 stores and a shortlist of 2 to 6: often too short for the optimum."""
    count = draw(st.integers(3, 14))
    candidates = [
        cand(b, kel=draw(st.integers(1, 5)), kec=draw(st.integers(1, 2)), existing=draw(st.integers(0, 4)),
             capacity=draw(st.integers(0, 3)), halal=draw(st.booleans()), active=draw(st.booleans()),
             ready=draw(st.sampled_from([{"makanan": 1}, {"minuman": 3}, {"batik": 1}, {"makanan": 2, "fesyen": 1}])))
        for b in range(1, count + 1)
    ]  # fmt: skip
    needs = [
        need(100 + s, draw(st.integers(1, 2)), kel=draw(st.integers(1, 5)), kec=draw(st.integers(1, 2)),
             store_type=draw(st.sampled_from(["minimarket", "minimarket", "department_store"])),
             exclude=draw(st.sets(st.integers(1, count), max_size=2)))
        for s in range(draw(st.integers(1, 5)))
    ]  # fmt: skip
    return needs, candidates, draw(st.integers(1, 3)), draw(st.sampled_from([0, 12, 40]))


@settings(max_examples=250, deadline=None)
@given(instances())
def test_equals_the_full_optimum_over_every_suitable_pair(instance):
    needs, candidates, k, fairness = instance
    w = Weights(suited=W.suited, food=W.food, fairness=fairness)
    result = matching.solve(needs, candidates, w, k=k)
    filled, cost = full_optimum(needs, candidates, w)
    assert len(result.proposals) == filled
    assert total_cost(result, candidates, needs, w) == cost


def test_equals_the_full_optimum_also_where_the_best_umkm_is_outside_the_shortlist():
    """Seeded instances larger than brute force allows; many have their optimum beyond the shortlist."""
    beyond = 0
    for seed in range(60):
        rng = random.Random(seed)
        candidates = [
            cand(b, kel=rng.randint(1, 6), kec=rng.randint(1, 3), existing=rng.choice([0, 0, 1, 3, 5]),
                 capacity=rng.randint(1, 2), halal=rng.random() < 0.6, active=rng.random() < 0.7,
                 ready=rng.choice([{"makanan": 1}, {"minuman": 3}, {"makanan": 2, "fesyen": 1}]))
            for b in range(1, 40)
        ]  # fmt: skip
        needs = [
            need(100 + s, rng.randint(1, 3), kel=rng.randint(1, 6), kec=rng.randint(1, 3)) for s in range(12)
        ]
        result = matching.solve(needs, candidates, W, k=1)
        assert (len(result.proposals), total_cost(result, candidates, needs, W)) == full_optimum(
            needs, candidates, W
        )
        beyond += outside_shortlist(result, needs, candidates, W, k=1)
    assert beyond >= 10


def test_fresh_umkm_outside_every_shortlist_beat_a_second_store_for_a_star():
    """Two star UMKM top every store's shortlist (k = 1, so two each); giving a star a second store
    costs the fairness penalty (12), more than the 5 points the fresh UMKM fit less. The optimum
    gives each star one store and the other three to fresh UMKM no store shortlisted; a solver exact
    only over its shortlist would give the stars two each (it fills every place either way)."""
    stars = [cand(b, kel=9, kec=9, ready={"makanan": 2}) for b in (1, 2)]  # 5 points more than the rest
    fresh = [cand(b, kel=8, kec=8) for b in (3, 4, 5)]
    needs = [need(s, 1, kel=s, kec=s) for s in range(10, 15)]
    result = matching.solve(needs, stars + fresh, W, k=1)
    assert Counter(p.business_id for p in result.proposals) == Counter({1: 1, 2: 1, 3: 1, 4: 1, 5: 1})
    assert total_cost(result, stars + fresh, needs, W) == full_optimum(needs, stars + fresh, W)[1]
    assert outside_shortlist(result, needs, stars + fresh, W, k=1)
    assert result.stats["edges_priced"] > 0


def test_fills_every_fillable_shortfall_even_beyond_the_top_k():
    # Both stores rank UMKM 1 first; with one candidate edge each, store B would stay short if the
    # solver did not look beyond its top-k.
    candidates = [cand(1, kel=1, capacity=1, ready={"makanan": 3}), cand(2, kel=9, kec=9, capacity=1)]
    needs = [need(10, 1, kel=1), need(11, 1, kel=1)]
    result = matching.solve(needs, candidates, W, k=1)
    assert sorted((p.store_id, p.business_id) for p in result.proposals) in (
        [(10, 1), (11, 2)], [(10, 2), (11, 1)]
    )  # fmt: skip
    assert result.unfilled == {}


def test_reports_what_cannot_be_filled_and_respects_capacity():
    candidates = [cand(b, capacity=2) for b in range(1, 4)]  # 3 UMKM x 2 = 6 slots
    candidates.append(cand(99, ready={"jasa": 1}))  # not suited to a minimarket
    needs = [need(s, 5) for s in (1, 2)]  # 10 wanted, but a store can take each UMKM once: 3 each
    result = matching.solve(needs, candidates, W)
    per_umkm = Counter(p.business_id for p in result.proposals)
    assert max(per_umkm.values()) <= 2 and 99 not in per_umkm
    assert len(result.proposals) == 6
    assert result.unfilled == {1: 2, 2: 2}
    assert len({(p.store_id, p.business_id) for p in result.proposals}) == 6  # no pair twice


def test_excluded_umkm_are_not_proposed_again():
    candidates = [cand(1), cand(2)]
    result = matching.solve([need(1, 2, exclude={1})], candidates, W)
    assert [p.business_id for p in result.proposals] == [2]
    assert result.unfilled == {1: 1}


def test_fairness_spreads_exposure_over_many_umkm():
    """40 stores in one kelurahan, 3 short each. 10 UMKM there fit best; 110 others fit a bit
    less. Without the fairness cost the best 10 take 2 stores each every time; with it, an UMKM
    that already holds partnerships ranks lower and the new chances go to many more UMKM."""
    rng = random.Random(5)
    star = [
        cand(b, kel=1, ready={"makanan": 3, "minuman": 1}, existing=rng.randint(2, 4)) for b in range(1, 11)
    ]
    rest = [
        cand(b, kel=rng.randint(2, 9), kec=1, existing=0, halal=rng.random() < 0.7) for b in range(11, 121)
    ]
    needs = [need(s, 3, kel=1) for s in range(1000, 1040)]
    fair = matching.solve(needs, star + rest, W)
    unfair = matching.solve(needs, star + rest, Weights(suited=W.suited, food=W.food, fairness=0))
    assert len(fair.proposals) == len(unfair.proposals) == 120  # every shortfall filled either way
    fair_count = Counter(p.business_id for p in fair.proposals)
    unfair_count = Counter(p.business_id for p in unfair.proposals)
    assert sum(fair_count[b] for b in range(1, 11)) < sum(unfair_count[b] for b in range(1, 11))
    assert len(fair_count) > len(unfair_count)
    # Total exposure (existing + new) is more even with fairness.
    exposure = {c.business_id: c.existing for c in star + rest}
    assert max(exposure[b] + n for b, n in fair_count.items()) < max(
        exposure[b] + n for b, n in unfair_count.items()
    )


def test_umkm_already_in_many_partnerships_ranks_lower():
    busy = cand(1, existing=4)
    fresh = cand(2, existing=0)
    result = matching.solve([need(1, 1)], [busy, fresh], W)
    assert [p.business_id for p in result.proposals] == [2]


def test_proposals_explain_why():
    result = matching.solve([need(1, 1, kel=3, kec=2)], [cand(7, kel=3, kec=2, ready={"makanan": 2})], W)
    codes = [code for code, _params in result.proposals[0].reasons]
    assert codes[:2] == ["category", "ready"]
    assert "same_kelurahan" in codes and "halal" in codes and "exposure" in codes
    assert result.proposals[0].fit == W.category + W.per_extra + W.halal + W.same_kelurahan + W.active


def test_large_instance_is_fast():
    rng = random.Random(1)
    candidates = [
        cand(b, kel=rng.randint(1, 54), kec=rng.randint(1, 5), existing=rng.choice([0, 0, 0, 1, 2, 5]),
             ready=rng.choice([{"makanan": rng.randint(1, 4)}, {"batik": 2}, {"minuman": 1}, {"jasa": 1}]),
             halal=rng.random() < 0.5, active=rng.random() < 0.7)
        for b in range(20_000)
    ]  # fmt: skip
    for c in candidates:
        c.kecamatan_id = c.kelurahan_id % 5
    needs = [need(s, rng.randint(1, 5), kel=(k := rng.randint(1, 54)), kec=k % 5,
                  store_type=rng.choice(["minimarket"] * 8 + ["department_store"])) for s in range(1000)]  # fmt: skip
    result = matching.solve(needs, candidates, W)
    assert result.unfilled == {}
    assert result.stats["seconds"] < 10
    per_umkm = Counter(p.business_id for p in result.proposals)
    assert max(per_umkm.values()) <= 2


def test_when_not_all_can_be_filled_the_better_fit_wins():
    """Only one place: the store served first must give it up to the store it suits better
    (the second phase cancels the costlier choice), and the other is reported open."""
    candidates = [cand(1, kel=5, kec=2, capacity=1)]
    needs = [need(10, 1, kel=1, kec=1), need(11, 1, kel=5, kec=2)]  # store 11 is in the UMKM's kelurahan
    result = matching.solve(needs, candidates, W)
    assert [(p.store_id, p.business_id) for p in result.proposals] == [(11, 1)]
    assert result.unfilled == {10: 1}


def test_scarce_instance_stays_maximal():
    """(Its speed is a benchmark, not a timed test: see partnerships/bench.py.)"""
    rng = random.Random(3)
    candidates = [
        cand(b, kel=(k := rng.randint(1, 54)), kec=k % 5, existing=rng.choice([0, 0, 1, 2]),
             ready=rng.choice([{"batik": 2}, {"fesyen": 1}]), active=rng.random() < 0.7)
        for b in range(300)
    ]  # fmt: skip
    needs = [need(s, rng.randint(1, 5), kel=(k := rng.randint(1, 54)), kec=k % 5, store_type="department_store")
             for s in range(400)]  # fmt: skip
    result = matching.solve(needs, candidates, W)
    assert len(result.proposals) == 600  # every place of every suitable UMKM is used
