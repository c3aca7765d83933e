"""The recovery definition on plain numbers (no database): one business, one month measured.

The snapshot refresh (``services.snapshots_refresh``) applies the same rule set-wise in SQL; the
tests hold both to the same hand-made cases. Comparisons are in integers (no rounding): the recent
average ≥ threshold % of the baseline average ⇔ recent_sum × base_n × 100 ≥ threshold × base_sum ×
recent_n.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    RECOVERED = "pulih", _("Pulih")
    NOT_RECOVERED = "belum_pulih", _("Belum pulih")
    NO_BASELINE = "tanpa_dasar", _("Tanpa data dasar")
    NO_RECENT = "tanpa_laporan", _("Tanpa laporan terbaru")
    CLOSED = "tutup", _("Tutup")


@dataclass(frozen=True)
class Rule:
    baseline_year: int
    min_baseline_months: int
    recent_months: int
    threshold_percent: int
    bands: tuple[int, ...]

    @classmethod
    def from_settings(cls) -> Rule:
        from . import conf

        return cls(
            baseline_year=int(conf.BASELINE_YEAR),
            min_baseline_months=int(conf.MIN_BASELINE_MONTHS),
            recent_months=int(conf.RECENT_MONTHS),
            threshold_percent=int(conf.THRESHOLD_PERCENT),
            bands=tuple(int(edge) for edge in conf.BANDS),
        )


def has_baseline(baseline: Sequence[int], rule: Rule) -> bool:
    return len(baseline) >= max(1, rule.min_baseline_months)


def is_recovered(
    *, base_sum: int, base_n: int, recent_sum: int, recent_n: int, threshold_percent: int
) -> bool:
    return recent_sum * base_n * 100 >= threshold_percent * base_sum * recent_n


def classify(*, baseline: Sequence[int], recent: Sequence[int], closed: bool, rule: Rule) -> Outcome:
    """``baseline``: the turnover of each month reported in the baseline year; ``recent``: of each
    month reported in the window ending at the month measured; ``closed``: closed at that month's
    end. A closed business is counted apart whatever its figures (it cannot recover while closed)."""
    if closed:
        return Outcome.CLOSED
    if not has_baseline(baseline, rule):
        return Outcome.NO_BASELINE
    if not recent:
        return Outcome.NO_RECENT
    recovered = is_recovered(
        base_sum=sum(baseline), base_n=len(baseline), recent_sum=sum(recent), recent_n=len(recent),
        threshold_percent=rule.threshold_percent,
    )  # fmt: skip
    return Outcome.RECOVERED if recovered else Outcome.NOT_RECOVERED


def band_of(*, base_sum: int, base_n: int, rule: Rule) -> int:
    """The baseline turnover band (1 = lowest) of a business with a baseline; 0 without one."""
    if base_n < max(1, rule.min_baseline_months):
        return 0
    for index, edge in enumerate(rule.bands, start=1):
        if base_sum < edge * base_n:  # average < edge, in integers
            return index
    return len(rule.bands) + 1


def band_labels(rule: Rule) -> dict[int, str]:
    """Readable names of the bands, e.g. "< Rp2.000.000/bulan"."""
    from binaumkm.core.money import format_rupiah as rupiah

    labels = {0: str(_("Tanpa data dasar"))}
    low = None
    for index, edge in enumerate(rule.bands, start=1):
        labels[index] = (
            str(_("< %(high)s/bulan") % {"high": rupiah(edge)}) if low is None
            else str(_("%(low)s – %(high)s/bulan") % {"low": rupiah(low), "high": rupiah(edge)})
        )  # fmt: skip
        low = edge
    labels[len(rule.bands) + 1] = str(_("≥ %(low)s/bulan") % {"low": rupiah(low or 0)})
    return labels
