"""The one chart component (core/charts.py): ticks, time gaps, escaping, the table alternative, PDF."""

import datetime
import re
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st

from binaumkm.core.charts import bar_chart, hbar_chart, month_range, nice_ticks, stacked_bar_chart, time_chart

SVG = "{http://www.w3.org/2000/svg}"


def _svg(html) -> str:
    return re.search(r"<svg.*</svg>", str(html), re.S).group(0)


def _parse(html):
    return ElementTree.fromstring(_svg(html).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 7, [0, 2, 4, 6, 8]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (0, 23_000_000, [0, 5_000_000, 10_000_000, 15_000_000, 20_000_000, 25_000_000]),
        (0, 0.8, [0, 0.2, 0.4, 0.6, 0.8]),
        (0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]),
        (0, 3, [0, 1, 2, 3]),
        (0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]),
    ],
)
def test_ticks_are_on_1_2_5_steps_and_cover_the_data(low, high, expected):
    assert nice_ticks(low, high) == expected


def test_ticks_of_counts_are_whole():
    assert nice_ticks(0, 3, whole=True) == [0, 1, 2, 3]
    assert nice_ticks(0, 0, whole=True) == [0, 1]


@given(st.floats(min_value=0.01, max_value=1e12))
def test_ticks_always_cover_the_peak_on_a_1_2_5_step(high):
    ticks = nice_ticks(0, high)
    assert ticks[0] == 0 and ticks[-1] >= high * (1 - 1e-9)
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert round(mantissa, 6) in (1, 2, 5)
    assert 3 <= len(ticks) <= 7


def test_a_missing_month_is_a_gap_not_joined():
    points = [(datetime.date(2025, m, 1), 10 * m) for m in (1, 2, 3, 5, 6, 8)]  # April and July missing
    svg = _parse(time_chart(points, title="Omzet", unit="rupiah", end=datetime.date(2025, 9, 1)))
    lines = svg.findall(f"{SVG}polyline")
    assert [len(line.get("points").split()) for line in lines] == [3, 2]  # Jan–Mar, May–Jun; Aug alone
    assert len(svg.findall(f"{SVG}circle")) == 6  # the lone August still shows as a dot
    # the axis is true time: April's slot stays empty, so March→May spans two steps
    xs = [float(c.get("cx")) for c in svg.findall(f"{SVG}circle")]
    assert xs[3] - xs[2] == pytest.approx(2 * (xs[1] - xs[0]))


def test_the_time_table_names_the_months_without_data():
    points = [(datetime.date(2025, 1, 1), 5), (datetime.date(2025, 3, 1), 7)]
    html = str(time_chart(points, title="Omzet", value_label="Omzet"))
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", html)
    assert rows == [("Januari 2025", "5"), ("Februari 2025", "tidak ada data"), ("Maret 2025", "7")]


def test_a_long_time_axis_is_labelled_by_year():
    months = month_range(datetime.date(2019, 1, 1), datetime.date(2026, 10, 1))
    svg = str(time_chart([(m, 100) for m in months], title="Omzet"))
    assert all(f">{year}</text>" in svg for year in range(2019, 2027))


def test_labels_and_titles_are_escaped():
    hostile = '<script>alert("x")</script> & "Toko"'
    for html in (
        bar_chart([(hostile, 3)], title=hostile, description=hostile),
        hbar_chart([(hostile, 3)], title=hostile),
        stacked_bar_chart([hostile], [(hostile, "green", [1])], title=hostile, top_labels=[hostile]),
        time_chart([(datetime.date(2025, 1, 1), 3)], title=hostile),
    ):
        assert "<script>" not in str(html)
        assert "&lt;script&gt;" in str(html)
        _parse(html)  # still well-formed XML


def test_every_chart_is_named_described_and_followed_by_its_table():
    html = str(bar_chart([("Jebres", 12), ("Laweyan", 30)], title="UMKM binaan", description="Per kecamatan",
                         value_label="UMKM"))  # fmt: skip
    svg = _parse(html)
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").get("id") == title_id and svg.find(f"{SVG}title").text == "UMKM binaan"
    assert svg.find(f"{SVG}desc").get("id") == desc_id and svg.find(f"{SVG}desc").text == "Per kecamatan"
    table = re.search(r"<table.*</table>", html, re.S).group(0)
    assert '<th scope="col">UMKM</th>' in table
    assert re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", table) == [
        ("Jebres", "12"),
        ("Laweyan", "30"),
    ]


def test_text_never_stretches():
    for html in (
        bar_chart([("a", 1)], title="t"),
        hbar_chart([("a", 1)], title="t"),
        stacked_bar_chart(["a"], [("s", "red", [1])], title="t"),
        time_chart([(datetime.date(2025, 1, 1), 1)], title="t"),
    ):
        svg = _svg(html)
        assert "preserveAspectRatio" not in svg and "style=" not in str(html)
        assert re.search(r'viewBox="0 0 360 \d+"', svg)


def test_money_is_written_in_rupiah_in_the_table_and_short_on_the_axis():
    html = str(bar_chart([("Jan", 1_500_000)], title="Omzet", unit="rupiah"))
    assert "<td>Rp1.500.000</td>" in html
    assert ">Rp1,5 jt</text>" in html  # the value above the bar
    assert ">Rp500 rb</text>" in html  # a tick (0, 500 rb, 1 jt, 1,5 jt)


def test_empty_data_draws_nothing():
    assert str(bar_chart([], title="t")) == ""
    assert str(time_chart([(datetime.date(2025, 1, 1), None)], title="t")) == ""
    # nothing inside the axis the caller asked for
    assert str(time_chart([(datetime.date(2025, 1, 1), 1)], title="t", start=datetime.date(2025, 6, 1))) == ""


def test_a_chart_prints_in_a_weasyprint_pdf():
    from io import BytesIO

    from pypdf import PdfReader
    from weasyprint import HTML

    chart = time_chart(
        [(datetime.date(2025, m, 1), m * 1_000_000) for m in (1, 2, 4)], title="Omzet", unit="rupiah"
    )
    pdf = HTML(string=f"<html><body>{chart}</body></html>").write_pdf()
    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "Rp4 jt" in text  # the value label of the last month is drawn as text


def test_stack_labels_never_run_together_on_a_phone():
    from binaumkm.core.charts import stacked_bar_chart

    months = [f"M{i}" for i in range(12)]  # 12 stacks at 360 px: "43%" is wider than one stack
    svg = str(stacked_bar_chart(months, [("Patuh", "green", [1] * 12)], title="t", top_labels=["43%"] * 12))
    assert svg.count(">43%</text>") == 6  # every other stack
    few = str(stacked_bar_chart(months[:4], [("Patuh", "green", [1] * 4)], title="t", top_labels=["43%"] * 4))
    assert few.count(">43%</text>") == 4


def test_long_time_axis_leaves_out_a_first_year_that_would_run_into_the_next():
    import datetime

    from binaumkm.core.charts import time_chart

    def years(start):
        points = [(datetime.date(start.year + (start.month - 1 + k) // 12, (start.month - 1 + k) % 12 + 1, 1), 5)
                  for k in range(90)]  # fmt: skip
        return str(time_chart(points, title="t"))

    assert ">2019</text>" not in years(datetime.date(2019, 11, 1))  # two months before "2020"
    assert ">2019</text>" in years(datetime.date(2019, 2, 1)) and ">2020</text>" in years(
        datetime.date(2019, 2, 1)
    )
