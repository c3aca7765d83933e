"""Parts 2, 3 and 6: a release freezes every dataset's files with checksums and bilingual Satu Data
metadata; no file carries personal data, a small cell or a live formula."""

import csv
import hashlib
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from openpyxl import load_workbook

from binaumkm.core.hooks import open_datasets
from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import make_user
from binaumkm.opendata import services
from binaumkm.opendata.events import Event
from binaumkm.opendata.models import Release, ReleaseState

from .conftest import SECRETS

pytestmark = pytest.mark.django_db


def content(record) -> bytes:
    with record.file.open("rb") as handle:
        return handle.read()


def parsed(record):
    """(rows as dicts, metadata or None) of one file, whatever its format."""
    data = content(record)
    if record.format == "csv":
        return list(csv.DictReader(io.StringIO(data.decode()))), None
    if record.format == "json":
        document = json.loads(data)
        return document["data"], document["metadata"]
    book = load_workbook(io.BytesIO(data))
    values = list(book["data"].iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]], None


def test_every_file_of_every_dataset_is_safe_checksummed_and_suppressed(city):
    hostile = city.small_kecamatan
    hostile.name = "=1+2"  # reference data a careless area file could carry
    hostile.save()
    call_command("opendata_release", stdout=io.StringIO())
    releases = list(Release.objects.prefetch_related("files"))
    assert {r.dataset for r in releases} == set(open_datasets()) and all(r.version == 1 for r in releases)
    for release in releases:
        dataset = open_datasets()[release.dataset]
        kinds = {c.key: c.kind for c in dataset.columns}
        assert release.state == ReleaseState.READY and release.as_of and release.row_count >= 2
        assert sorted(f.format for f in release.files.all()) == ["csv", "json", "xlsx"]
        for record in release.files.all():
            data = content(record)
            assert hashlib.sha256(data).hexdigest() == record.sha256 and len(data) == record.size
            text = data.decode("utf-8", "replace") if record.format != "xlsx" else _xlsx_text(data)
            for secret in (*SECRETS.values(), "HYPERLINK", "Usaha Uji", "Pemilik Uji"):
                assert secret not in text, (release.dataset, record.format, secret)
            rows, meta = parsed(record)
            assert len(rows) == release.row_count
            for row in rows:
                for key, value in row.items():
                    if kinds[key] == "count" and value not in (None, ""):
                        assert int(value) == 0 or int(value) >= 5, (release.dataset, key, value)
                    if key == "kecamatan" and row["kode_kecamatan"] == hostile.code:
                        # Inert: the CSV cell is quoted with an apostrophe, the xlsx cell is text.
                        assert value == ("'=1+2" if record.format == "csv" else "=1+2")
            if meta:
                assert meta["licence"]["spdx"] == "CC-BY-4.0" and meta["version"] == 1
                assert meta["producer"]["name"].startswith("Dinas Koperasi")
                assert meta["id"]["name"] != meta["en"]["name"]  # both languages
                assert {"concept", "definition", "method", "unit", "classification", "periodicity", "level",
                        "suppression"} <= set(meta["en"])  # fmt: skip
            if record.format == "xlsx":
                sheet = load_workbook(io.BytesIO(data))["data"]
                cells = [c for row in sheet.iter_rows() for c in row if c.value == "=1+2"]
                assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert AuditEntry.objects.filter(action=Event.RELEASE_CREATED).count() == len(releases)
    assert AuditEntry.objects.filter(action=Event.RELEASE_PUBLISHED).count() == len(releases)


def _xlsx_text(data: bytes) -> str:
    book = load_workbook(io.BytesIO(data))
    return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row)


def test_a_new_release_keeps_the_old_one(areas, staff_user):
    first = services.release_create(actor=staff_user, dataset_key="umkm-binaan")
    old = {f.format: (f.sha256, content(f)) for f in first.files.all()}
    second = services.release_create(actor=staff_user, dataset_key="umkm-binaan")
    assert (first.version, second.version) == (1, 2)
    first.refresh_from_db()
    assert {f.format: (f.sha256, content(f)) for f in first.files.all()} == old
    assert AuditEntry.objects.filter(action=Event.RELEASE_CREATED, actor=staff_user).count() == 2


def test_only_agency_staff_release_and_only_known_datasets(areas, staff_user):
    owner = make_user("pemilik_umkm", username="pemilik9")
    with pytest.raises(PermissionDenied):
        services.release_create(actor=owner, dataset_key="umkm-binaan")
    with pytest.raises(ValidationError):
        services.release_create(actor=staff_user, dataset_key="tidak-ada")
    assert not Release.objects.exists()


def test_a_large_dataset_is_written_by_the_worker(
    areas, staff_user, settings, django_capture_on_commit_callbacks
):
    settings.BINAUMKM = {**settings.BINAUMKM, "OPENDATA": {"BACKGROUND_ROWS": 0}}
    from binaumkm.registry.tests.factories import BusinessFactory

    BusinessFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        release = services.release_create(actor=staff_user, dataset_key="umkm-binaan")
    release.refresh_from_db()
    assert release.state == ReleaseState.PENDING and not release.files.exists()
    for callback in callbacks:
        callback()  # the immediate task backend runs the task now
    release.refresh_from_db()
    assert release.state == ReleaseState.READY and release.files.count() == 3
