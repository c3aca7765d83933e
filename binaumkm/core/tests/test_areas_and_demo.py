import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from binaumkm.core.events import Event
from binaumkm.core.models import AuditEntry, Kecamatan, Kelurahan

pytestmark = pytest.mark.django_db


def test_surakarta_areas_load_idempotently(areas):
    assert Kecamatan.objects.count() == 5
    assert Kelurahan.objects.count() == 54
    call_command("load_wilayah")
    assert Kelurahan.objects.count() == 54
    kauman = Kelurahan.objects.get(name="Kauman")
    assert (kauman.code, kauman.kecamatan.name, kauman.postal_code) == (
        "33.72.03.1009",
        "Pasar Kliwon",
        "57112",
    )


def test_another_city_loads_its_own_file(tmp_path):
    path = tmp_path / "kota.csv"
    path.write_text(
        "kode,nama,tingkat,kode_induk,kode_pos\n"
        "33.74,Kota Semarang,kota,33,\n"
        "33.74.01,Semarang Tengah,kecamatan,33.74,\n"
        "33.74.01.1001,Miroto,kelurahan,33.74.01,50134\n"
        "33.72.01,Laweyan,kecamatan,33.72,\n",
        encoding="utf-8",
    )
    call_command("load_wilayah", str(path), city_code="33.74")
    assert list(Kecamatan.objects.values_list("name", flat=True)) == ["Semarang Tengah"]
    assert Kelurahan.objects.get().name == "Miroto"
    assert AuditEntry.objects.filter(action=Event.AREAS_LOADED).exists()


def test_bad_area_file_is_a_clear_error(tmp_path):
    path = tmp_path / "salah.csv"
    path.write_text("kode,nama\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Kolom hilang"):
        call_command("load_wilayah", str(path))


def test_seed_demo_is_deterministic_spread_and_runs_once(capsys):
    from binaumkm.registry.models import Business, Owner, TurnoverReport

    call_command("seed_demo", umkm=120)
    out = capsys.readouterr().out
    assert "admin" in out and "staf" in out and "0812 3456 7890" in out
    assert Business.objects.count() == 120
    assert AuditEntry.objects.filter(action=Event.DEMO_SEEDED).count() == 1
    assert Business.objects.values("kelurahan").distinct().count() == 54  # every kelurahan
    assert set(Business.objects.values_list("status", flat=True)) == {"aktif", "stagnan", "tutup"}
    first = list(Owner.objects.order_by("pk").values_list("nik", "full_name")[:5])
    # The pandemic dip: April–June 2020 below January–March 2020 across the city.
    from django.db.models import Sum

    def total(months):
        return TurnoverReport.objects.filter(period__in=months).aggregate(s=Sum("turnover"))["s"]

    import datetime

    before = total([datetime.date(2020, m, 1) for m in (1, 2, 3)])
    dip = total([datetime.date(2020, m, 1) for m in (4, 5, 6)])
    recovery = total([datetime.date(2021, m, 1) for m in (10, 11, 12)])
    assert dip < 0.7 * before and dip < recovery < before * 1.1
    call_command("seed_demo", umkm=120)  # second run: nothing added, logins printed again
    assert Business.objects.count() == 120
    assert "0812 3456 7890" in capsys.readouterr().out
    # Same seed, same data.
    from binaumkm.core.validators import normalize_nik

    for nik, _name in first:
        normalize_nik(nik)
    assert first == list(Owner.objects.order_by("pk").values_list("nik", "full_name")[:5])
