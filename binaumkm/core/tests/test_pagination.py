"""Counts that don't dominate (issue 14, point 4): a list counts at most COUNT_CAP + 1 rows."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from binaumkm.core import pagination
from binaumkm.core.pagination import CappedPaginator, paginate_by_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def cap_of_five(monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 5)
    Group.objects.bulk_create([Group(name=f"kelompok {i:02d}") for i in range(12)])


def test_exact_under_the_cap_and_stops_counting_above_it(cap_of_five):
    few = CappedPaginator(
        Group.objects.filter(name__gte="kelompok", name__lt="kelompok 04").order_by("pk"), 2
    )
    assert few.count == 4 and not few.capped and few.num_pages == 2
    many = CappedPaginator(Group.objects.filter(name__startswith="kelompok").order_by("pk"), 2)
    with CaptureQueriesContext(connection) as queries:
        assert many.count == 6 and many.capped
    assert "LIMIT 6" in queries[0]["sql"].upper()  # the database stops after cap + 1 rows


def test_the_list_says_more_than_the_cap_and_offers_no_last_page(cap_of_five):
    request = RequestFactory().get("/", {"q": "kelompok"})
    page = paginate_by_ids(Group.objects.filter(name__startswith="kelompok").order_by("pk"), "2", per_page=2)
    html = render_to_string("includes/pagination.html", {"page_obj": page}, request=request)
    assert "lebih dari 5 data" in html and "Terakhir" not in html
    assert [group.name for group in page.object_list] == ["kelompok 02", "kelompok 03"]
    exact = paginate_by_ids(
        Group.objects.filter(name__gte="kelompok", name__lt="kelompok 04").order_by("pk"), "1", per_page=2
    )
    html = render_to_string("includes/pagination.html", {"page_obj": exact}, request=request)
    assert "Halaman 1 dari 2 · 4 data" in html and "Terakhir" in html
    assert pagination.COUNT_CAP == 10_000
