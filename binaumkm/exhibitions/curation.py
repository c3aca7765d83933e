"""Curation scores on plain numbers (no database).

Each curator scores each criterion from 1 to 5. A review's score is the weighted mean of its
criteria put on a 0–100 scale (1 → 0, 5 → 100); the combined score of an application is the mean of
its curators' review scores, so a panel of three counts each curator equally."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

SCALE = range(1, 6)


def review_score(scores: Mapping[int, int], weights: Mapping[int, int]) -> float:
    """The weighted mean of one review on 0–100. Every criterion must be scored within 1..5."""
    if set(scores) != set(weights):
        raise ValueError("a review scores every criterion")
    total = sum(weights.values())
    if total <= 0:
        raise ValueError("weights must be positive")
    if any(s not in SCALE for s in scores.values()):
        raise ValueError("scores are 1..5")
    mean = sum(scores[c] * weights[c] for c in weights) / total
    return round((mean - 1) / 4 * 100, 1)


def combined(review_scores: Iterable[float]) -> float | None:
    """The mean of the curators' review scores; None when nobody scored."""
    values = list(review_scores)
    if not values:
        return None
    return round(sum(values) / len(values), 1)


def lottery_weight(score: float | None) -> float:
    """The curation score as a lottery weight: proportional to the score, never zero (a score of 0
    still has a small chance), so a score of 80 is drawn twice as likely as a score of 40."""
    return max(score or 0.0, 1.0) / 100
