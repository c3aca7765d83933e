"""Importing the agency's own spreadsheets: the mapping proposed, the cleaned values, the errors per
row, sectors confirmed per distinct value, duplicates offered as updates, a confirmed mapping reused."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from binaumkm.core.models import AuditEntry
from binaumkm.registry.events import Event
from binaumkm.registry.importing import mapping as rules
from binaumkm.registry.models import Business, ImportJob, ImportMapping, Owner, SectorKeyword
from binaumkm.registry.tests.agency_files import HEADERS, agency_rows, agency_workbook
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, nik_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sector_keywords")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
INVESTMENT = HEADERS.index("Nilai Investasi")


def upload(client, content, capture, name="data umkm 2021.xlsx") -> ImportJob:
    with capture(execute=True):
        response = client.post(
            reverse("registry:import_start"), {"file": SimpleUploadedFile(name, content, content_type=XLSX)}
        )
    assert response.status_code == 302, response.content.decode()[:500]
    return ImportJob.objects.latest("pk")


def proposal(job) -> dict[str, str]:
    return {c["header"]: c["field"] for c in job.columns}


def confirm_mapping(client, job, capture, **changes):
    """Post the proposed mapping with ``changes`` {column index: field}; returns the response."""
    data = {f"col_{c['index']}": c["field"] for c in job.columns}
    data.update({f"col_{i}": key for i, key in changes.items()})
    with capture(execute=True):
        response = client.post(reverse("registry:import_mapping", args=[job.pk]), data)
    job.refresh_from_db()
    return response


def confirm_sectors(client, job, capture, remember=False, **overrides):
    data = {
        f"sector_{i}": overrides.get(v["value"], v["section"]) for i, v in enumerate(job.sectors["values"])
    }
    if remember:
        data["remember"] = "on"
    with capture(execute=True):
        response = client.post(reverse("registry:import_sectors", args=[job.pk]), data)
    job.refresh_from_db()
    return response


def commit(client, job, capture, **data):
    with capture(execute=True):
        client.post(reverse("registry:import_commit", args=[job.pk]), data)
    job.refresh_from_db()


def ready_job(client, capture, content=None) -> ImportJob:
    job = upload(client, content or agency_workbook(), capture)
    confirm_mapping(client, job, capture, **{str(INVESTMENT): "modal_usaha"})
    if job.state == ImportJob.State.SECTORS:
        confirm_sectors(client, job, capture)
    assert job.state == ImportJob.State.READY, (job.state, job.message)
    return job


def test_the_table_is_found_and_a_mapping_proposed_with_confidence(
    staff_client, areas, django_capture_on_commit_callbacks
):
    job = upload(staff_client, agency_workbook(), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.MAPPING and job.layout == ImportJob.Layout.MAPPED
    # The data sheet is chosen over the summary sheet before it; the header row is row 4.
    assert [s["name"] for s in job.sheets] == ["Rekap", "Data UMKM"]
    assert (job.sheet, job.header_row, job.total_rows) == ("Data UMKM", 4, 8)
    assert proposal(job) == {
        "No": rules.IGNORE, "Nama Pemilik": "nama_pemilik", "NIK": "nik", "L/P": "jenis_kelamin",
        "No. HP": "hp_pemilik", "Nama Usaha": "nama_usaha", "Alamat": "alamat", "Kelurahan": "kelurahan",
        "Kecamatan": "kecamatan", "Jenis Usaha": "sektor_kbli", "Omzet per Tahun": "penjualan_tahunan",
        "Tahun Berdiri": "tahun_berdiri", "Nilai Investasi": "", "Keterangan": "",
    }  # fmt: skip
    columns = {c["header"]: c for c in job.columns}
    assert columns["L/P"]["score"] == 100 and columns["NIK"]["fit"] == [7, 8]  # one NIK was rounded by Excel
    assert columns["Nilai Investasi"]["score"] == 0
    # The blank row inside the data, the totals row and the notes below are skipped, not errors.
    assert [(s["row"], s["reason"]) for s in job.preview["skipped"]] == [
        (10, "kosong"), (14, "jumlah"), (16, "di-bawah-tabel"), (17, "di-bawah-tabel")
    ]  # fmt: skip
    html = staff_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert "Pemetaan kolom" in html and "Konfirmasi pemetaan" in html and "baris jumlah/total" in html
    assert Business.objects.count() == 0


def test_cleaned_values_errors_per_row_and_the_preview(
    staff_client, areas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    job = upload(staff_client, agency_workbook(), capture)
    confirm_mapping(
        staff_client, job, capture, **{str(INVESTMENT): "modal_usaha"}
    )  # staff map one more column
    assert job.state == ImportJob.State.SECTORS
    # One decision per distinct value: "Kuliner" and "kuliner" are one value of three rows.
    values = {v["value"]: (v["count"], v["suggestion"]) for v in job.sectors["values"]}
    assert values == {"Kuliner": (3, "I"), "Batik": (1, "C"), "Bengkel": (1, "G"), "Konveksi": (1, "C"),
                      "Makanan ringan": (1, "C"), "Sablon kaos": (1, "C")}  # fmt: skip
    confirm_sectors(staff_client, job, capture)
    assert job.state == ImportJob.State.READY
    errors = {(e["row"], e["header"]): e["message"] for e in job.errors}
    assert set(errors) == {(8, "NIK"), (12, "Kelurahan")}
    assert "3.37203E+15" in errors[(8, "NIK")] and "Ketik ulang" in errors[(8, "NIK")]
    assert "Kepatihan Kulon" in errors[(12, "Kelurahan")]
    assert (job.valid_rows, job.error_rows, job.preview["new_rows"]) == (6, 2, 6)
    columns = {c["header"]: c for c in job.preview["columns"]}
    assert (columns["No. HP"]["filled"], columns["No. HP"]["cleaned"], columns["No. HP"]["failed"]) == (
        8,
        8,
        0,
    )
    assert (columns["Kelurahan"]["cleaned"], columns["Kelurahan"]["failed"]) == (4, 1)
    assert columns["NIK"]["failed"] == 1 and columns["Nilai Investasi"]["label"] == "Modal usaha (Rp)"
    first = next(r for r in job.preview["changed_rows"] if r["row"] == 5)["changes"]
    assert {"header": "No. HP", "old": "0812-2634-5678", "new": "+6281226345678"} in first
    assert {"header": "Nilai Investasi", "old": "Rp. 25 juta", "new": "Rp25.000.000"} in first
    html = staff_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert (
        "Yang dipahami per kolom" in html and "Kel. Penumping → <strong>Penumping (Laweyan)</strong>" in html
    )
    assert "Impor hanya 6 baris yang valid" in html and Business.objects.count() == 0  # nothing written yet

    commit(staff_client, job, capture, only_valid="1")
    assert job.state == ImportJob.State.DONE and job.created_count == 6
    got = {b.name: b for b in Business.objects.select_related("owner", "kelurahan")}
    assert "Bengkel Agus Motor" not in got and "Konveksi Rina" not in got
    sri = got["Serabi Notosuman Bu Sri"]
    assert (sri.owner.phone, sri.owner.gender, sri.kelurahan.name, sri.kbli_section) == (
        "+6281226345678",
        "P",
        "Kauman",
        "I",
    )
    assert (sri.annual_sales, sri.capital, sri.year_founded) == (120_000_000, 25_000_000, 2015)
    budi = got["Batik Tulis Santoso"]
    assert budi.owner.nik == nik_for(202)  # an exact 16-digit number cell is accepted
    assert (budi.owner.phone, budi.kelurahan.name, budi.annual_sales, budi.year_founded) == (
        "+6285643210987", "Penumping", 60_000_000, 2010)  # fmt: skip
    assert got["Keripik Tempe Bu Siti"].kelurahan.name == "Jebres"
    assert (
        got["Warung Makan Dewi"].kelurahan.name == "Kauman"
        and got["Warung Makan Dewi"].annual_sales == 150_000_000
    )
    assert (
        got["Angkringan Pak Joko"].owner.phone == "+6281299990001"
        and got["Angkringan Pak Joko"].owner.gender == "L"
    )
    assert got["Sablon Hartono"].kbli_section == "C" and got["Sablon Hartono"].size_class == "mikro"
    assert AuditEntry.objects.filter(action="registry.business.created").count() == 6


def test_a_confirmed_mapping_is_reused_for_the_next_file_with_the_same_headers(
    staff_client, areas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    first = upload(staff_client, agency_workbook(), capture)
    confirm_mapping(staff_client, first, capture, **{str(INVESTMENT): "modal_usaha", "13": rules.IGNORE})
    saved = ImportMapping.objects.get()
    assert saved.fields["nilai investasi"] == "modal_usaha" and saved.confirmed_by.username == "staf1"
    assert AuditEntry.objects.filter(action=Event.IMPORT_MAPPING_CONFIRMED, object_id=str(first.pk)).exists()
    assert AuditEntry.objects.filter(action=Event.IMPORT_MAPPING_SAVED).count() == 1
    # Next month, the same colleague's file: other rows, the same headers in capitals.
    headers = [h.upper() for h in HEADERS]
    second = upload(
        staff_client, agency_workbook(agency_rows()[:3], headers=headers), capture, name="feb.xlsx"
    )
    assert second.state == ImportJob.State.MAPPING and second.preview["saved"] is True
    assert (
        proposal(second)["NILAI INVESTASI"] == "modal_usaha"
        and proposal(second)["KETERANGAN"] == rules.IGNORE
    )
    assert {c["how"] for c in second.columns} == {"tersimpan"}
    html = staff_client.get(reverse("registry:import_detail", args=[second.pk])).content.decode()
    assert "pemetaan yang dulu dikonfirmasi dipakai lagi" in html
    # A file with other headers gets a fresh proposal.
    third = upload(staff_client, agency_workbook(headers=[*HEADERS[:-1], "Catatan"]), capture)
    assert third.preview["saved"] is False and proposal(third)["Nilai Investasi"] == ""


def test_staff_pick_another_sheet(staff_client, areas, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    rows_2022 = [HEADERS] + [[1, *agency_rows()[0][1:]], [2, *agency_rows()[1][1:]]]
    job = upload(staff_client, agency_workbook(extra_sheets={"Data 2022": rows_2022}), capture)
    assert job.sheet == "Data UMKM" and len(job.sheets) == 3
    html = staff_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert "Baca lembar ini" in html and "Data 2022 (2 baris)" in html
    with capture(execute=True):
        staff_client.post(reverse("registry:import_mapping", args=[job.pk]), {"sheet": "Data 2022"})
    job.refresh_from_db()
    assert (job.state, job.sheet, job.header_row, job.total_rows) == (
        ImportJob.State.MAPPING,
        "Data 2022",
        1,
        2,
    )
    assert AuditEntry.objects.get(action=Event.IMPORT_SHEET_CHOSEN).data == {"sheet": "Data 2022"}
    response = staff_client.post(reverse("registry:import_mapping", args=[job.pk]), {"sheet": "Tidak ada"})
    assert response.status_code == 200 and "pilihan yang valid" in response.content.decode()


def test_a_mapping_can_never_put_a_column_into_a_field_of_another_type(
    staff_client, areas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    job = upload(staff_client, agency_workbook(), capture)
    name_column = HEADERS.index("Nama Usaha")
    response = confirm_mapping(staff_client, job, capture, **{str(name_column): "nik", "2": ""})
    html = response.content.decode()
    assert response.status_code == 200 and job.state == ImportJob.State.MAPPING
    assert "Kolom “Nama Usaha” tidak bisa dipakai sebagai “NIK”" in html
    assert 'value="nik" selected' in html  # the form keeps what staff chose
    response = confirm_mapping(staff_client, job, capture, **{str(INVESTMENT): "penjualan_tahunan"})
    assert "dipilih untuk lebih dari satu kolom" in response.content.decode()
    response = confirm_mapping(staff_client, job, capture, **{"1": "", "5": "warna_favorit"})
    assert "pilihan yang valid" in response.content.decode()
    response = confirm_mapping(staff_client, job, capture, **{"1": ""})
    assert "Kolom wajib belum dipetakan: Nama pemilik" in response.content.decode()
    assert job.state == ImportJob.State.MAPPING and not job.mapping and Business.objects.count() == 0


def test_duplicates_are_offered_as_updates_with_a_diff_or_skipped(
    staff_client, areas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    owner = OwnerFactory(full_name="Sri Wahyuni", nik=nik_for(201, female=True), phone="+6281200000000")
    kept = BusinessFactory(
        owner=owner, name="Serabi Notosuman Bu Sri", annual_sales=90_000_000, year_founded=2015
    )
    job = ready_job(staff_client, capture)
    assert (job.duplicate_rows, job.preview["new_rows"], job.preview["duplicates_changed"]) == (1, 5, 1)
    changes = {c["field"]: (c["old"], c["new"]) for c in job.preview["duplicates"][0]["changes"]}
    assert changes["annual_sales"] == ("Rp90.000.000", "Rp120.000.000")
    assert changes["phone"] == ("+6281200000000", "+6281226345678")
    assert "year_founded" not in changes  # the same value is not a change
    html = staff_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert (
        "Sudah terdaftar" in html and kept.reference in html and "Perbarui dengan nilai dari berkas" in html
    )

    commit(staff_client, job, capture, only_valid="1", duplicate_action="lewati")
    kept.refresh_from_db()
    assert job.created_count == 5 and job.updated_count == 0 and kept.annual_sales == 90_000_000
    assert Business.objects.filter(name="Serabi Notosuman Bu Sri").count() == 1  # never silently duplicated


def test_duplicates_updated_through_the_registry_services(
    staff_client, areas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    owner = OwnerFactory(full_name="Sri Wahyuni", nik=nik_for(201, female=True), phone="+6281200000000")
    kept = BusinessFactory(
        owner=owner, name="SERABI NOTOSUMAN BU SRI", annual_sales=90_000_000, status="stagnan"
    )
    job = ready_job(staff_client, capture)
    commit(staff_client, job, capture, only_valid="1", duplicate_action="perbarui")
    assert (job.state, job.created_count, job.updated_count) == (ImportJob.State.DONE, 5, 1)
    kept.refresh_from_db()
    owner.refresh_from_db()
    assert (kept.annual_sales, kept.capital, kept.kbli_section, owner.phone) == (
        120_000_000, 25_000_000, "I", "+6281226345678")  # fmt: skip
    assert kept.status == "stagnan"  # the file has no status column: nothing to change there
    entry = AuditEntry.objects.get(action="registry.business.updated", object_id=str(kept.pk))
    assert entry.changes["annual_sales"] == [90_000_000, 120_000_000] and entry.actor.username == "staf1"
    assert AuditEntry.objects.filter(action="registry.owner.updated", object_id=str(owner.pk)).exists()
    assert AuditEntry.objects.get(action=Event.IMPORT_UPDATED).data["businesses"] == 1
    assert Owner.objects.filter(nik=owner.nik).count() == 1


def test_all_or_nothing_stays_the_default(staff_client, areas, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    job = ready_job(staff_client, capture)
    commit(staff_client, job, capture)  # not choosing "only valid rows" with two bad rows
    assert job.state == ImportJob.State.READY and Business.objects.count() == 0
    rows = agency_rows()
    rows[3][2] = nik_for(204)  # staff retype the rounded NIK as text
    rows[6][7] = "Kepatihan Wetan"
    job = ready_job(staff_client, capture, agency_workbook(rows))
    assert job.error_rows == 0
    commit(staff_client, job, capture)
    assert job.state == ImportJob.State.DONE and Business.objects.count() == 8
    assert Business.objects.get(name="Bengkel Agus Motor").owner.phone == "+6281298765432"  # number cell


def test_sector_decisions_apply_to_every_row_and_can_extend_the_keywords(
    staff_client, areas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    rows = agency_rows()
    rows[7][9] = "Lain-lain"  # no keyword matches
    rows[6][7] = "Kepatihan Wetan"
    job = upload(staff_client, agency_workbook(rows), capture)
    confirm_mapping(staff_client, job, capture)
    entry = next(v for v in job.sectors["values"] if v["value"] == "Lain-lain")
    assert entry["suggestion"] == "" and entry["section"] == ""
    html = staff_client.get(reverse("registry:import_detail", args=[job.pk])).content.decode()
    assert "tidak ada saran" in html and "saran dari kata kunci “kuliner”" in html
    confirm_sectors(staff_client, job, capture, remember=True, **{"Lain-lain": "S", "Kuliner": "C"})
    assert job.state == ImportJob.State.READY
    assert AuditEntry.objects.filter(action=Event.IMPORT_SECTORS_CONFIRMED, object_id=str(job.pk)).exists()
    assert SectorKeyword.objects.get(keyword="lain lain").section == "S"
    assert not SectorKeyword.objects.filter(keyword="kuliner", section="C").exists()  # had a suggestion
    commit(staff_client, job, capture, only_valid="1")
    assert set(Business.objects.filter(name__in=["Serabi Notosuman Bu Sri", "Warung Makan Dewi",
                                                 "Angkringan Pak Joko"]).values_list("kbli_section", flat=True)) == {"C"}  # fmt: skip
    assert Business.objects.get(name="Sablon Hartono").kbli_section == "S"


def test_a_sector_left_undecided_makes_its_rows_errors(
    staff_client, areas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    job = upload(staff_client, agency_workbook(), capture)
    confirm_mapping(staff_client, job, capture)
    confirm_sectors(staff_client, job, capture, Bengkel="")
    messages = {e["row"]: e["message"] for e in job.errors if e["column"] == "sektor_kbli"}
    assert messages == {8: "Sektor “Bengkel” belum dipilih pada langkah konfirmasi sektor."}


def test_formulas_in_data_cells_stay_refused(staff_client, areas, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    rows = agency_rows()
    rows[0][10] = "=85000000+35000000"
    rows[1][0] = "=A5+1"  # numbering by formula: the "No" column is not imported
    job = ready_job(staff_client, capture, agency_workbook(rows))
    formula_errors = [(e["row"], e["header"]) for e in job.errors if "rumus" in e["message"]]
    assert formula_errors == [(5, "Omzet per Tahun")]
    assert (14, "jumlah") in [(s["row"], s["reason"]) for s in job.preview["skipped"]]


def test_other_value_forms_dates_monthly_sales_status(
    staff_client, areas, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    headers = ["Nama", "NIK", "JK", "Telp", "Nama UMKM", "Alamat Usaha", "Desa/Kelurahan", "Bidang Usaha",
               "Omset per Bulan", "Tgl Pendataan", "Status Usaha", "Jml TK"]  # fmt: skip
    rows = [
        ["Sri", nik_for(301, female=True), "PR", "0812-3333-4444", "Jamu Sri", "Jl. A", "Kel. Kauman", "C",
         "Rp 5 juta", "12 April 2021", "Masih aktif", "3 orang"],
        ["Budi", nik_for(302), "LK", "0812-3333-5555", "Bakso Budi", "Jl. B", "kp baru", "56101",
         "7.500.000", datetime.date(2021, 5, 1), "Vakum", 2],
    ]  # fmt: skip
    wb = Workbook()
    wb.active.append(["REKAP UMKM"])
    wb.active.append(headers)
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    job = upload(staff_client, buffer.getvalue(), capture)
    assert set(proposal(job).values()) >= {"penjualan_bulanan", "binaan_sejak", "status", "tenaga_kerja"}
    confirm_mapping(staff_client, job, capture)
    assert job.state == ImportJob.State.READY, job.state  # KBLI letters and codes need no sector decision
    commit(staff_client, job, capture)
    sri, budi = Business.objects.get(name="Jamu Sri"), Business.objects.get(name="Bakso Budi")
    assert (sri.annual_sales, sri.binaan_since, sri.status, sri.employees, sri.owner.gender) == (
        60_000_000, datetime.date(2021, 4, 12), "aktif", 3, "P")  # fmt: skip
    assert (budi.annual_sales, budi.binaan_since, budi.status, budi.kbli_section, budi.kelurahan.name) == (
        90_000_000, datetime.date(2021, 5, 1), "stagnan", "I", "Kampungbaru")  # fmt: skip


def test_a_file_without_a_recognisable_header_row_is_refused_clearly(
    staff_client, areas, django_capture_on_commit_callbacks
):
    wb = Workbook()
    wb.active.append(["Catatan rapat"])
    wb.active.append(["Dihadiri 12 orang", "Jumat"])
    buffer = io.BytesIO()
    wb.save(buffer)
    job = upload(staff_client, buffer.getvalue(), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.FAILED and "Baris nama kolom tidak ditemukan" in job.message


def test_steps_answer_only_in_their_state_and_only_to_their_staff(
    client, staff_user, areas, django_capture_on_commit_callbacks
):
    from binaumkm.core.testing import make_user

    client.force_login(staff_user)
    job = upload(client, agency_workbook(), django_capture_on_commit_callbacks)
    response = client.post(reverse("registry:import_sectors", args=[job.pk]), {})
    assert response.status_code == 302  # not in the sector step: back to the page
    client.force_login(make_user("staf_dinas", username="staf2"))
    assert client.post(reverse("registry:import_mapping", args=[job.pk]), {}).status_code == 404
    client.force_login(make_user("pemilik_umkm", username="pemilik9"))
    assert client.post(reverse("registry:import_mapping", args=[job.pk]), {}).status_code == 403
    assert client.get(reverse("registry:sector_keywords")).status_code == 403


def test_zip_bombs_and_too_many_rows_stay_refused(
    staff_client, areas, django_capture_on_commit_callbacks, monkeypatch, settings
):
    from binaumkm.registry.importing import template

    monkeypatch.setattr(template, "MAX_UNZIPPED_BYTES", 10_000)  # the agency file unzips to more
    job = upload(staff_client, agency_workbook(), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.FAILED and "terlalu besar setelah diekstrak" in job.message
    monkeypatch.undo()
    settings.BINAUMKM = {**settings.BINAUMKM, "IMPORT_MAX_ROWS": 5}
    job = upload(staff_client, agency_workbook(), django_capture_on_commit_callbacks)
    assert job.state == ImportJob.State.FAILED and "Terlalu banyak baris (8); maksimal 5" in job.message


def test_each_step_after_a_confirmation_runs_in_the_worker_with_the_progress_bar(
    staff_client, areas, django_capture_on_commit_callbacks
):
    job = upload(staff_client, agency_workbook(), django_capture_on_commit_callbacks)
    data = {f"col_{c['index']}": c["field"] for c in job.columns}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # the worker has not run yet
        staff_client.post(reverse("registry:import_mapping", args=[job.pk]), data)
    job.refresh_from_db()
    assert job.state == ImportJob.State.QUEUED and len(callbacks) == 1
    progress = staff_client.get(reverse("registry:import_progress", args=[job.pk]))
    assert "hx-get" in progress.content.decode() and "HX-Refresh" not in progress
    callbacks[0]()  # the worker picks the task up
    job.refresh_from_db()
    assert job.state == ImportJob.State.SECTORS
