"""Unit and property tests of the pure allocation engine (no database). The single-dimension cases are
training's (quotas per kecamatan); the two-dimension cases are exhibitions' (kecamatan and sector)."""

import math
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from binaumkm.core.allocation import (
    POOL_OPEN,
    Applicant,
    Quota,
    allocate,
    digest,
    largest_remainder,
    lottery_keys,
)

POOL_KECAMATAN = "kecamatan"


def by_kecamatan(seats, shares):
    """Training's one quota: seats per kecamatan in proportion to its eligible binaan."""
    return [Quota.proportional(POOL_KECAMATAN, seats, shares)]


def test_largest_remainder_is_proportional_and_exact():
    # 10 seats over shares 50/30/20 -> exactly 5/3/2
    assert largest_remainder(10, {1: 50, 2: 30, 3: 20}) == {1: 5, 2: 3, 3: 2}
    # 7 seats over 3 equal shares: floors 2/2/2, the one left goes by remainder then key
    assert largest_remainder(7, {1: 10, 2: 10, 3: 10}) == {1: 3, 2: 2, 3: 2}
    # Hamilton: quotas 4.62/3.08/2.31 (exact 60,40,30 of 130 for 10) -> floors 4/3/2, 1 left to the
    # largest remainder (0.62) -> 5/3/2
    assert largest_remainder(10, {1: 60, 2: 40, 3: 30}) == {1: 5, 2: 3, 3: 2}
    # A kecamatan with 5 of 1000 binaan still rounds honestly (0.05 seats -> 0)
    assert largest_remainder(10, {1: 995, 2: 5}) == {1: 10, 2: 0}


def test_largest_remainder_edge_cases():
    assert largest_remainder(0, {1: 5}) == {1: 0}
    assert largest_remainder(5, {1: 0, 2: 0}) == {1: 0, 2: 0}
    assert sum(largest_remainder(101, {k: k * 7 + 1 for k in range(54)}).values()) == 101


def _applicants(spec):
    """spec: list of (kecamatan, tier[, weight]) -> applicants with ids 1..n"""
    out = []
    for i, row in enumerate(spec, start=1):
        kec, tier, *rest = row
        out.append(Applicant(i, (kec,), tier, rest[0] if rest else 1.0))
    return out


def test_quotas_follow_share_of_eligible_binaan():
    # Kecamatan 1 has 60% of eligible binaan, 2 has 40%: 10 seats -> 6 reserved for 1, 4 for 2.
    applicants = _applicants([(1, 1)] * 20 + [(2, 1)] * 20)
    result = allocate(applicants, seats=10, quotas=by_kecamatan(10, {1: 600, 2: 400}), seed=1)
    assert result.quotas[POOL_KECAMATAN] == {1: 6, 2: 4}
    by_kec = Counter(applicants[p.id - 1].pools[0] for p in result.selected)
    assert by_kec == {1: 6, 2: 4}
    assert all(p.pool == POOL_KECAMATAN for p in result.selected)


def test_unused_reserve_returns_to_open_pool():
    # Kecamatan 2 is owed 5 seats but only 2 of its UMKM applied: 3 seats go to the open pool.
    applicants = _applicants([(1, 1)] * 20 + [(2, 1)] * 2)
    result = allocate(applicants, seats=10, quotas=by_kecamatan(10, {1: 50, 2: 50}), seed=3)
    assert len(result.selected) == 10
    pools = Counter((applicants[p.id - 1].pools[0], p.pool) for p in result.selected)
    assert pools == {(1, POOL_KECAMATAN): 5, (2, POOL_KECAMATAN): 2, (1, POOL_OPEN): 3}
    assert result.summary[POOL_KECAMATAN][2] == {"target": 5, "applicants": 2, "reserved": 2, "open": 0}


def test_tiers_are_respected_within_each_pool():
    # One kecamatan, 3 seats: three tier-1 applicants beat every tier-2 and tier-3 one, whatever the draw.
    applicants = _applicants([(1, 3)] * 10 + [(1, 2)] * 10 + [(1, 1)] * 3)
    for seed in range(20):
        result = allocate(applicants, seats=3, quotas=by_kecamatan(3, {1: 1}), seed=seed)
        assert {applicants[p.id - 1].tier for p in result.selected} == {1}
    # 5 seats: the 3 tier-1 then 2 tier-2, never a tier-3
    result = allocate(applicants, seats=5, quotas=by_kecamatan(5, {1: 1}), seed=7)
    assert sorted(applicants[p.id - 1].tier for p in result.selected) == [1, 1, 1, 2, 2]
    # The waiting list keeps the same order: tier 2 before tier 3.
    waiting_tiers = [applicants[p.id - 1].tier for p in result.waiting]
    assert waiting_tiers == sorted(waiting_tiers)


