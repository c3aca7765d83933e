"""The import command with a mapping file (unattended imports) and the sector keyword table."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from binaumkm.core.models import AuditEntry
from binaumkm.core.testing import assert_constant_queries
from binaumkm.registry.events import Event
from binaumkm.registry.models import Business, SectorKeyword
from binaumkm.registry.tests.agency_files import agency_rows, agency_workbook
from binaumkm.registry.tests.factories import BusinessFactory, OwnerFactory, nik_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_file(tmp_path):
    rows = agency_rows()
    rows[3][2] = nik_for(204)
    rows[6][7] = "Kepatihan Wetan"
    path = tmp_path / "dinas.xlsx"
    path.write_bytes(agency_workbook(rows))
    return path


@pytest.mark.usefixtures("sector_keywords")
def test_command_writes_a_mapping_proposal_then_imports_with_it(
    agency_file, tmp_path, areas, staff_user, capsys
):
    proposal_path = tmp_path / "pemetaan.json"
    call_command("import_umkm", str(agency_file), user=staff_user.username, write_mapping=str(proposal_path))
    proposal = json.loads(proposal_path.read_text())
    assert proposal["sheet"] == "Data UMKM" and proposal["columns"]["L/P"] == "jenis_kelamin"
    assert proposal["sectors"]["Kuliner"] == "I" and proposal["columns"]["Nilai Investasi"] == ""
    assert Business.objects.count() == 0
    # Staff review the file once: map one more column, decide one sector differently.
    proposal["columns"]["Nilai Investasi"] = "modal_usaha"
    proposal["sectors"]["Sablon kaos"] = "S"
    proposal_path.write_text(json.dumps(proposal))
    call_command("import_umkm", str(agency_file), user=staff_user.username, mapping=str(proposal_path))
    assert "8 usaha diimpor, 0 diperbarui" in capsys.readouterr().out
    sri = Business.objects.get(name="Serabi Notosuman Bu Sri")
    assert (sri.owner.phone, sri.capital, sri.kbli_section) == ("+6281226345678", 25_000_000, "I")
    assert Business.objects.get(name="Sablon Hartono").kbli_section == "S"
    entry = AuditEntry.objects.filter(action="registry.import.written").latest("pk")
    assert entry.actor == staff_user and entry.data["businesses"] == 8


@pytest.mark.usefixtures("sector_keywords")
def test_command_updates_registered_businesses_only_when_the_mapping_says_so(
    agency_file, tmp_path, areas, staff_user
):
    owner = OwnerFactory(full_name="Sri Wahyuni", nik=nik_for(201, female=True))
    kept = BusinessFactory(owner=owner, name="Serabi Notosuman Bu Sri", annual_sales=90_000_000)
    proposal_path = tmp_path / "pemetaan.json"
    call_command("import_umkm", str(agency_file), user=staff_user.username, write_mapping=str(proposal_path))
    call_command("import_umkm", str(agency_file), user=staff_user.username, mapping=str(proposal_path))
    kept.refresh_from_db()
    assert kept.annual_sales == 90_000_000 and Business.objects.count() == 8  # skipped, not duplicated
    proposal = json.loads(proposal_path.read_text())
    proposal["duplicates"] = "perbarui"
    proposal_path.write_text(json.dumps(proposal))
    Business.objects.exclude(pk=kept.pk).delete()
    call_command("import_umkm", str(agency_file), user=staff_user.username, mapping=str(proposal_path))
    kept.refresh_from_db()
    assert kept.annual_sales == 120_000_000
    assert AuditEntry.objects.filter(action="registry.business.updated", object_id=str(kept.pk)).exists()


@pytest.mark.usefixtures("sector_keywords")
def test_command_refuses_a_bad_mapping_file_and_rows_with_errors(agency_file, tmp_path, areas, staff_user):
    path = tmp_path / "pemetaan.json"
    path.write_text(json.dumps({"columns": {"Nama Usaha": "nik", "NIK": ""}}))
    with pytest.raises(CommandError, match="Nama Usaha.*tidak bisa dipakai sebagai “NIK”"):
        call_command("import_umkm", str(agency_file), user=staff_user.username, mapping=str(path))
    path.write_text(json.dumps({"columns": {"Warna Favorit": "nik"}}))
    with pytest.raises(CommandError, match="Warna Favorit"):
        call_command("import_umkm", str(agency_file), user=staff_user.username, mapping=str(path))
    path.write_text("{not json")
    with pytest.raises(CommandError, match="tidak bisa dibaca"):
        call_command("import_umkm", str(agency_file), user=staff_user.username, mapping=str(path))
    rounded = tmp_path / "bulat.xlsx"
    rounded.write_bytes(agency_workbook())  # still has the NIK Excel rounded
    call_command("import_umkm", str(rounded), user=staff_user.username, write_mapping=str(path))
    with pytest.raises(CommandError, match="tidak ada yang ditulis"):
        call_command("import_umkm", str(rounded), user=staff_user.username, mapping=str(path))
    assert Business.objects.count() == 0


def test_a_migration_seeds_the_default_keywords():
    """Run the migration's function itself: a browser test run earlier may have flushed the tables."""
    from importlib import import_module

    from django.apps import apps

    from binaumkm.registry.importing.sectors import read_default_keywords

    defaults = read_default_keywords()
    assert len(defaults) > 150 and defaults["kuliner"] == "I" and defaults["bengkel"] == "G"
    SectorKeyword.objects.all().delete()
    SectorKeyword.objects.create(keyword="kuliner", section="C")  # staff's correction is kept
    import_module("binaumkm.registry.migrations.0004_default_sector_keywords").seed(apps, None)
    assert dict(SectorKeyword.objects.values_list("keyword", "section")) == {**defaults, "kuliner": "C"}


