"""Baseline snapshots, needs and automatic goals (pure)."""

import datetime

from binaumkm.mentoring import baseline

D = datetime.date


def test_turnover_bands():
    assert [baseline.turnover_band(v) for v in (None, 0, 4_999_999, 5_000_000, 60_000_000, 200_000_000)] == [
        "", "lt5", "lt5", "5_15", "50_166", "ge166",
    ]  # fmt: skip


def test_snapshot_averages_the_last_three_months_up_to_intake():
    reports = [(D(2026, m, 1), m * 1_000_000) for m in range(1, 8)]  # Jan..Jul
    snap = baseline.snapshot(reports=reports, taken_on=D(2026, 5, 20), employees=3, nib=False, stage="belum_online",
                             status="stagnan", financing_ready=False, financing_source="dasar")  # fmt: skip
    assert snap["turnover_average"] == 4_000_000  # Mar, Apr, May
    assert snap["turnover_months"] == 3 and snap["turnover_band"] == "lt5"
    assert snap["turnover_reference"] == 4_000_000  # best three consecutive months up to May
    assert snap["taken_on"] == "2026-05-20" and snap["employees"] == 3


def test_reference_is_the_level_a_declining_umkm_had():
    reports = [(D(2025, m, 1), 10_000_000) for m in range(6, 13)] + [
        (D(2026, m, 1), 4_000_000) for m in (1, 2, 3)
    ]
    assert baseline.reference_level(reports, upto=D(2026, 3, 15)) == 10_000_000
    assert baseline.recent_average(reports, upto=D(2026, 3, 15)) == (4_000_000, 3)


def test_back_to_baseline_needs_reports_after_intake_at_the_reference_level():
    base = {"taken_on": "2026-03-15", "turnover_reference": 10_000_000}
    assert not baseline.back_to_baseline(
        base, [(D(2026, 3, 1), 12_000_000)]
    )  # the intake month does not count
    assert not baseline.back_to_baseline(base, [(D(2026, 4, 1), 9_000_000)])
    assert baseline.back_to_baseline(base, [(D(2026, 4, 1), 9_000_000), (D(2026, 5, 1), 11_000_000)])
    assert not baseline.back_to_baseline({}, [(D(2026, 5, 1), 1)])


def test_needs_follow_the_registry_data():
    needs = baseline.needs_of(nib=False, sector="C", food_licence=False, marketplace=False, stagnant=True,
                              reports_recently=False)  # fmt: skip
    assert needs == {"perizinan", "pemasaran_digital", "pembukuan", "kemasan"}
    ready = baseline.needs_of(nib=True, sector="G", food_licence=False, marketplace=True, stagnant=False,
                              reports_recently=True)  # fmt: skip
    assert ready == {"pembiayaan"}


def test_facts_prove_goals():
    assert baseline.fact_proven("nib", {"nib": True}, {})
    assert not baseline.fact_proven("nib", {"nib": False}, {})
    assert not baseline.fact_proven("first_online_sale", {}, {})  # no module proves it: stays for the mentor
    assert baseline.fact_proven("financing_referral_sent", {"financing_referral_sent": D(2026, 1, 1)}, {})
    base = {"taken_on": "2026-01-10", "turnover_reference": 5}
    assert baseline.fact_proven("turnover_baseline", {"turnover_recent": [(D(2026, 2, 1), 6)]}, base)