def test_staff_priority_goes_first():
    applicants = [Applicant(1, (1,), 3, 1.0, 1), Applicant(2, (1,), 1), Applicant(3, (1,), 1)]
    result = allocate(applicants, seats=1, quotas=by_kecamatan(1, {1: 1}), seed=5)
    assert [p.id for p in result.selected] == [1]


def test_same_seed_same_result_and_different_seed_different_order():
    applicants = _applicants([(k % 5, 1 + k % 3) for k in range(300)])
    shares = {0: 10, 1: 20, 2: 30, 3: 25, 4: 15}
    a = allocate(applicants, seats=40, quotas=by_kecamatan(40, shares), seed=2021)
    b = allocate(list(reversed(applicants)), seats=40, quotas=by_kecamatan(40, shares), seed=2021)
    assert a.placements == b.placements  # input order does not matter either
    assert a.digest == b.digest
    c = allocate(applicants, seats=40, quotas=by_kecamatan(40, shares), seed=2022)
    assert [p.id for p in a.placements] != [p.id for p in c.placements]
    assert lottery_keys(applicants, 1) != lottery_keys(applicants, 2)


def test_weights_favour_heavier_applicants():
    # 1000 draws of one seat between a weight-3 and a weight-1 applicant: the heavy one wins ~75%.
    applicants = [Applicant(1, (1,), 1, 3.0), Applicant(2, (1,), 1, 1.0)]
    wins = sum(
        allocate(applicants, seats=1, quotas=by_kecamatan(1, {1: 1}), seed=s).selected[0].id == 1
        for s in range(1000)
    )
    assert 700 < wins < 800


def test_keys_are_efraimidis_spirakis_log_form():
    keys = lottery_keys([Applicant(1, (1,), 1, 2.0)], seed=9)
    assert keys[1] <= 0 and math.isfinite(keys[1])


def test_fewer_applicants_than_seats_all_selected():
    applicants = _applicants([(1, 1), (2, 2)])
    result = allocate(applicants, seats=10, quotas=by_kecamatan(10, {1: 5, 2: 5}), seed=1)
    assert len(result.selected) == 2 and not result.waiting


def test_applicant_outside_the_shares_competes_in_open_pool():
    applicants = [Applicant(1, (None,), 1), Applicant(2, (1,), 1)]
    result = allocate(applicants, seats=2, quotas=by_kecamatan(2, {1: 10}), seed=1)
    pools = {p.id: p.pool for p in result.selected}
    assert pools == {2: POOL_KECAMATAN, 1: POOL_OPEN}


applicant_lists = st.lists(
    st.tuples(st.integers(0, 6), st.integers(1, 3), st.sampled_from([1.0, 2.0, 0.5]), st.integers(-1, 1)),
    max_size=120,
)


@settings(max_examples=200, deadline=None)
@given(
    rows=applicant_lists,
    seats=st.integers(0, 60),
    shares=st.dictionaries(st.integers(0, 6), st.integers(0, 500), max_size=7),
    seed=st.integers(0, 2**32),
)
def test_property_never_overbooked_never_twice(rows, seats, shares, seed):
    applicants = [Applicant(i, (kec,), tier, w, prio) for i, (kec, tier, w, prio) in enumerate(rows, start=1)]
    result = allocate(applicants, seats=seats, quotas=by_kecamatan(seats, shares), seed=seed)
    ids = [p.id for p in result.placements]
    # Everyone is placed exactly once; no applicant holds two seats.
    assert sorted(ids) == sorted(a.id for a in applicants)
    assert len(set(ids)) == len(ids)
    # Never overbooked, and never a free seat while someone waits.
    assert len(result.selected) == min(seats, len(applicants))
    # Reserves are never exceeded, and a kecamatan gets its full reserve when it has the applicants.
    by_id = {a.id: a for a in applicants}
    reserved = Counter(by_id[p.id].pools[0] for p in result.selected if p.pool == POOL_KECAMATAN)
    applied = Counter(a.pools[0] for a in applicants)
    for kec, quota in result.quotas[POOL_KECAMATAN].items():
        assert reserved[kec] == min(quota, applied[kec])
    assert sum(result.quotas[POOL_KECAMATAN].values()) in (0, seats)
    # Ranks are 1..n in placement order.
    assert [p.rank for p in result.placements] == list(range(1, len(applicants) + 1))


# --- Two quota dimensions (exhibitions: kecamatan, then sector) -------------------------------------


