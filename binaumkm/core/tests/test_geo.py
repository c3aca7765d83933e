"""Boundaries and neighbours (``core.geo``): on small made-up shapes, then on Surakarta's files."""

import csv
import itertools
import json

import pytest
from django.conf import settings

from binaumkm.core import geo

# About 111 m per 0.001 degree near the equator: shapes at latitude 0 keep the arithmetic plain.
M = 0.001 / 111.195


def square(x0, y0, size=100.0):
    """A square of ``size`` metres with its south-west corner at (x0, y0) metres."""
    x0, y0, s = x0 * M, y0 * M, size * M
    return [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]]


def write(tmp_path, features, name="areas.geojson"):
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kode": code, "nama": code.upper()},
         "geometry": {"type": "Polygon", "coordinates": [ring]}} for code, ring in features
    ]}))  # fmt: skip
    return path


def test_shared_edge_corner_and_small_gap_are_neighbours_a_wide_gap_is_not(tmp_path):
    path = write(tmp_path, [
        ("a", square(0, 0)), ("b", square(100, 0)),  # shares a's east edge
        ("c", square(200, 100)),  # touches b only at a corner
        ("d", square(0, 120)),  # 20 m north of a: a gap from simplification
        ("e", square(400, 400)),  # far from everyone
    ])  # fmt: skip
    found = geo.neighbours(geo.read_areas(path), tolerance_m=30)
    assert found == {
        "a": {"b", "d"}, "b": {"a", "c", "d"}, "c": {"b"}, "d": {"a", "b"}, "e": frozenset(),
    }  # fmt: skip
    # b and d: d's south-east corner is 20 m from b's north-west corner.
    assert geo.neighbours(geo.read_areas(path), tolerance_m=10)["d"] == frozenset()


def test_overlapping_shapes_cross_and_distance_is_measured_in_metres(tmp_path):
    areas = geo.read_areas(
        write(tmp_path, [("a", square(0, 0)), ("b", square(50, 50)), ("c", square(300, 0))])
    )
    assert geo.boundary_distance(areas["a"], areas["b"]) == 0
    assert geo.boundary_distance(areas["a"], areas["c"]) == pytest.approx(200, abs=0.5)


def test_multipolygons_and_labels_are_read(tmp_path):
    path = tmp_path / "multi.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kode": "x", "nama": "X", "label_point": [0.0005, 0.0005]},
         "geometry": {"type": "MultiPolygon", "coordinates": [[square(0, 0)], [square(1000, 0)]]}},
        {"type": "Feature", "properties": {"kode": "y", "nama": "Y"},
         "geometry": {"type": "Polygon", "coordinates": [square(1100, 0)]}},
    ]}))  # fmt: skip
    areas = geo.read_areas(path)
    assert areas["x"].label_point == (0.0005, 0.0005) and len(areas["x"].rings) == 2
    assert geo.neighbours(areas)["y"] == {"x"}  # through x's second island


@pytest.mark.parametrize(
    "content", ["not json", '{"type": "Feature"}', '{"features": [{"properties": {}, "geometry": {}}]}']
)
def test_a_file_that_is_not_a_boundary_file_is_refused(tmp_path, content):
    path = tmp_path / "bad.geojson"
    path.write_text(content)
    with pytest.raises(geo.BoundaryFileError):
        geo.read_areas(path)


def test_a_geometry_that_is_not_a_polygon_is_refused(tmp_path):
    path = tmp_path / "point.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"properties": {"kode": "p"}, "geometry": {"type": "Point", "coordinates": [0, 0]}}]}))  # fmt: skip
    with pytest.raises(geo.BoundaryFileError):
        geo.read_areas(path)


# --- Surakarta ------------------------------------------------------------------------------------------


def kelurahan_codes_in_area_file():
    with open(settings.BINAUMKM["AREA_FILE"], encoding="utf-8") as handle:
        return {row["kode"] for row in csv.DictReader(handle) if row["tingkat"] == "kelurahan"}


def test_surakarta_files_hold_every_kelurahan_and_kecamatan_by_code():
    kelurahan = geo.read_areas(settings.BINAUMKM["BOUNDARY_FILE"])
    kecamatan = geo.read_areas(settings.BINAUMKM["KECAMATAN_BOUNDARY_FILE"])
    assert set(kelurahan) == kelurahan_codes_in_area_file() and len(kelurahan) == 54
    assert sorted(a.name for a in kecamatan.values()) == [
        "Banjarsari", "Jebres", "Laweyan", "Pasar Kliwon", "Serengan",
    ]  # fmt: skip


def test_surakarta_kecamatan_neighbours_are_the_known_ones():
    areas = geo.read_areas(settings.BINAUMKM["KECAMATAN_BOUNDARY_FILE"])
    by_name = {a.name: code for code, a in areas.items()}
    found = {areas[c].name: {areas[n].name for n in near} for c, near in geo.neighbours(areas).items()}
    assert found == {
        "Laweyan": {"Banjarsari", "Serengan"},
        "Serengan": {"Laweyan", "Banjarsari", "Pasar Kliwon"},
        "Pasar Kliwon": {"Serengan", "Banjarsari", "Jebres"},
        "Jebres": {"Banjarsari", "Pasar Kliwon"},
        "Banjarsari": {"Laweyan", "Serengan", "Pasar Kliwon", "Jebres"},
    }
    assert by_name["Laweyan"] not in geo.neighbours(areas)[by_name["Jebres"]]


def test_surakarta_kelurahan_neighbours_are_symmetric_and_local():
    areas = geo.read_areas(settings.BINAUMKM["BOUNDARY_FILE"])
    found = geo.neighbours_from_file(settings.BINAUMKM["BOUNDARY_FILE"])
    name = {code: a.name for code, a in areas.items()}
    code = {a.name: c for c, a in areas.items()}
    assert all(1 <= len(near) <= 10 for near in found.values())
    assert all(a in found[b] for a, near in found.items() for b in near)
    assert {name[c] for c in found[code["Pajang"]]} >= {"Laweyan", "Sondakan", "Jajar"}
    assert code["Mojosongo"] not in found[code["Pajang"]]  # opposite ends of the city
    assert code["Jebres"] in found[code["Mojosongo"]]


def test_the_tolerance_sits_in_a_wide_gap_of_surakarta_distances():
    """The simplified borders of true neighbours lie within ~61 m of each other; the nearest pair
    that is not neighbours is ~109 m apart: 80 m is not a knife-edge choice."""
    areas = geo.read_areas(settings.BINAUMKM["BOUNDARY_FILE"])
    project = geo._projector(areas.values())
    distances = [
        geo.boundary_distance(areas[a], areas[b], project) for a, b in itertools.combinations(areas, 2)
    ]
    assert not [d for d in distances if 65 < d < 100]
    assert sum(1 for d in distances if d <= geo.DEFAULT_TOLERANCE_M) == 153
