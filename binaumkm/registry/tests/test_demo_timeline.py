"""The demo's simulated turnover timeline: January 2019 to last month, relative to the seeding day,
with the 2020 dip and a recovery that differs by kecamatan and sector, gaps, and help on top."""

import datetime

import pytest
from django.db.models import Max, Min, Sum

from binaumkm.core.demo import DemoContext
from binaumkm.registry import demo
from binaumkm.registry.models import Business, TurnoverReport

pytestmark = pytest.mark.django_db


def _seed(today):
    ctx = DemoContext(umkm=400, seed=2021, today=today)
    demo.seed(ctx)
    return ctx


def test_turnover_starts_january_2019_and_runs_to_last_month(areas):
    _seed(datetime.date(2027, 3, 15))
    span = TurnoverReport.objects.aggregate(first=Min("period"), last=Max("period"))
    assert span == {"first": datetime.date(2019, 1, 1), "last": datetime.date(2027, 2, 1)}


def test_the_timeline_follows_the_day_it_is_seeded(areas):
    _seed(datetime.date(2026, 1, 2))
    assert TurnoverReport.objects.aggregate(last=Max("period"))["last"] == datetime.date(2025, 12, 1)


def test_dip_uneven_recovery_and_gaps(areas):
    _seed(datetime.date(2026, 12, 2))

    def total(year, months, **filters):
        periods = [datetime.date(year, m, 1) for m in months]
        qs = TurnoverReport.objects.filter(period__in=periods, **filters)
        return qs.aggregate(s=Sum("turnover"))["s"] or 0

    baseline, dip = total(2019, range(7, 13)), total(2020, (4, 5, 6))
    assert dip < 0.6 * baseline / 2  # three dip months against six baseline months
    # the ratio of recent turnover to 2019 differs by kecamatan (recovery pace is simulated per place)
    ratios = {}
    for code in ("33.72.03", "33.72.05"):  # Pasar Kliwon (slow), Banjarsari (fast)
        where = {"business__kelurahan__kecamatan__code": code, "business__year_founded__lte": 2019,
                 "business__status": "aktif"}  # fmt: skip
        ratios[code] = total(2026, range(6, 12), **where) / total(2019, range(6, 12), **where)
    assert ratios["33.72.05"] > ratios["33.72.03"] + 0.1
    # not every month is reported: a chart of a business shows gaps
    active = Business.objects.filter(status="aktif", year_founded__lte=2019).count()
    months = len(demo.months_between(datetime.date(2019, 1, 1), datetime.date(2026, 11, 1)))
    reported = TurnoverReport.objects.filter(
        business__status="aktif", business__year_founded__lte=2019
    ).count()
    assert 0.9 * active * months < reported < active * months


def test_help_lifts_turnover_after_it_was_given(areas):
    _seed(datetime.date(2026, 12, 2))
    business = Business.objects.filter(status="aktif").order_by("pk").first()
    before = dict(TurnoverReport.objects.filter(business=business).values_list("period", "turnover"))
    demo.turnover_lift([business.pk], since=datetime.date(2024, 5, 20), percent=10)
    after = dict(TurnoverReport.objects.filter(business=business).values_list("period", "turnover"))
    for period, value in before.items():
        expected = value * 110 // 100 if period > datetime.date(2024, 5, 1) else value
        assert after[period] == expected, period
