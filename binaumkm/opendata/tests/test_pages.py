"""Parts 3–6: the public pages, downloads (latest by default, old versions kept), the staff button,
the CKAN Action API and DCAT shapes, and constant query counts."""

import hashlib

import pytest
from django.urls import reverse

from binaumkm.core.testing import assert_constant_queries
from binaumkm.opendata import services
from binaumkm.opendata.models import Release

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_versions(areas):
    return [services.release_create(actor=None, dataset_key="umkm-binaan") for _ in range(2)]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_anonymous_sees_datasets_metadata_checksums_and_downloads(client, two_versions):
    old, new = two_versions
    page = client.get(reverse("opendata:index"))
    html = page.content.decode()
    assert page.status_code == 200 and "UMKM binaan menurut kecamatan, sektor dan skala usaha" in html
    assert "Kursi pelatihan UMKM" in html and "Belum ada rilis." in html  # other datasets, not yet released
    assert new.files.get(format="csv").sha256 in html
    assert reverse("opendata:download", kwargs={"key": "umkm-binaan", "version": 2, "fmt": "json"}) in html
    assert "Terbitkan rilis baru" not in html  # no staff button for the public
    detail = client.get(reverse("opendata:detail", args=["umkm-binaan"])).content.decode()
    for label in ("Konsep", "Definisi", "Rumus / metode", "Satuan", "Klasifikasi", "Periodisitas",
                  "Tingkat penyajian", "Data per", "Creative Commons Attribution 4.0", "dinkopukm@surakarta.go.id",
                  "Penyembunyian sel kecil", "KBLI 2020"):  # fmt: skip
        assert label in detail, label
    assert old.files.get(format="xlsx").sha256 in detail and new.files.get(format="xlsx").sha256 in detail
    latest = client.get(reverse("opendata:download_latest", args=["umkm-binaan", "csv"]))
    assert latest.status_code == 200 and latest["Content-Type"].startswith("text/csv")
    assert hashlib.sha256(body(latest)).hexdigest() == new.files.get(format="csv").sha256
    first = client.get(
        reverse("opendata:download", kwargs={"key": "umkm-binaan", "version": 1, "fmt": "json"})
    )
    assert hashlib.sha256(body(first)).hexdigest() == old.files.get(format="json").sha256
    assert first["X-Checksum-SHA256"] == old.files.get(format="json").sha256
    for bad in ({"key": "umkm-binaan", "version": 9, "fmt": "csv"}, {"key": "umkm-binaan", "version": 1, "fmt": "exe"},
                {"key": "tidak-ada", "version": 1, "fmt": "csv"}):  # fmt: skip
        assert client.get(reverse("opendata:download", kwargs=bad)).status_code == 404
    assert client.get(reverse("opendata:detail", args=["tidak-ada"])).status_code == 404


def test_the_page_speaks_english(client, two_versions):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("opendata:detail", args=["umkm-binaan"])).content.decode()
    assert "Assisted MSMEs by district, sector and size class" in html and "Small-cell suppression" in html


def test_staff_publish_a_release_from_the_page(client, staff_user, areas):
    client.force_login(staff_user)
    assert "Terbitkan rilis baru" in client.get(reverse("opendata:index")).content.decode()
    response = client.post(reverse("opendata:release_create", args=["umkm-daring"]))
    assert response.status_code == 302 and Release.objects.get().dataset == "umkm-daring"
    assert client.post(reverse("opendata:release_create", args=["tidak-ada"])).status_code == 404


def test_ckan_package_list_and_show(client, two_versions):
    listed = client.get(reverse("opendata:ckan_package_list")).json()
    assert listed["success"] is True and "help" in listed
    assert "umkm-binaan" in listed["result"] and "pembiayaan-umkm" in listed["result"]
    shown = client.get(reverse("opendata:ckan_package_show"), {"id": "umkm-binaan"}).json()
    package = shown["result"]
    assert shown["success"] is True and package["name"] == "umkm-binaan" and package["license_id"] == "cc-by"
    assert package["version"] == "2" and package["metadata_modified"] and package["num_resources"] == 6
    assert package["organization"]["name"] == "kota-surakarta"
    resource = package["resources"][0]
    assert {"id", "url", "format", "hash", "name", "mimetype", "last_modified"} <= set(resource)
    assert resource["hash"] == "sha256:" + two_versions[1].files.get(format="csv").sha256
    assert resource["url"].startswith("http") and "/data-terbuka/umkm-binaan/v2.csv" in resource["url"]
    assert {e["key"] for e in package["extras"]} >= {"konsep", "definisi", "rumus", "satuan", "title_en"}
    missing = client.get(reverse("opendata:ckan_package_show"), {"id": "tidak-ada"})
    assert missing.status_code == 404 and missing.json()["success"] is False
    full = client.get(reverse("opendata:ckan_current_package_list")).json()
    assert [p["name"] for p in full["result"]] == listed["result"]
    assert client.get(reverse("opendata:ckan_help"), {"name": "package_show"}).json()["success"] is True


def test_dcat_catalogue(client, two_versions):
    response = client.get(reverse("opendata:dcat"))
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog" and "dcat" in catalogue["@context"]
    dataset = next(d for d in catalogue["dcat:dataset"] if d["dct:identifier"] == "umkm-binaan")
    assert dataset["@type"] == "dcat:Dataset" and dataset["owl:versionInfo"] == "2"
    assert {t["@language"] for t in dataset["dct:title"]} == {"id", "en"}
    assert len(dataset["dcat:distribution"]) == 3
    checksums = {d["spdx:checksum"]["spdx:checksumValue"] for d in dataset["dcat:distribution"]}
    assert checksums == {f.sha256 for f in two_versions[1].files.all()}


def test_list_page_queries_do_not_grow_with_releases(client, areas):
    def grow(n):
        for key in ("umkm-binaan", "umkm-daring"):
            while Release.objects.filter(dataset=key).count() < n:
                services.release_create(actor=None, dataset_key=key)

    def fetch():
        assert client.get(reverse("opendata:index")).status_code == 200

    assert_constant_queries(fetch, grow, small=1, large=4)
    assert_constant_queries(
        lambda: client.get(reverse("opendata:ckan_current_package_list")), grow, small=4, large=6
    )
