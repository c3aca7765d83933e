"""The same figure everywhere: UMKM recovered in kelurahan Jebres last month is equal on the leadership
dashboard (its map and key figures, and its .xlsx), in the open-data CSV and through the API."""

import csv
import io

import pytest
from django.urls import reverse

from binaumkm.core.models import Kelurahan
from binaumkm.opendata import services as opendata
from binaumkm.registry.tests.factories import BusinessFactory
from binaumkm.reporting import services
from binaumkm.reporting.tests.conftest import TODAY, month, report, wib
from binaumkm.reporting.tests.test_views import sheet_rows

BASELINE = [month(2025, m) for m in range(1, 13)]
RECENT = [month(2026, m) for m in (9, 10, 11)]


@pytest.fixture
def jebres(areas, settings):
    """Twelve UMKM in kelurahan Jebres with a 2025 baseline: 7 back to it, 5 at half; one elsewhere."""
    settings.BINAUMKM = {**settings.BINAUMKM, "RECOVERY": {"BASELINE_YEAR": 2025}}
    kelurahan = Kelurahan.objects.get(name="Jebres", kecamatan__name="Jebres")
    old = wib(2024, 1, 5)
    for i in range(12):
        business = BusinessFactory(kelurahan=kelurahan, created_at=old, verified_at=old)
        report(business, BASELINE, 10_000_000)
        report(business, RECENT, 10_000_000 if i < 7 else 5_000_000)
    elsewhere = BusinessFactory(kelurahan=Kelurahan.objects.exclude(pk=kelurahan.pk).first(), created_at=old)
    report(elsewhere, BASELINE + RECENT, 10_000_000)
    services.snapshots_refresh(today=TODAY)
    return kelurahan


@pytest.mark.django_db
def test_recovered_in_jebres_last_month_is_equal_on_dashboard_open_data_and_api(client, staff_client, jebres):
    # The dashboard: the map's value for Jebres, and the .xlsx behind it.
    html = staff_client.get(reverse("reporting:dashboard")).content.decode()
    assert "Jebres: 58,3%" in html  # 7 of 12
    workbook = staff_client.get(reverse("reporting:dashboard_xlsx"))
    assert [row[2] for row in sheet_rows(workbook, "Peta") if row[0] == jebres.code] == [58.3]
    figures = {row[0]: row[1] for row in sheet_rows(workbook, "Angka utama")}
    assert figures["UMKM pulih (jumlah)"] == 7 + 1  # Jebres and the one elsewhere

    # The open-data CSV, as the public downloads it.
    opendata.release_create(actor=None, dataset_key="pemulihan-umkm")
    response = client.get(reverse("opendata:download_latest", args=["pemulihan-umkm", "csv"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = next(r for r in rows if r["kode_kelurahan"] == jebres.code and r["bulan"] == "2026-11")
    assert (row["kecamatan"], row["umkm_dinilai"], row["umkm_pulih"], row["persen_pulih"]) == (
        "Jebres",
        "12",
        "7",
        "58.3",
    )
    lone = next(r for r in rows if r["kode_kelurahan"] != jebres.code and r["bulan"] == "2026-11")
    assert lone["umkm_pulih"] == "" and lone["persen_pulih"] == ""  # one UMKM: suppressed

    # The API, anonymous.
    got = client.get("/api/v1/open-data/recovery", {"month": "2026-11", "kelurahan": jebres.code}).json()
    assert [(r["umkm_dinilai"], r["umkm_pulih"], r["persen_pulih"]) for r in got] == [(12, 7, 58.3)]
    bad = client.get("/api/v1/open-data/recovery", {"month": "2026-13"})
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/json")
