"""The outcome and funnel pages, their .xlsx, the refresh button and the map metric, on the
hand-made world (conftest.py) refreshed into snapshots."""

import io

import pytest
from django.apps import apps
from django.urls import reverse
from openpyxl import load_workbook

from binaumkm.core.hooks import FunnelStep, map_metrics
from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import assert_constant_queries
from binaumkm.registry.models import Business
from binaumkm.reporting import services
from binaumkm.reporting.models import Snapshot, SnapshotRun
from binaumkm.reporting.tests.conftest import NOV, TODAY


@pytest.fixture
def refreshed(world, monkeypatch):
    helped = Business.objects.filter(name__in=["A", "C"]).values("pk")
    monkeypatch.setattr(
        services, "help_steps", lambda: [FunnelStep("trained", "Lulus pelatihan", lambda s: helped)]
    )
    services.snapshots_refresh(today=TODAY)
    return world


def sheet_rows(response, title):
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book[title].iter_rows(values_only=True)]


@pytest.mark.django_db
def test_outcome_page_shows_shares_the_comparison_and_association_wording(staff_client, refreshed):
    response = staff_client.get(reverse("reporting:outcomes"), {"bulan": NOV.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="share-recovered">66,7%' in html  # 2 of 3 assessed
    assert "Lulus pelatihan" in html and "bukan bukti sebab-akibat" in html
    assert "<svg" in html and "Angka per" in html


@pytest.mark.django_db
def test_outcome_filters_keep_bad_input_harmless(staff_client, refreshed):
    other = Kelurahan.objects.exclude(kecamatan=refreshed["A"].kelurahan.kecamatan).first().kecamatan
    response = staff_client.get(
        reverse("reporting:outcomes"), {"bulan": NOV.isoformat(), "kecamatan": other.pk}
    )
    assert 'id="share-recovered">–' in response.content.decode()  # nobody there
    response = staff_client.get(reverse("reporting:outcomes"), {"bulan": "1999-01-01", "kecamatan": "x"})
    assert response.status_code == 200
    assert "November 2026" in response.content.decode()  # the latest month instead


@pytest.mark.django_db
def test_outcome_export_has_every_table(staff_client, refreshed):
    response = staff_client.get(reverse("reporting:outcomes_export"), {"bulan": NOV.isoformat()})
    assert response["Content-Type"].startswith("application/vnd.openxml")
    help_rows = sheet_rows(response, "Per jenis bantuan")
    assert help_rows[1][:3] == ["Lulus pelatihan", 2, 1]  # A recovered, C not
    kecamatan = sheet_rows(response, "Per kecamatan")
    assert kecamatan[1][1:7] == [8, 1, 3, 1, 3, 2]


@pytest.mark.django_db
def test_funnel_page_and_export(staff_client, refreshed):
    response = staff_client.get(reverse("reporting:funnel"), {"bulan": NOV.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="funnel-table"' in html
    rows = sheet_rows(
        staff_client.get(reverse("reporting:funnel_export"), {"bulan": NOV.isoformat()}), "Corong"
    )
    assert [row[:3] for row in rows[1:]] == [["Terdaftar", 8, None], ["Terverifikasi", 7, 1],
                                              ["Mendapat bantuan", 2, 5], ["Pulih (dari yang dibantu)", 1, 1]]  # fmt: skip


@pytest.mark.django_db
def test_pages_without_snapshots_say_so(staff_client, areas):
    for name in ("reporting:outcomes", "reporting:funnel"):
        assert "Belum ada snapshot" in staff_client.get(reverse(name)).content.decode()
    assert staff_client.get(reverse("reporting:outcomes_export")).status_code == 302


@pytest.mark.django_db(transaction=True)
def test_refresh_button_queues_a_run(staff_client, world):
    response = staff_client.post(reverse("reporting:refresh"), {"next": "corong"})
    assert response.status_code == 302 and response["Location"] == reverse("reporting:funnel")
    assert SnapshotRun.objects.get().state == SnapshotRun.State.DONE  # tests run tasks at once


@pytest.mark.django_db
def test_map_metric_recovered_share_per_kelurahan(staff_user, owner_user, refreshed):
    metric = map_metrics(staff_user)["pulih"]
    code = refreshed["A"].kelurahan.code
    assert metric.values(staff_user) == {code: 66.7}
    assert "pulih" not in map_metrics(owner_user)
    assert apps.get_app_config("reporting").navigation(owner_user) == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["reporting:outcomes", "reporting:funnel"])
def test_page_queries_do_not_grow_with_cells(staff_client, refreshed, name):
    kelurahan = list(Kelurahan.objects.all()[:50])

    def grow(n):
        have = Snapshot.objects.filter(month=NOV).count()
        Snapshot.objects.bulk_create([
            Snapshot(month=NOV, kelurahan=kelurahan[i % 50], kbli_section="CGIJ"[i % 4], size_class="mikro",
                     band=1 + i % 5, help_bits=i % 4, registered=2, verified=2, closed=0, no_baseline=0,
                     no_recent=0, assessed=2, recovered=i % 3)
            for i in range(have, n)
        ])  # fmt: skip

    def fetch():
        assert staff_client.get(reverse(name), {"bulan": NOV.isoformat()}).status_code == 200

    assert_constant_queries(fetch, grow)
