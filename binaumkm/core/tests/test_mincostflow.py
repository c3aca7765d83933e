"""The shared assignment solver: on random networks small enough to solve directly, its result equals
an independent minimum-cost maximum flow over every arc, whatever shortlist it starts from."""

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binaumkm.core import mincostflow

from .flow_reference import assignment_optimum, brute_force


@st.composite
def networks(draw, max_left=5, max_right=6):
    left = draw(st.integers(1, max_left))
    right = draw(st.integers(1, max_right))
    demand = draw(st.lists(st.integers(0, 3), min_size=left, max_size=left))
    marginal = []
    for _ in range(right):
        steps = draw(st.lists(st.integers(0, 15), max_size=3))
        start = draw(st.integers(-10, 10))
        marginal.append([start + sum(steps[:k]) for k in range(len(steps))])  # non-decreasing
    all_arcs, shortlist = [], []
    for _ in range(left):
        js = draw(st.lists(st.integers(0, right - 1), unique=True, max_size=right))
        arcs = [(j, draw(st.integers(-40, 20))) for j in js]
        all_arcs.append(arcs)
        shortlist.append([a for a in arcs if draw(st.booleans())])
    return demand, marginal, all_arcs, shortlist


def check_feasible(solution, demand, marginal, all_arcs):
    allowed = [dict(lst) for lst in all_arcs]
    load = Counter()
    for i, assigned in enumerate(solution.assigned):
        assert len(assigned) + solution.unfilled[i] == demand[i]
        for j, cost in assigned.items():
            assert allowed[i][j] == cost  # an allowed arc, used once (dict keys)
            load[j] += 1
    assert all(load[j] <= len(marginal[j]) for j in load)
    assert [load[j] for j in range(len(marginal))] == solution.load


@settings(max_examples=400, deadline=None)
@given(networks())
def test_equals_an_independent_full_optimum_from_any_shortlist(net):
    demand, marginal, all_arcs, shortlist = net
    solution = mincostflow.solve(demand, marginal, shortlist, all_arcs=lambda i: all_arcs[i], price_limit=1)
    check_feasible(solution, demand, marginal, all_arcs)
    placed, cost = assignment_optimum(demand, marginal, all_arcs)
    assert sum(len(a) for a in solution.assigned) == placed
    assert solution.cost == cost
    # The certificate: no arc has a negative reduced cost unless it carries a unit.
    for i, lst in enumerate(all_arcs):
        for j, c in lst:
            if j not in solution.assigned[i]:
                assert c + solution.left_potential[i] - solution.right_potential[j] >= 0


@settings(max_examples=60, deadline=None)
@given(networks(max_left=3, max_right=3))
def test_the_reference_agrees_with_brute_force(net):
    demand, marginal, all_arcs, _shortlist = net
    if sum(len(lst) for lst in all_arcs) > 9:
        return
    assert assignment_optimum(demand, marginal, all_arcs) == brute_force(demand, marginal, all_arcs)


def test_no_round_limit_when_every_arc_must_be_priced_in():
    """Empty shortlists and one priced arc per left node and round: many rounds, still the optimum."""
    rng = random.Random(7)
    right = 12
    marginal = [[0, 6, 12] for _ in range(right)]
    all_arcs = [[(j, -rng.randint(20, 60)) for j in rng.sample(range(right), 8)] for _ in range(6)]
    demand = [3] * 6
    solution = mincostflow.solve(
        demand, marginal, [[] for _ in demand], all_arcs=lambda i: all_arcs[i], price_limit=1
    )
    assert solution.stats["rounds"] > 4
    assert (sum(len(a) for a in solution.assigned), solution.cost) == assignment_optimum(
        demand, marginal, all_arcs
    )


def test_open_demand_widens_over_every_arc():
    # Both left nodes hold only right node 0 (one place): the second one is filled through arc (1, 1).
    solution = mincostflow.solve(
        [1, 1], [[0], [0]], [[(0, -5)], [(0, -9)]], all_arcs=lambda i: [[(0, -5)], [(0, -9), (1, -1)]][i]
    )
    assert solution.assigned == [{0: -5}, {1: -1}] and solution.unfilled == [0, 0]
    assert solution.stats["arcs_widened"] >= 1


def test_without_all_arcs_the_shortlist_is_the_network():
    solution = mincostflow.solve([2], [[0], [0, 1]], [[(1, -3)]])
    assert solution.assigned == [{1: -3}] and solution.unfilled == [1] and solution.cost == -3


def test_load_costs_must_be_convex():
    with pytest.raises(ValueError):
        mincostflow.solve([1], [[5, 1]], [[(0, 0)]])


@st.composite
def networks_with_twins(draw):
    """Left nodes in a few profiles, each profile's nodes given the *same* list objects (as mentoring
    passes one shortlist per UMKM profile): the solver searches such twins once. Mostly one unit each
    and little room on the right, so units move between twins often."""
    demand, marginal, all_arcs, shortlist = draw(networks(max_left=3, max_right=4))
    copies = draw(st.lists(st.integers(1, 6), min_size=len(demand), max_size=len(demand)))
    twin_demand = [draw(st.sampled_from([1, 1, 1, 0, 2])) for n in copies for _ in range(n)]
    twin_all = [all_arcs[i] for i, n in enumerate(copies) for _ in range(n)]
    twin_short = [shortlist[i] for i, n in enumerate(copies) for _ in range(n)]
    return twin_demand, marginal, twin_all, twin_short


@settings(max_examples=300, deadline=None)
@given(networks_with_twins())
def test_left_nodes_sharing_their_lists_reach_the_same_optimum(net):
    demand, marginal, all_arcs, shortlist = net
    before = [list(lst) for lst in shortlist]
    solution = mincostflow.solve(demand, marginal, shortlist, all_arcs=lambda i: all_arcs[i], price_limit=1)
    check_feasible(solution, demand, marginal, all_arcs)
    placed, cost = assignment_optimum(demand, marginal, all_arcs)
    assert sum(len(a) for a in solution.assigned) == placed
    assert solution.cost == cost
    assert [list(lst) for lst in shortlist] == before  # the caller's lists are never changed


@settings(max_examples=300, deadline=None)
@given(networks_with_twins())
def test_twins_keep_every_reduced_cost_non_negative(net):
    """After each augmentation the potentials stay valid on every residual arc (dead ends aside): a
    twin not searched still gets the potential a search would have given it."""
    demand, marginal, all_arcs, _shortlist = net
    network = mincostflow.Network(all_arcs, demand, marginal)
    for s in range(network.S):
        while network.remaining[s] > 0 and network.augment_from(s):
            bad = [(x, y, c) for x, y, c in network.residual_arcs()
                   if x not in network.dead and y not in network.dead
                   and c + network.pot[x] - network.pot[y] < 0]  # fmt: skip
            assert not bad
