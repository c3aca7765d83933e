"""A UMKM's condition at intake and what it needs help with (pure: plain values in, plain data out).

The baseline snapshot is what an engagement is measured against: the average monthly turnover of
the last three reported months before intake (and its band), employees, NIB, the digital stage and
whether the UMKM looks ready for financing. The needs decide which mentor fits (``balancing``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from statistics import mean

from django.utils.translation import gettext_lazy as _

from .models import Topic

# Monthly turnover bands (rupiah): the lower bound of each band. Rp166 juta a month is the micro
# ceiling of Rp2 miliar a year (PP 7/2021).
TURNOVER_BANDS = [
    (0, "lt5", _("di bawah Rp5 juta")),
    (5_000_000, "5_15", _("Rp5–15 juta")),
    (15_000_000, "15_50", _("Rp15–50 juta")),
    (50_000_000, "50_166", _("Rp50–166 juta")),
    (166_000_000, "ge166", _("Rp166 juta atau lebih")),
]
BAND_LABELS = {code: label for _low, code, label in TURNOVER_BANDS}
BAND_LABELS[""] = _("belum ada laporan omzet")

DIGITAL_STAGES = {
    "belum_online": _("belum online"),
    "media_sosial": _("media sosial saja"),
    "marketplace": _("berjualan di marketplace"),
}
FOOD_SECTORS = {"C", "I"}  # manufacturing (processed food) and food service need P-IRT/BPOM/halal
BASELINE_MONTHS = 3


def turnover_band(average: int | None) -> str:
    if average is None:
        return ""
    code = TURNOVER_BANDS[0][1]
    for low, band, _label in TURNOVER_BANDS:
        if average >= low:
            code = band
    return code


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def recent_average(
    reports: Iterable[tuple[datetime.date, int]], upto: datetime.date
) -> tuple[int | None, int]:
    """(the average of the last ``BASELINE_MONTHS`` monthly reports up to ``upto``'s month, how many)."""
    earlier = sorted(((period, amount) for period, amount in reports if period <= upto), reverse=True)
    amounts = [amount for _period, amount in earlier[:BASELINE_MONTHS]]
    return (round(mean(amounts)) if amounts else None), len(amounts)


def reference_level(reports: Iterable[tuple[datetime.date, int]], upto: datetime.date) -> int | None:
    """The level "back to baseline" means: the best average of three consecutive reports in the
    twelve months up to intake (a UMKM that fell back has a level to regain; a steady one keeps
    its own)."""
    start = _month(upto) - datetime.timedelta(days=365)
    series = sorted((p, a) for p, a in reports if start <= p <= upto)
    amounts = [a for _p, a in series]
    windows = [amounts[i : i + BASELINE_MONTHS] for i in range(max(len(amounts) - BASELINE_MONTHS + 1, 1))]
    averages = [round(mean(w)) for w in windows if w]
    return max(averages) if averages else None


def back_to_baseline(baseline: dict, reports: Iterable[tuple[datetime.date, int]]) -> bool:
    """The turnover reported after intake (its last three months) averages at least the reference level."""
    reference = baseline.get("turnover_reference")
    taken_on = baseline.get("taken_on")
    if not reference or not taken_on:
        return False
    intake_month = _month(datetime.date.fromisoformat(taken_on))
    after = sorted(((p, a) for p, a in reports if p > intake_month), reverse=True)[:BASELINE_MONTHS]
    return bool(after) and mean(a for _p, a in after) >= reference


def digital_stage(*, marketplace: bool, social: bool) -> str:
    if marketplace:
        return "marketplace"
    return "media_sosial" if social else "belum_online"


def snapshot(
    *,
    reports: Iterable[tuple[datetime.date, int]],
    taken_on: datetime.date,
    employees: int,
    nib: bool,
    stage: str,
    status: str,
    financing_ready: bool | None,
    financing_source: str,
) -> dict:
    """The JSON stored on the engagement at intake."""
    reports = list(reports)
    average, counted = recent_average(reports, upto=taken_on)
    return {
        "taken_on": taken_on.isoformat(),
        "turnover_average": average,
        "turnover_months": counted,
        "turnover_band": turnover_band(average),
        "turnover_reference": reference_level(reports, upto=taken_on),
        "employees": employees,
        "nib": nib,
        "digital_stage": stage,
        "status": status,
        "financing_ready": financing_ready,
        "financing_source": financing_source,
    }


def needs_of(
    *,
    nib: bool,
    sector: str,
    food_licence: bool,
    marketplace: bool,
    stagnant: bool,
    reports_recently: bool,
) -> frozenset[str]:
    """What a UMKM needs help with, from its registry data (the rules are in docs/mentoring.md)."""
    needs = set()
    if not nib or (sector in FOOD_SECTORS and not food_licence):
        needs.add(Topic.LICENSING.value)
    if not marketplace:
        needs.add(Topic.DIGITAL_MARKETING.value)
    if stagnant or not reports_recently:
        needs.add(Topic.BOOKKEEPING.value)
    if nib and not stagnant and reports_recently:
        needs.add(Topic.FINANCING.value)
    if sector == "C":
        needs.add(Topic.PACKAGING.value)
    return frozenset(needs)


def fact_proven(fact: str, facts: dict, baseline: dict) -> bool:
    """Does the evidence other modules give (``business_facts``) prove a goal of this kind?"""
    if fact == "turnover_baseline":
        return back_to_baseline(baseline, facts.get("turnover_recent") or ())
    return bool(facts.get(fact))
