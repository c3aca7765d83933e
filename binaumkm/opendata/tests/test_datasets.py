"""Part 1: every module publishes its dataset through the ``open_datasets`` hook, aggregates per
kecamatan with small cells suppressed (and no total that gives a suppressed cell back)."""

import pytest

from binaumkm.core.hooks import open_datasets
from binaumkm.core.small_cells import complement, suppress, suppress_row
from binaumkm.registry.models import Presence
from binaumkm.registry.platforms import Stage

EXPECTED = {
    "umkm-binaan": "registry", "umkm-daring": "registry", "pelatihan-umkm": "training",
    "kepatuhan-toko-modern": "partnerships", "penjualan-titipan": "consignment", "pembiayaan-umkm": "financing",
    "pemulihan-umkm": "reporting",
}  # fmt: skip


def published_figures(rows, dataset):
    kinds = {c.key: c.kind for c in dataset.columns}
    for row in rows:
        for key, value in row.items():
            if kinds[key] in ("count", "amount", "percent"):
                yield kinds[key], key, value


def test_each_module_offers_its_dataset_through_the_hook():
    datasets = open_datasets()
    assert {key: d.module for key, d in datasets.items()} == EXPECTED
    for dataset in datasets.values():
        assert dataset.columns[0].key == "kode_kecamatan" and dataset.level in ("kecamatan", "kelurahan")
        assert all(str(getattr(dataset, f)) for f in ("title", "concept", "definition", "method", "unit",
                                                      "classification", "periodicity"))  # fmt: skip


def test_suppress_and_suppress_row():
    assert [suppress(n) for n in (0, 1, 4, 5, 9)] == [0, None, None, 5, 9]
    row = suppress_row({"a": 3, "b": 900_000}, businesses=3, figures=("a", "b"))
    assert row == {"a": None, "b": None}  # a rupiah amount from 3 UMKM is not published
    row = suppress_row({"seats": 7, "done": 3}, businesses=7, figures=("seats", "done"), counts=("done",))
    assert row == {"seats": 7, "done": None}


def test_a_lone_suppressed_cell_takes_a_second_one_with_it():
    rows = [{"kec": "A", "n": 12}, {"kec": "A", "n": None}, {"kec": "A", "n": 6}, {"kec": "B", "n": 8}]
    complement(rows, group=("kec",), figure="n", raw={0: 12, 1: 2, 2: 6, 3: 8})
    # The smallest other cell of A goes too: A's total (published elsewhere) no longer gives 2 back.
    assert [r["n"] for r in rows] == [12, None, None, 8]


@pytest.mark.django_db
def test_rows_publish_the_big_kecamatan_and_hide_the_small_one(city):
    datasets = open_datasets()
    rows = {key: dataset.rows() for key, dataset in datasets.items()}
    big, small = city.big_kecamatan.code, city.small_kecamatan.code

    def row_of(key, code):
        return next(r for r in rows[key] if r["kode_kecamatan"] == code)

    assert row_of("umkm-binaan", big)["umkm_binaan"] == 10
    assert row_of("umkm-daring", big) | {} == {"kode_kecamatan": big, "kecamatan": city.big_kecamatan.name,
                                                "umkm_binaan": 10, "umkm_daring": 5, "persen_daring": 50}  # fmt: skip
    # One more UMKM online leaves 4 offline: a small cell by subtraction, so the online figures go.
    Presence.objects.create(business=city.big[9], platform="shopee", stage=Stage.ACTIVE)
    daring = next(r for r in open_datasets()["umkm-daring"].rows() if r["kode_kecamatan"] == big)
    assert (daring["umkm_binaan"], daring["umkm_daring"], daring["persen_daring"]) == (10, None, None)
    assert row_of("pelatihan-umkm", big)["kursi_terisi"] == 7
    assert row_of("pelatihan-umkm", big)["lulus"] is None  # 3 completions among 7 seats
    assert row_of("kepatuhan-toko-modern", big)["umkm_mitra"] == 6
    assert row_of("penjualan-titipan", big)["nilai_penjualan"] == 6 * 2 * 50_000
    financing = row_of("pembiayaan-umkm", big)
    assert (financing["umkm_dirujuk"], financing["nilai_diajukan"]) == (10, 300_000_000)
    assert (financing["umkm_dicairkan"], financing["nilai_dicairkan"]) == (5, 125_000_000)
    for key in EXPECTED:
        figures = list(published_figures([row_of(key, small)], datasets[key]))
        assert figures and all(value in (None, 0) for _kind, _col, value in figures), (key, figures)
    # No published count anywhere is about 1–4 of anything.
    for key, dataset in datasets.items():
        for kind, column, value in published_figures(rows[key], dataset):
            assert kind != "count" or value is None or value == 0 or value >= 5, (key, column, value)