@pytest.mark.usefixtures("sector_keywords")
def test_staff_extend_and_correct_the_keyword_table(staff_client, staff_user):
    url = reverse("registry:sector_keywords")
    assert SectorKeyword.objects.filter(keyword="kuliner", section="I").exists()
    response = staff_client.post(url, {"keyword": "  Wedang Ronde ", "section": "I"})
    assert response.status_code == 302
    entry = SectorKeyword.objects.get(keyword="wedang ronde")
    assert entry.section == "I" and entry.created_by == staff_user
    assert AuditEntry.objects.filter(action=Event.SECTOR_KEYWORD_CREATED, object_id=str(entry.pk)).exists()
    staff_client.post(url, {"keyword": "wedang ronde", "section": "C"})
    entry.refresh_from_db()
    assert entry.section == "C"
    assert AuditEntry.objects.get(action="registry.sector_keyword.updated").changes == {"section": ["I", "C"]}
    html = staff_client.get(url + "?sektor=C").content.decode()
    assert "wedang ronde" in html and "kuliner" not in html
    response = staff_client.post(url, {"keyword": "!!!", "section": "C"})
    assert response.status_code == 200 and "Tulis kata kuncinya" in response.content.decode()
    assert 'value="!!!"' in response.content.decode()  # the form keeps what was typed
    staff_client.post(reverse("registry:sector_keyword_delete", args=[entry.pk]))
    assert not SectorKeyword.objects.filter(keyword="wedang ronde").exists()
    assert AuditEntry.objects.filter(action="registry.sector_keyword.deleted").count() == 1


def test_keyword_list_queries_do_not_grow_with_rows(staff_client):
    def grow(n):
        have = SectorKeyword.objects.filter(keyword__startswith="uji ").count()
        SectorKeyword.objects.bulk_create(
            SectorKeyword(keyword=f"uji {i}", section="S") for i in range(have, n)
        )

    def fetch():
        assert staff_client.get(reverse("registry:sector_keywords") + "?sektor=S").status_code == 200

    assert_constant_queries(fetch, grow)
