"""Wilson intervals and the cell-weighted comparison, against figures computed by hand."""

import pytest

from binaumkm.reporting.stats import Share, Stratum, compare, wilson


def test_wilson_interval_known_values():
    low, high = wilson(8, 10)
    assert (round(low, 4), round(high, 4)) == (0.4902, 0.9433)
    low, high = wilson(0, 5)
    assert low == 0.0 and round(high, 4) == 0.4345
    assert wilson(0, 0) is None
    assert Share(3, 4).value == 0.75 and Share(0, 0).value is None


def test_compare_weights_strata_by_helped_counts_and_skips_strata_without_comparables():
    result = compare([
        Stratum(helped_n=30, helped_k=24, other_n=60, other_k=30),  # 0.8 vs 0.5
        Stratum(helped_n=10, helped_k=5, other_n=40, other_k=10),  # 0.5 vs 0.25
        Stratum(helped_n=5, helped_k=5, other_n=0, other_k=0),  # no comparable: left out
    ])  # fmt: skip
    assert (result.helped.k, result.helped.n, result.matched_helped, result.matched_others) == (
        34,
        45,
        40,
        100,
    )
    assert result.helped_share == pytest.approx(0.75 * 0.8 + 0.25 * 0.5)
    assert result.other_share == pytest.approx(0.75 * 0.5 + 0.25 * 0.25)
    assert result.difference == pytest.approx(0.2875)
    variance = 0.75**2 * (0.8 * 0.2 / 30 + 0.25 / 60) + 0.25**2 * (0.25 / 10 + 0.25 * 0.75 / 40)
    low, high = result.interval
    assert (high - low) / 2 == pytest.approx(1.959964 * variance**0.5, rel=1e-5)


def test_compare_without_any_matched_stratum():
    result = compare([Stratum(helped_n=5, helped_k=2, other_n=0, other_k=0)])
    assert result.difference is None and result.interval is None and result.helped.n == 5
