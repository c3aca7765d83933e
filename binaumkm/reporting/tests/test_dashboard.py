"""The leadership dashboard (/laporan/dasbor/): key figures with their changes, the trend, the map,
the funnel, one line per module through the ``leadership_lines`` hook, the PDF and the .xlsx."""

import datetime
import io

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from binaumkm.core.hooks import LeadershipLine, leadership_lines
from binaumkm.core.models import Kelurahan
from binaumkm.core.testing import assert_constant_queries
from binaumkm.reporting import dashboard
from binaumkm.reporting.models import Snapshot, SnapshotRun
from binaumkm.reporting.tests.conftest import NOV
from binaumkm.reporting.tests.test_views import refreshed, sheet_rows  # noqa: F401 (fixture)

MODULE_ORDER = ["compliance", "consignment", "training", "digital", "financing", "mentoring", "exhibitions"]


def cell(month, kelurahan, *, bits, registered, closed=0, verified=0, assessed=0, recovered=0):
    return Snapshot(month=month, kelurahan=kelurahan, kbli_section="C", size_class="mikro", band=1, help_bits=bits,
                    registered=registered, verified=verified, closed=closed, no_baseline=0,
                    no_recent=registered - closed - assessed, assessed=assessed, recovered=recovered)  # fmt: skip


@pytest.fixture
def three_months(areas):
    """Snapshots of Nov 2026, Oct 2026 and Nov 2025; bit 0 is "online", bit 1 "trained"."""
    k = Kelurahan.objects.order_by("code")[0]
    Snapshot.objects.bulk_create([
        cell(NOV, k, bits=0, registered=60, closed=10, verified=40, assessed=40, recovered=20),
        cell(NOV, k, bits=1, registered=40, verified=40, assessed=40, recovered=30),  # online, open
        cell(NOV, k, bits=2, registered=10, closed=2, verified=10, assessed=8, recovered=6),
        cell(datetime.date(2026, 10, 1), k, bits=0, registered=90, closed=10, verified=70, assessed=60, recovered=24),
        cell(datetime.date(2026, 10, 1), k, bits=1, registered=10, verified=10, assessed=10, recovered=5),
        cell(datetime.date(2025, 11, 1), k, bits=0, registered=50, verified=30, assessed=50, recovered=10),
    ])  # fmt: skip
    now = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    SnapshotRun.objects.create(requested_at=now, finished_at=now, state="selesai", last_month=NOV,
                               steps=[[0, "online", "Berjualan online"], [1, "trained", "Lulus pelatihan"]])  # fmt: skip
    return k


@pytest.mark.django_db
def test_key_figures_with_change_from_last_month_and_last_year(staff_user, three_months):
    got = {f.key: f for f in dashboard.key_figures(actor=staff_user, month=NOV)}
    binaan = got["registered"]  # registered minus closed
    assert (binaan.value, binaan.previous, binaan.year_ago) == (98, 90, 50)
    assert (binaan.change_month, binaan.change_year) == (8, 48)
    share = got["recovered_share"]  # 56 of 88; 29 of 70; 10 of 50
    assert (share.value, share.previous, share.year_ago) == (63.6, 41.4, 20.0)
    assert (share.change_month, share.change_year) == (22.2, 43.6)
    online = got["online_share"]  # open with the online bit: 40 of 98; 10 of 90; 0 of 50
    assert (online.value, online.previous, online.year_ago) == (40.8, 11.1, 0.0)
    assert got["helped_share"].value == 49.0  # 40 + 8 of 98
    assert got["verified"].change_month == 10
    assert got["recovered"].value == 56


@pytest.mark.django_db
def test_a_missing_month_shows_no_change(staff_user, three_months):
    Snapshot.objects.filter(month=datetime.date(2025, 11, 1)).delete()
    got = {f.key: f for f in dashboard.key_figures(actor=staff_user, month=NOV)}
    assert got["registered"].year_ago is None and got["registered"].change_year is None
    assert got["registered"].change_month == 8


