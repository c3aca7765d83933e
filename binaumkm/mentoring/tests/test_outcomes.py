"""Outcomes against comparable UMKM over the same months (pure)."""

import datetime

from binaumkm.mentoring import outcomes

D = datetime.date


START, END = D(2025, 1, 1), D(2025, 6, 1)


def series(before, after, start=START, end=END):
    s = {outcomes.add_months(start, -k): before for k in (1, 2, 3)}
    s.update({outcomes.add_months(end, k): after for k in (0, 1, 2)})
    return s


def test_windows_are_the_months_before_start_and_from_the_end():
    item = outcomes.Completed(1, "C", 7, D(2025, 1, 15), D(2025, 6, 3), 3, 2)
    before, after = outcomes.windows(item, 3)
    assert before == [D(2024, 12, 1), D(2024, 11, 1), D(2024, 10, 1)]
    assert after == [D(2025, 6, 1), D(2025, 7, 1), D(2025, 8, 1)]


def test_mentored_against_comparables_in_the_same_sector_and_kecamatan():
    done = [
        outcomes.Completed(1, "C", 7, D(2025, 1, 15), D(2025, 6, 3), 3, 2),
        outcomes.Completed(2, "C", 7, D(2025, 1, 15), D(2025, 6, 3), 2, 2),
        outcomes.Completed(3, "G", 7, D(2025, 1, 15), D(2025, 6, 3), 1, 0),  # no turnover: not measured
    ]
    data = {1: series(100, 150), 2: series(100, 110), 10: series(100, 100), 11: series(100, 90), 12: {}}
    summary = outcomes.summarise(done, data, {("C", 7): [10, 11, 12], ("G", 7): [10]}, months=3)
    assert (summary.completed, summary.measured) == (3, 2)
    assert round(summary.mentored_change, 3) == 0.3  # median of +50 % and +10 %
    assert summary.mentored_improved == 1.0
    assert round(summary.comparable_change, 3) == -0.05 and summary.comparable_count == 2
    assert (summary.goals_met, summary.goals_total) == (4, 6)


def test_nothing_completed_gives_empty_figures():
    summary = outcomes.summarise([], {}, {})
    assert summary.mentored_change is None and summary.goals_share is None


def test_changes_are_shown_with_their_sign_and_never_as_minus_zero():
    from binaumkm.mentoring.templatetags.mentoring import change_percent

    assert [change_percent(v) for v in (0.114, -0.05, -0.003, 0.0, None)] == ["+11%", "−5%", "0%", "0%", "–"]
