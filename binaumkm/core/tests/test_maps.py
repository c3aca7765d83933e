"""The map of the city (core/maps.py): every kelurahan drawn and matched by code, classes, the legend,
links and the table alternative; the metrics modules offer through the ``map_metrics`` hook."""

import re

import pytest

from binaumkm.core.hooks import map_metrics
from binaumkm.core.maps import NO_DATA, choropleth, class_breaks, class_of, projected_map
from binaumkm.core.models import Kecamatan, Kelurahan


@pytest.mark.django_db
def test_all_54_kelurahan_are_drawn_and_match_the_database_by_code(areas):
    shapes = projected_map()
    codes = set(Kelurahan.objects.values_list("code", flat=True))
    assert len(codes) == 54
    assert set(shapes.kelurahan) == codes
    assert set(shapes.kecamatan) == set(Kecamatan.objects.values_list("code", flat=True))
    svg = str(choropleth(dict.fromkeys(codes, 1), title="UMKM"))
    assert len(set(re.findall(r'data-kode="([0-9.]+)"', svg))) == 54
    assert svg.count('stroke="#212529"') == 5  # kecamatan outlines


def test_the_projection_fits_a_fixed_viewbox_and_keeps_the_citys_shape():
    shapes = projected_map()
    assert shapes.width == 360 and 200 < shapes.height < 420  # Solo is about as tall as it is wide
    numbers = [float(n) for _name, d in shapes.kelurahan.values() for n in re.findall(r"-?\d+\.\d", d)]
    assert min(numbers) >= 0 and max(numbers) <= 360
    svg = str(choropleth({}, title="UMKM"))
    assert "preserveAspectRatio" not in svg and "style=" not in svg


def test_quantile_classes_are_never_empty():
    assert class_breaks([]) == []
    assert class_breaks([3, 3, 3]) == [3]
    assert class_breaks([1, 2, 3]) == [1, 2, 3]
    values = list(range(1, 101))
    breaks = class_breaks(values)
    assert breaks == [20, 40, 60, 80, 100]
    counts = [sum(class_of(v, breaks) == k for v in values) for k in range(len(breaks))]
    assert counts == [20, 20, 20, 20, 20]


def test_each_kelurahan_links_to_its_list_with_its_value_and_missing_values_say_so():
    shapes = projected_map()
    first, second, *_rest = sorted(shapes.kelurahan)
    name = shapes.kelurahan[first][0]
    html = str(
        choropleth({first: 12, second: None}, title="UMKM binaan", links={first: "/staf/umkm/?kelurahan=7"})
    )
    assert f'<a href="/staf/umkm/?kelurahan=7" aria-label="{name}: 12" data-kode="{first}">' in html
    assert f"<title>{name}: 12</title>" in html
    second_area = re.search(rf'<g data-kode="{re.escape(second)}"><path d="[^"]+" fill="([^"]+)"', html)
    assert second_area.group(1) == NO_DATA
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert len(rows) == 54 and (name, "12") in rows
    assert rows.count((shapes.kelurahan[second][0], "tidak ada data")) == 1
    assert 'role="group"' in html and "aria-labelledby=" in html and "wilayah_boundaries" in html


def test_titles_are_escaped():
    html = str(choropleth({}, title='<b>"x"</b>', description="<i>"))
    assert "<b>" not in html and "&lt;b&gt;" in html and "<i>" not in html


@pytest.mark.django_db
def test_modules_offer_map_metrics_by_permission(areas):
    from binaumkm.core.testing import make_user
    from binaumkm.registry.tests.factories import BusinessFactory

    staff, owner = (
        make_user("staf_dinas", username="peta-staf"),
        make_user("pemilik_umkm", username="peta-pemilik"),
    )
    pajang = Kelurahan.objects.get(code="33.72.01.1001")
    BusinessFactory.create_batch(3, kelurahan=pajang)
    BusinessFactory(kelurahan=pajang, status="tutup")
    metrics = map_metrics(staff)
    assert list(metrics)[:1] == ["binaan"] and {"pelatihan", "kursi"} <= set(metrics)
    binaan = metrics["binaan"].values(staff)
    assert binaan["33.72.01.1001"] == 3  # the closed one is not binaan
    assert len(binaan) == 54 and sum(binaan.values()) == 3  # a kelurahan without UMKM is 0, not "no data"
    assert metrics["pelatihan"].values(staff)["33.72.01.1001"] == 0
    assert map_metrics(owner) == {}


@pytest.mark.django_db
def test_the_map_page_draws_the_chosen_metric_and_links_to_the_filtered_list(areas, staff_client):
    from binaumkm.registry.tests.factories import BusinessFactory

    pajang = Kelurahan.objects.get(code="33.72.01.1001")
    BusinessFactory.create_batch(2, kelurahan=pajang)
    page = staff_client.get("/staf/peta/").content.decode()
    assert page.count("data-kode=") == 54
    assert f'href="/staf/umkm/?kelurahan={pajang.pk}" aria-label="Pajang: 2"' in page
    training = staff_client.get("/staf/peta/?metrik=pelatihan").content.decode()
    assert 'aria-label="Pajang: 0%"' in training
    # an unknown metric shows the first one, not an error
    assert 'aria-label="Pajang: 2"' in staff_client.get("/staf/peta/?metrik=%3Cx%3E").content.decode()
    listed = staff_client.get(f"/staf/umkm/?kelurahan={pajang.pk}").content.decode()
    assert listed.count("Usaha Uji") >= 2


@pytest.mark.django_db
def test_the_training_coverage_report_shows_the_map_instead_of_the_kelurahan_bars(areas, staff_client):
    page = staff_client.get("/pelatihan/staf/pemerataan/").content.decode()
    assert page.count("data-kode=") == 54 and 'class="map"' in page
