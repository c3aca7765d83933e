"""The digital adoption report: funnel per group, conversion, median days assisted → first sale,
selling vs has-an-account per platform, .xlsx, and a query count that does not grow with rows."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from binaumkm.catalogue.adoption import adoption, reached
from binaumkm.core.models import Kecamatan
from binaumkm.core.testing import assert_constant_queries
from binaumkm.registry.models import Presence
from binaumkm.registry.platforms import Platform, Stage
from binaumkm.registry.tests.factories import BusinessFactory

D = datetime.date


def row(stage, platform="shopee", kecamatan="Laweyan", business=1, **dates):
    return {"business_id": business, "platform": platform, "stage": stage, "kecamatan": kecamatan,
            "sector": "C", "size_class": "mikro", **dates}  # fmt: skip


def test_reached_counts_the_stages_a_presence_went_through():
    assert reached(row(Stage.ASSISTED)) == [True, True, False, False, False, False]
    assert reached(row(Stage.ACTIVE)) == [True] * 6
    assert reached(row(Stage.DORMANT, first_sale_on=D(2026, 1, 1))) == [True] * 5 + [False]
    assert reached(row(Stage.CLOSED)) == [False] * 6  # closed with no dates: never counted as selling
    assert reached(row(Stage.CLOSED, account_on=D(2025, 1, 1))) == [True, True, True, False, False, False]


def test_funnel_conversion_median_and_selling_share():
    rows = [
        row(Stage.ASSISTED, business=1, assisted_on=D(2026, 1, 1)),
        row(Stage.ACCOUNT, business=2, assisted_on=D(2026, 1, 1)),
        row(Stage.FIRST_SALE, business=3, assisted_on=D(2026, 1, 1), first_sale_on=D(2026, 1, 11)),
        row(
            Stage.ACTIVE,
            business=4,
            kecamatan="Jebres",
            assisted_on=D(2026, 1, 1),
            first_sale_on=D(2026, 1, 31),
        ),
        row(Stage.ACTIVE, platform="tokopedia", business=4, kecamatan="Jebres"),
        row(Stage.ACCOUNT, platform="tokopedia", business=5, kecamatan="Jebres"),
    ]
    report = adoption(rows, group_by="kecamatan")
    assert [g.name for g in report.groups] == ["Jebres", "Laweyan"]
    assert report.total.counts == [6, 6, 5, 3, 3, 2]
    assert report.total.conversions[1] == pytest.approx(5 / 6) and report.total.conversions[
        2
    ] == pytest.approx(3 / 5)
    assert report.total.median_days == 20  # 10 and 30 days
    assert len(report.total.businesses) == 5
    laweyan = report.groups[1]
    assert laweyan.counts == [3, 3, 2, 1, 1, 0] and laweyan.median_days == 10
    shares = {p.name: (p.has_account, p.selling) for p in report.platforms}
    assert shares == {"Shopee": (3, 2), "Tokopedia": (2, 1)}
    by_platform = adoption(rows, group_by="platform")
    assert [g.name for g in by_platform.groups] == ["Shopee", "Tokopedia"]


@pytest.fixture
def presences(areas):
    laweyan = Kecamatan.objects.get(name="Laweyan")
    made = []

    def grow(n):
        while len(made) < n:
            business = BusinessFactory(verification="terverifikasi", kelurahan=laweyan.kelurahan_set.first())
            stage = [Stage.ASSISTED, Stage.ACCOUNT, Stage.FIRST_SALE, Stage.ACTIVE][len(made) % 4]
            made.append(Presence.objects.create(business=business, platform=Platform.SHOPEE, stage=stage,
                                                assisted_on=D(2026, 1, 1), first_sale_on=D(2026, 2, 1)
                                                if stage in (Stage.FIRST_SALE, Stage.ACTIVE) else None))  # fmt: skip

    return grow


def test_report_page_chart_and_constant_queries(staff_client, presences):
    url = reverse("catalogue:adoption_report")

    def fetch():
        response = staff_client.get(url, {"group_by": "kecamatan"})
        assert response.status_code == 200

    assert_constant_queries(fetch, presences, small=8, large=60)
    page = staff_client.get(url).content.decode()
    assert "<svg" in page and "Laweyan" in page and "Benar-benar berjualan" in page
    assert ">31<" in page  # median days assisted → first sale (1 Jan → 1 Feb)


def test_report_xlsx_and_bad_filters(staff_client, presences):
    presences(4)
    response = staff_client.get(
        reverse("catalogue:adoption_export"), {"group_by": "platform", "sector": "??"}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    funnel = [[c.value for c in r] for r in book.worksheets[0].iter_rows()]
    assert funnel[1][0] == "Shopee" and funnel[1][1] == 4 and funnel[1][2:8] == [4, 4, 3, 2, 2, 1]
    platforms = [[c.value for c in r] for r in book.worksheets[1].iter_rows()]
    assert platforms[1][:3] == ["Shopee", 3, 2]


def test_report_refused_to_owners(client, areas):
    from binaumkm.core.testing import make_user

    client.force_login(make_user("pemilik_umkm", username="+6281200000051", phone="+6281200000051"))
    assert client.get(reverse("catalogue:adoption_report")).status_code == 403
