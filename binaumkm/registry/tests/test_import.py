"""Excel import: every row validated first, errors per row and column, all-or-nothing."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from binaumkm.core.models import AuditEntry
from binaumkm.registry import importing
from binaumkm.registry.models import Business, ImportJob, Owner
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, nik_for

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def good_row(n: int, **overrides) -> dict:
    row = {
        "nama_pemilik": f"Sri Wahyuni {n}",
        "nik": nik_for(100 + n, female=True),
        "jenis_kelamin": "P",
        "hp_pemilik": f"0812{n:08d}",
        "email_pemilik": "",
        "nama_usaha": f"Serabi Notosuman {n}",
        "nib": f"{9100000000000 + n}",
        "alamat": f"Jl. Moh. Yamin No. {n}",
        "kelurahan": "Kauman",
        "sektor_kbli": "C",
        "kode_kbli": "10710",
        "modal_usaha": "",
        "penjualan_tahunan": "Rp 180.000.000",
        "tenaga_kerja": 3,
        "tahun_berdiri": 2015,
        "binaan_sejak": "2021-04-12",
        "status": "aktif",
    }
    row.update(overrides)
    return row


def xlsx(rows: list[dict], headers: list[str] | None = None) -> bytes:
    headers = headers or importing.HEADERS
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append([row.get(h, "") for h in headers])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, name="umkm.xlsx"):
    return client.post(
        reverse("registry:import_start"), {"file": SimpleUploadedFile(name, content, content_type=XLSX)}
    )


def run_import(client, content, django_capture_on_commit_callbacks) -> ImportJob:
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, content)
    assert response.status_code == 302, response.content.decode()[:500]
    return ImportJob.objects.latest("pk")


def test_template_downloads_with_headers_and_kelurahan_sheet(staff_client, areas):
    response = staff_client.get(reverse("registry:import_template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.worksheets[0][1]] == importing.HEADERS
    assert wb.worksheets[2].max_row == 55  # header + 54 kelurahan of Surakarta


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(
    staff_client, areas, django_capture_on_commit_callbacks
):
    existing = BusinessFactory(nib="9100000000099")
    rows = [
        good_row(1),
        good_row(2, nik="3372011313850001"),  # 13th month: bad birth date
        good_row(3, kelurahan="Atlantis", jenis_kelamin="X"),
        good_row(4, penjualan_tahunan="dua juta", nama_usaha="<script>x</script>"),
        good_row(5, nib="9100000000099"),  # collides with an existing business
        good_row(6, nib="9100000000001"),  # same NIB as row 2 (good_row(1)) in the file
        good_row(1),  # an exact duplicate of the first data row
        good_row(8, hp_pemilik="0271 642020", nama_pemilik="x" * 400),
    ]
    job = run_import(staff_client, xlsx(rows), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.READY
    assert (job.total_rows, job.valid_rows) == (8, 1), job.errors
    found = {(e["row"], e["column"]) for e in job.errors}
    assert {
        (3, "nik"),
        (4, "kelurahan"),
        (4, "jenis_kelamin"),
        (5, "penjualan_tahunan"),
        (5, "nama_usaha"),
    } <= found
    assert (6, "nib") in found and (7, "nib") in found and (8, "") in found
    assert (9, "hp_pemilik") in found and (9, "nama_pemilik") in found
    messages = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert existing.name in messages[(6, "nib")]
    assert "baris 2" in messages[(7, "nib")]
    # The preview page lists them in Indonesian; nothing is written and writing is refused.
    html = staff_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert "Kelurahan “Atlantis” tidak ada" in html and "Tidak ada yang ditulis" in html
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("registry:import_commit", args=[job.pk]))
    assert Business.objects.count() == 1  # only the pre-existing one
    job.refresh_from_db()
    assert job.state == ImportJob.State.READY


def test_the_same_file_fixed_imports_fully(staff_client, areas, django_capture_on_commit_callbacks):
    rows = [
        good_row(1),
        good_row(2, nik="3372011313850001"),
        good_row(3, kelurahan="Atlantis", jenis_kelamin="X"),
        good_row(4, penjualan_tahunan="dua juta"),
        good_row(5),
        good_row(6, nik=good_row(1)["nik"], nama_pemilik=good_row(1)["nama_pemilik"], nib=""),  # same owner
    ]
    job = run_import(staff_client, xlsx(rows), django_capture_on_commit_callbacks)
    assert {(e["row"], e["column"]) for e in job.errors} == {
        (3, "nik"),
        (4, "kelurahan"),
        (4, "jenis_kelamin"),
        (5, "penjualan_tahunan"),
    }
    assert Business.objects.count() == 0
    # Staff fix the three bad rows in the same file and upload it again.
    rows[1]["nik"] = nik_for(102, female=True)
    rows[2].update(kelurahan="Laweyan", jenis_kelamin="P")
    rows[3]["penjualan_tahunan"] = "2.000.000"
    job = run_import(staff_client, xlsx(rows), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.READY and job.error_rows == 0
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("registry:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.created_count == 6
    assert Business.objects.count() == 6 and Owner.objects.count() == 5
    business = Business.objects.get(name="Serabi Notosuman 1")
    assert business.annual_sales == 180_000_000 and business.size_class == "mikro"
    assert business.owner.phone == "+62812" + "00000001"
    assert business.verification == "baru" and business.binaan_since == datetime.date(2021, 4, 12)
    assert business.owner.businesses.count() == 2
    assert AuditEntry.objects.filter(action="registry.business.created").count() == 6


def test_only_valid_rows_is_an_explicit_choice(staff_client, areas, django_capture_on_commit_callbacks):
    job = run_import(
        staff_client, xlsx([good_row(1), good_row(2, nik="123")]), django_capture_on_commit_callbacks
    )
    assert (job.valid_rows, job.error_rows) == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("registry:import_commit", args=[job.pk]), {"only_valid": "1"})
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.only_valid and Business.objects.count() == 1


def test_existing_owner_by_nik_gets_the_new_business(staff_client, areas, django_capture_on_commit_callbacks):
    owner = OwnerFactory(full_name="Sri Wahyuni 1", nik=nik_for(101, female=True))
    job = run_import(staff_client, xlsx([good_row(1)]), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("registry:import_commit", args=[job.pk]))
    assert Business.objects.get().owner == owner


def test_database_changes_between_preview_and_write_abort_everything(
    staff_client, areas, django_capture_on_commit_callbacks
):
    job = run_import(staff_client, xlsx([good_row(1), good_row(2)]), django_capture_on_commit_callbacks)
    BusinessFactory(nib=good_row(2)["nib"])  # someone registers that NIB meanwhile
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(reverse("registry:import_commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and Business.objects.count() == 1


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"", "kosong.xlsx", "kosong"),
        (b"PK\x03\x04 not really a zip", "rusak.xlsx", "bukan .xlsx"),
        (b"nama_pemilik,nik\nSri,123\n", "data.csv", ".xlsx"),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "gambar.xlsx", "bukan .xlsx"),
    ],
)
def test_corrupt_empty_or_wrong_files_get_a_clear_message(
    staff_client, areas, django_capture_on_commit_callbacks, content, name, message
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("registry:import_start"), {"file": SimpleUploadedFile(name, content, content_type=XLSX)}
        )
    if response.status_code == 200:  # refused at upload
        assert message in response.content.decode()
    else:
        job = ImportJob.objects.latest("pk")
        assert job.state == ImportJob.State.FAILED and message in job.message
    assert Business.objects.count() == 0


def test_oversized_upload_is_refused(staff_client, areas, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "IMPORT_MAX_BYTES": 1000}
    response = upload(staff_client, xlsx([good_row(n) for n in range(30)]))
    assert response.status_code == 200 and "terlalu besar" in response.content.decode()


def test_missing_and_extra_columns_are_named(staff_client, areas, django_capture_on_commit_callbacks):
    headers = [h for h in importing.HEADERS if h != "nik"] + ["warna_favorit"]
    job = run_import(staff_client, xlsx([good_row(1)], headers=headers), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.FAILED
    assert "nik" in job.message and "warna_favorit" in job.message


def test_header_only_file(staff_client, areas, django_capture_on_commit_callbacks):
    job = run_import(staff_client, xlsx([]), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.FAILED and "tidak berisi baris data" in job.message


def test_numbers_dates_and_formulas_in_cells(staff_client, areas, django_capture_on_commit_callbacks):
    wb = Workbook()
    ws = wb.active
    ws.append(importing.HEADERS)
    row = good_row(1)
    row.update(
        nik=int(row["nik"]),
        hp_pemilik=81200000001,
        penjualan_tahunan=180000000,
        binaan_sejak=datetime.date(2021, 5, 1),
    )
    ws.append([row.get(h, "") for h in importing.HEADERS])
    row2 = good_row(2)
    ws.append([row2.get(h, "") for h in importing.HEADERS])
    ws.cell(row=3, column=importing.HEADERS.index("penjualan_tahunan") + 1, value="=1000*1000")
    buffer = io.BytesIO()
    wb.save(buffer)
    job = run_import(staff_client, buffer.getvalue(), django_capture_on_commit_callbacks)
    assert job.valid_rows == 1
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "penjualan_tahunan")]
    assert "rumus" in job.errors[0]["message"]


def test_progress_fragment_and_permissions(
    client, staff_user, owner_user, areas, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    job = run_import(client, xlsx([good_row(1)]), django_capture_on_commit_callbacks)
    response = client.get(reverse("registry:import_progress", args=[job.pk]))
    assert response.status_code == 200 and response["HX-Refresh"] == "true"
    other_staff = __import__("binaumkm.core.testing", fromlist=["make_user"]).make_user(
        "staf_dinas", username="staf2"
    )
    client.force_login(other_staff)
    assert client.get(reverse("registry:import_detail", args=[job.pk])).status_code == 404
    client.force_login(owner_user)
    assert client.get(reverse("registry:import_start")).status_code == 403


def test_management_command_imports_large_files(areas, tmp_path, staff_user):
    from django.core.management import call_command

    path = tmp_path / "besar.xlsx"
    path.write_bytes(xlsx([good_row(n) for n in range(1, 51)]))
    call_command("import_umkm", str(path), user=staff_user.username)
    assert Business.objects.count() == 50


def test_long_numbers_typed_as_excel_numbers_are_refused_not_mangled(areas):
    row = good_row(1, nik=float("9471014503850001"))
    report = importing.validate_rows(importing.HEADERS, [(2, [row.get(h, "") for h in importing.HEADERS])])
    assert [(e.row, e.column) for e in report.errors] == [(2, "nik")]
    assert "Teks" in report.errors[0].message