def test_a_later_dimension_counts_those_already_chosen_and_never_overbooks():
    # 6 places; 4 reserved for kecamatan 1, then 2 for sector "kriya". Kecamatan 1's applicants are
    # all "makanan"; two "kriya" applicants from kecamatan 2 must get the sector reserve.
    applicants = [Applicant(i, (1, "makanan"), 1) for i in range(1, 11)]
    applicants += [Applicant(11, (2, "kriya"), 1), Applicant(12, (2, "kriya"), 1)]
    quotas = [Quota("kecamatan", {1: 4, 2: 0}), Quota("sektor", {"makanan": 0, "kriya": 2})]
    result = allocate(applicants, seats=6, quotas=quotas, seed=9)
    pools = {p.id: p.pool for p in result.selected}
    assert len(pools) == 6
    assert pools[11] == pools[12] == "sektor"
    assert sum(pool == "kecamatan" for pool in pools.values()) == 4
    assert result.summary["sektor"]["kriya"] == {"target": 2, "applicants": 2, "reserved": 2, "open": 0}
    # A kriya applicant already chosen by the kecamatan reserve counts towards the sector reserve.
    applicants = [
        Applicant(1, (1, "kriya"), 1),
        Applicant(2, (2, "kriya"), 1),
        Applicant(3, (2, "makanan"), 1),
    ]
    quotas = [Quota("kecamatan", {1: 1}), Quota("sektor", {"kriya": 1})]
    result = allocate(applicants, seats=2, quotas=quotas, seed=1)
    assert {p.id: p.pool for p in result.selected}[1] == "kecamatan"
    assert result.summary["sektor"]["kriya"]["reserved"] == 0  # already met by applicant 1
    assert result.summary["sektor"]["kriya"]["open"] == len(
        [p for p in result.selected if applicants[p.id - 1].pools[1] == "kriya"]
    )


def test_reserves_larger_than_the_places_stop_at_the_places():
    applicants = [Applicant(i, (i % 3, "abc"[i % 3]), 1) for i in range(1, 31)]
    quotas = [Quota("kecamatan", {0: 4, 1: 4, 2: 4}), Quota("sektor", {"a": 5, "b": 5, "c": 5})]
    result = allocate(applicants, seats=5, quotas=quotas, seed=3)
    assert len(result.selected) == 5 and len(result.waiting) == 25


def test_the_digest_changes_with_any_input():
    applicants = [Applicant(1, (1, "a"), 1), Applicant(2, (2, "b"), 2, 2.0)]
    base = digest(applicants, 1, [Quota("k", {1: 1})])
    assert base == digest(list(reversed(applicants)), 1, [Quota("k", {1: 1})])
    assert base != digest(applicants, 2, [Quota("k", {1: 1})])
    assert base != digest(applicants, 1, [Quota("k", {1: 0})])
    assert base != digest([applicants[0], applicants[1]._replace(pools=(2, "c"))], 1, [Quota("k", {1: 1})])
    assert base != digest([applicants[0], applicants[1]._replace(priority=1)], 1, [Quota("k", {1: 1})])


two_dimensional = st.lists(
    st.tuples(st.integers(0, 4), st.sampled_from("abc"), st.integers(1, 3), st.sampled_from([1.0, 0.5, 3.0])),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(
    rows=two_dimensional,
    seats=st.integers(0, 40),
    kec=st.dictionaries(st.integers(0, 4), st.integers(0, 10), max_size=5),
    sector=st.dictionaries(st.sampled_from("abc"), st.integers(0, 10), max_size=3),
    seed=st.integers(0, 2**32),
)
def test_property_two_dimensions_keep_every_guarantee(rows, seats, kec, sector, seed):
    applicants = [Applicant(i, (k, s), t, w) for i, (k, s, t, w) in enumerate(rows, start=1)]
    quotas = [Quota("kecamatan", kec), Quota("sektor", sector)]
    result = allocate(applicants, seats=seats, quotas=quotas, seed=seed)
    assert sorted(p.id for p in result.placements) == sorted(a.id for a in applicants)
    assert len(result.selected) == min(seats, len(applicants))
    assert result == allocate(list(reversed(applicants)), seats=seats, quotas=quotas, seed=seed)
    by_id = {a.id: a for a in applicants}
    chosen = [by_id[p.id] for p in result.selected]
    # The first dimension's reserves are met as far as places and applicants allow.
    for k, n in kec.items():
        applied = sum(a.pools[0] == k for a in applicants)
        if sum(min(m, sum(a.pools[0] == j for a in applicants)) for j, m in kec.items()) <= seats:
            assert sum(a.pools[0] == k for a in chosen) >= min(n, applied)
    # The open pool follows the fill order: nobody waiting has a better tier than an open-pool pick.
    worst_open_tier = max((by_id[p.id].tier for p in result.selected if p.pool == POOL_OPEN), default=0)
    if result.waiting and worst_open_tier:
        assert min(by_id[p.id].tier for p in result.waiting) >= worst_open_tier
