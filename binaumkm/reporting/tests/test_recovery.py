"""The recovery definition on hand-made cases (pure rule; the SQL refresh is held to the same cases
in test_snapshots.py)."""

from binaumkm.reporting.recovery import Outcome, Rule, band_labels, band_of, classify

RULE = Rule(baseline_year=2019, min_baseline_months=6, recent_months=3, threshold_percent=90,
            bands=(2_000_000, 5_000_000))  # fmt: skip
FULL_YEAR = [10_000_000] * 12


def test_recovered_exactly_at_the_threshold():
    assert classify(baseline=FULL_YEAR, recent=[9_000_000] * 3, closed=False, rule=RULE) == Outcome.RECOVERED
    assert classify(
        baseline=FULL_YEAR, recent=[9_000_000, 9_000_000, 8_999_999], closed=False, rule=RULE
    ) == (Outcome.NOT_RECOVERED)


def test_no_baseline_when_too_few_months_of_the_baseline_year():
    assert (
        classify(baseline=[10_000_000] * 5, recent=[20_000_000], closed=False, rule=RULE)
        == Outcome.NO_BASELINE
    )
    assert classify(baseline=[], recent=[20_000_000], closed=False, rule=RULE) == Outcome.NO_BASELINE


def test_partial_months_average_only_the_months_reported():
    # Six baseline months averaging 10 jt (others missing) and one month of three in the window.
    baseline = [8_000_000, 12_000_000, 10_000_000, 10_000_000, 9_000_000, 11_000_000]
    assert classify(baseline=baseline, recent=[9_500_000], closed=False, rule=RULE) == Outcome.RECOVERED
    assert classify(baseline=baseline, recent=[8_900_000], closed=False, rule=RULE) == Outcome.NOT_RECOVERED
    # Missing months are not zeros: a gap does not drag the average down.
    assert (
        classify(baseline=baseline, recent=[9_000_000, 9_000_000], closed=False, rule=RULE)
        == Outcome.RECOVERED
    )


def test_no_report_in_the_window_is_counted_apart():
    assert classify(baseline=FULL_YEAR, recent=[], closed=False, rule=RULE) == Outcome.NO_RECENT


def test_closed_business_is_counted_apart_whatever_its_figures():
    assert classify(baseline=FULL_YEAR, recent=[50_000_000] * 3, closed=True, rule=RULE) == Outcome.CLOSED
    assert classify(baseline=[], recent=[], closed=True, rule=RULE) == Outcome.CLOSED


def test_bands_by_baseline_average():
    assert band_of(base_sum=1_999_999 * 12, base_n=12, rule=RULE) == 1
    assert band_of(base_sum=2_000_000 * 12, base_n=12, rule=RULE) == 2
    assert band_of(base_sum=5_000_000 * 6, base_n=6, rule=RULE) == 3
    assert band_of(base_sum=5_000_000 * 5, base_n=5, rule=RULE) == 0
    assert band_labels(RULE) == {
        0: "Tanpa data dasar", 1: "< Rp2.000.000/bulan", 2: "Rp2.000.000 – Rp5.000.000/bulan",
        3: "≥ Rp5.000.000/bulan",
    }  # fmt: skip


def test_rule_reads_the_settings(settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "RECOVERY": {"THRESHOLD_PERCENT": 80, "RECENT_MONTHS": 6}}
    rule = Rule.from_settings()
    assert (rule.threshold_percent, rule.recent_months, rule.baseline_year) == (80, 6, 2019)