@pytest.mark.django_db
def test_dashboard_page_shows_figures_trend_map_funnel_and_module_lines(staff_client, three_months):
    response = staff_client.get(reverse("reporting:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-figure="recovered_share"' in html and "63,6%" in html and "+22,2 poin" in html
    assert "+48" in html  # UMKM registered (not closed) against November 2025
    assert "% UMKM pulih per bulan" in html and "Corong pembinaan" in html
    link = f'href="{reverse("registry:business_list")}?kelurahan={three_months.pk}"'
    assert link in html and 'class="map"' in html
    for key in MODULE_ORDER:
        assert f'data-line="{key}"' in html
    assert [html.index(f'data-line="{key}"') for key in MODULE_ORDER] == sorted(
        html.index(f'data-line="{key}"') for key in MODULE_ORDER
    )


@pytest.mark.django_db
def test_map_metric_is_selectable_and_bad_input_is_harmless(staff_client, three_months):
    html = staff_client.get(reverse("reporting:dashboard"), {"metrik": "binaan"}).content.decode()
    assert "Peta: UMKM binaan" in html
    response = staff_client.get(reverse("reporting:dashboard"), {"metrik": "x", "bulan": "1999-01"})
    assert response.status_code == 200
    assert (
        "Peta: UMKM pulih (%)" in response.content.decode() and "November 2026" in response.content.decode()
    )


@pytest.mark.django_db
def test_a_module_adds_its_line_without_editing_the_dashboard(
    staff_client, staff_user, three_months, monkeypatch
):
    config = apps.get_app_config("accounts")
    line = LeadershipLine(
        "surveys", "Survei kepuasan", "87 responden", as_of=datetime.date(2026, 11, 30), order=65
    )
    monkeypatch.setattr(config, "leadership_lines", lambda user: [line], raising=False)
    keys = [item.key for item in leadership_lines(staff_user)]
    assert keys == [*MODULE_ORDER[:6], "surveys", "exhibitions"]
    html = staff_client.get(reverse("reporting:dashboard")).content.decode()
    assert 'data-line="surveys"' in html and "87 responden" in html and "30 Nov 2026" in html


@pytest.mark.django_db
def test_module_lines_only_for_those_who_may_read_them(owner_user, areas):
    assert leadership_lines(owner_user) == []


@pytest.mark.django_db
def test_pdf_for_the_monthly_meeting_holds_figures_charts_and_map(staff_client, three_months):
    response = staff_client.get(reverse("reporting:dashboard_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "DASBOR PIMPINAN" in text and "63,6%" in text
    assert "wilayah_boundaries" in text  # the map's source line, drawn inside its SVG
    assert "tidak ada data" in text  # the map's legend
    assert "Kepatuhan toko modern" in text and "Pameran" in text


@pytest.mark.django_db
def test_xlsx_has_the_same_figures(staff_client, three_months):
    response = staff_client.get(reverse("reporting:dashboard_xlsx"), {"metrik": "binaan"})
    figures = sheet_rows(response, "Angka utama")
    assert figures[1][:6] == ["UMKM terdaftar", 98, 90, 8, 50, 48]
    assert figures[3][:6] == ["UMKM pulih", 63.6, 41.4, 22.2, 20.0, 43.6]
    trend = [(month.date(), share) for month, share in sheet_rows(response, "Tren pulih")[1:]]
    assert trend == [(datetime.date(2025, 11, 1), 20.0), (datetime.date(2026, 10, 1), 41.4), (NOV, 63.6)]
    assert [row[0] for row in sheet_rows(response, "Per modul")[1:]] == [
        "Kepatuhan toko modern",
        "Penjualan titip jual",
        "Cakupan pelatihan",
        "Adopsi digital",
        "Pembiayaan",
        "Pendampingan",
        "Pameran",
    ]
    assert len(sheet_rows(response, "Peta")) == 1 + Kelurahan.objects.count()
    assert sheet_rows(response, "Corong")[1][:2] == ["Terdaftar", 110]


@pytest.mark.django_db
def test_without_snapshots_the_page_says_so_and_exports_go_back(staff_client, areas):
    assert "Belum ada snapshot" in staff_client.get(reverse("reporting:dashboard")).content.decode()
    assert staff_client.get(reverse("reporting:dashboard_pdf")).status_code == 302
    assert staff_client.get(reverse("reporting:dashboard_xlsx")).status_code == 302


@pytest.mark.django_db
def test_dashboard_queries_do_not_grow_with_cells(staff_client, three_months):
    kelurahan = list(Kelurahan.objects.all()[:50])

    def grow(n):
        have = Snapshot.objects.count()
        Snapshot.objects.bulk_create([
            cell([NOV, datetime.date(2026, 10, 1), datetime.date(2025, 11, 1)][i % 3], kelurahan[i % 50],
                 bits=i % 4, registered=3, closed=i % 2, verified=2, assessed=2, recovered=i % 3)
            for i in range(have, n)
        ])  # fmt: skip

    def fetch():
        assert staff_client.get(reverse("reporting:dashboard"), {"metrik": "pulih"}).status_code == 200

    assert_constant_queries(fetch, grow)


@pytest.mark.django_db
def test_digital_adoption_line_counts_umkm_selling_online(staff_user, areas):
    import datetime as dt

    from binaumkm.registry.models import Presence
    from binaumkm.registry.platforms import Stage
    from binaumkm.registry.tests.factories import BusinessFactory

    selling, planned, _quiet = (BusinessFactory() for _ in range(3))
    Presence.objects.create(
        business=selling, platform="shopee", stage=Stage.FIRST_SALE, first_sale_on=dt.date(2026, 5, 2)
    )
    Presence.objects.create(business=planned, platform="shopee", stage=Stage.PLANNED)
    line = next(line for line in leadership_lines(staff_user) if line.key == "digital")
    assert line.value == "33,3% UMKM binaan berjualan online" and line.detail.startswith("1 dari 3")


@pytest.mark.django_db
def test_module_lines_are_computed_once_per_snapshot_run(staff_client, staff_user, three_months, monkeypatch):
    calls = []
    config = apps.get_app_config("training")
    real = config.leadership_lines

    def counted(user):
        calls.append(user.pk)
        return real(user)

    monkeypatch.setattr(config, "leadership_lines", counted)
    url = reverse("reporting:dashboard")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url).status_code == 200
    assert len(calls) == 1  # the second view reads the kept lines
    now = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)
    SnapshotRun.objects.create(requested_at=now, finished_at=now, state="selesai", last_month=NOV, steps=[])
    assert staff_client.get(url).status_code == 200
    assert len(calls) == 2  # a new refresh computes them again
    staff_client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
    assert "Leadership dashboard" in staff_client.get(url).content.decode()
    assert len(calls) == 3  # and each language has its own


@pytest.mark.django_db
def test_a_refresh_computes_the_lines_for_those_who_read_the_dashboard(
    staff_user, owner_user, areas, monkeypatch
):
    from binaumkm.reporting.services import snapshots_refresh

    readers = []
    config = apps.get_app_config("training")
    monkeypatch.setattr(config, "leadership_lines", lambda user: readers.append(user.pk) or [], raising=False)
    snapshots_refresh()
    assert readers.count(staff_user.pk) == len(settings.LANGUAGES)  # once per language, then kept
    assert owner_user.pk not in readers
