"""The hand-made world of the snapshot and page tests: eight UMKM covering every case of the
recovery definition (baseline year 2025, months measured up to November 2026)."""

import datetime

import pytest
from django.utils import timezone

from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business, BusinessStatusChange, TurnoverReport
from binaumkm.registry.tests.factories import BusinessFactory

TODAY = datetime.date(2026, 12, 2)
NOV, OCT, MAY = datetime.date(2026, 11, 1), datetime.date(2026, 10, 1), datetime.date(2026, 5, 1)


def month(year, m):
    return datetime.date(year, m, 1)


def wib(*args):
    return timezone.make_aware(datetime.datetime(*args))  # noqa: DTZ001 (made aware at once)


def report(business, months, amount):
    TurnoverReport.objects.bulk_create(
        [TurnoverReport(business=business, period=p, turnover=amount) for p in months]
    )


@pytest.fixture
def world(areas, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "RECOVERY": {"BASELINE_YEAR": 2025}}
    old = wib(2024, 1, 5)
    full = [month(2025, m) for m in range(1, 13)]
    half = [month(2025, m) for m in (1, 3, 5, 7, 9, 11)]
    b = {name: BusinessFactory(name=name, created_at=old, verified_at=old) for name in "ABCDEFG"}
    report(b["A"], full, 10_000_000)
    report(b["A"], [month(2026, m) for m in (9, 10, 11)], 9_000_000)  # exactly 90 %
    report(b["B"], half, 10_000_000)
    report(b["B"], [OCT], 9_500_000)  # partial window: one month of three
    report(b["C"], half, 10_000_000)
    report(b["C"], [NOV], 8_900_000)
    report(b["D"], [month(2025, m) for m in range(1, 6)], 10_000_000)  # five months: no baseline
    report(b["D"], [NOV], 20_000_000)
    report(b["E"], full, 10_000_000)  # nothing reported since
    # G: never verified, no turnover (no baseline); H: registered late, no turnover
    Business.objects.filter(pk=b["F"].pk).update(status=BusinessStatus.CLOSED, kbli_section="G")
    BusinessStatusChange.objects.create(business=b["F"], old_status="aktif", new_status="tutup",
                                        changed_at=wib(2026, 6, 10))  # fmt: skip
    report(b["F"], full, 10_000_000)
    report(b["F"], [month(2026, m) for m in range(1, 7)], 9_500_000)
    Business.objects.filter(pk=b["G"].pk).update(verification=Verification.NEW, verified_at=None)
    late = BusinessFactory(name="H", created_at=wib(2026, 11, 30, 23, 30))  # 30 Nov WIB: counts in November
    return {**b, "H": late}
