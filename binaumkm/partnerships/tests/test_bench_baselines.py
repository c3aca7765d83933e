"""The fairness benchmark's own baselines and scores (pure: no database): greedy in store id order,
greedy with the solver's penalty, the objective and the Gini, and the solver never worse than the
penalised greedy when both fill the same places."""

import random

import pytest

from binaumkm.partnerships import bench, matching

from .test_matching import W, cand, need


def test_greedy_takes_the_best_fit_and_the_penalised_greedy_the_cheapest():
    busy_star = cand(1, ready={"makanan": 3}, existing=3)  # fits 10 points better, holds 3 partnerships
    fresh = cand(2)
    needs = [need(10, 1), need(11, 1)]
    assert bench.greedy(needs, [busy_star, fresh], W, penalty=False) == [(10, 1), (11, 1)]
    # With the penalty the star costs 36 - 10 more than the fresh UMKM; and once the fresh one has a
    # store, a second store for it costs 12 more, still less than the star.
    assert bench.greedy(needs, [busy_star, fresh], W, penalty=True) == [(10, 2), (11, 2)]


def test_greedy_respects_capacity_exclusions_and_store_order():
    a, b = cand(1, capacity=1), cand(2, capacity=1, kel=5, kec=5)
    needs = [need(20, 1, exclude={2}), need(10, 2)]
    assert bench.greedy(needs, [a, b], W, penalty=True) == [(10, 1), (10, 2)]  # store 20 finds none left


def test_scores_use_the_solvers_objective():
    rng = random.Random(4)
    candidates = [cand(b, kel=rng.randint(1, 4), existing=rng.randint(0, 3)) for b in range(1, 12)]
    needs = [need(s, rng.randint(1, 3), kel=rng.randint(1, 4)) for s in range(100, 106)]
    result = matching.solve(needs, candidates, W, k=2)
    pairs = [(p.store_id, p.business_id) for p in result.proposals]
    scored = bench.scores(pairs, needs, candidates, W)
    assert scored["cost"] == result.stats["cost"]
    assert scored["filled"] == len(pairs) and scored["distinct"] == len({b for _s, b in pairs})


@pytest.mark.parametrize("seed", range(40))
def test_the_solver_is_never_worse_than_the_penalised_greedy(seed):
    rng = random.Random(seed)
    candidates = [
        cand(b, kel=rng.randint(1, 6), kec=rng.randint(1, 3), existing=rng.choice([0, 0, 1, 4]),
             capacity=rng.randint(1, 2), ready=rng.choice([{"makanan": 1}, {"minuman": 3}]))
        for b in range(1, 30)
    ]  # fmt: skip
    needs = [
        need(100 + s, rng.randint(1, 3), kel=rng.randint(1, 6), kec=rng.randint(1, 3)) for s in range(10)
    ]
    solver = matching.solve(needs, candidates, W, k=1)
    greedy = bench.scores(bench.greedy(needs, candidates, W, penalty=True), needs, candidates, W)
    assert len(solver.proposals) >= greedy["filled"]
    if len(solver.proposals) == greedy["filled"]:
        assert solver.stats["cost"] <= greedy["cost"]


def test_gini():
    assert bench.gini([1, 1, 1, 1]) == 0
    assert bench.gini([0, 0, 0, 4]) == pytest.approx(0.75)
    assert bench.gini([0, 0]) == 0
