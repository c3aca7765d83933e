"""The pure modules (no database): booth choice and placement, the floor-plan SVG, curation scores,
the sector of an application, upload sniffing, the report's arithmetic, the reasons."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given, settings
from hypothesis import strategies as st

from binaumkm.exhibitions import budget, curation, eligibility, reasons, report
from binaumkm.exhibitions.booths import FreeBooth, Rect, Wish, assign, natural, placement_problem
from binaumkm.exhibitions.floorplan import Cell, floor_plan_svg
from binaumkm.exhibitions.uploads import check_upload, sniff


def test_each_chosen_applicant_gets_the_booth_that_suits_them():
    booths = [
        FreeBooth(1, 10, 0, "A-02", False, ()),
        FreeBooth(2, 10, 0, "A-01", True, ()),
        FreeBooth(3, 20, 1, "B-01", False, ("makanan",)),
        FreeBooth(4, 20, 1, "B-10", False, ()),
    ]
    wishes = [
        Wish(100, None, True, "kerajinan"),  # needs power: the powered booth
        Wish(101, 20, False, "makanan"),  # venue 20, the food zone
        Wish(102, None, False, "batik"),  # no wish: not a powered booth, not a foreign zone -> A-02
        Wish(103, 10, False, "batik"),  # venue 10 is full: still a booth, elsewhere
    ]
    assert assign(wishes, booths) == {100: 2, 101: 3, 102: 1, 103: 4}
    assert natural("A-2") < natural("A-10")


@settings(max_examples=100, deadline=None)
@given(n_booths=st.integers(0, 12), n_wishes=st.integers(0, 15), seed=st.integers(0, 999))
def test_property_never_two_applicants_on_one_booth(n_booths, n_wishes, seed):
    import random

    rng = random.Random(seed)
    booths = [FreeBooth(i, rng.randint(1, 3), 0, f"X-{i}", rng.random() < 0.3, ()) for i in range(n_booths)]
    wishes = [Wish(100 + i, rng.choice([None, 1, 2]), rng.random() < 0.5, "batik") for i in range(n_wishes)]
    placed = assign(wishes, booths)
    assert len(placed) == min(n_booths, n_wishes)
    assert len(set(placed.values())) == len(placed)


def test_a_booth_stands_inside_the_grid_and_on_no_other():
    others = [Rect(0, 0, 2, 1)]
    assert placement_problem(Rect(2, 0, 1, 1), columns=4, rows=2, others=others) is None
    assert placement_problem(Rect(1, 0, 1, 1), columns=4, rows=2, others=others) == "overlap"
    assert placement_problem(Rect(3, 1, 2, 1), columns=4, rows=2, others=others) == "outside"


def test_the_floor_plan_is_svg_with_classes_only_and_escaped_text():
    cells = [
        Cell("A-01", 0, 0, 1, 1, "free", "A-01 · bebas"),
        Cell(
            "A-02",
            1,
            0,
            2,
            1,
            "assigned",
            "A-02 · <b>Batik</b>",
            "<script>x</script>",
            "/pameran/staf/lamaran/1/",
        ),
        Cell("A-03", 3, 0, 1, 1, "held", "A-03"),
        Cell("A-04", 0, 1, 1, 1, "blocked", "A-04"),
    ]
    svg = str(floor_plan_svg(4, 2, cells, title="Denah Pendhapi"))
    assert svg.startswith('<svg class="floor-plan" viewBox="0 0 224 112" width="224" height="112"')
    for state in ("free", "assigned", "held", "blocked"):
        assert f'class="fp-booth fp-{state}"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&lt;b&gt;Batik" in svg
    assert 'href="/pameran/staf/lamaran/1/"' in svg
    assert "style=" not in svg and "onclick" not in svg
    assert svg.count('class="fp-cell"') == 8
    # with links inside it is a labelled group of links (axe: no interactive content in an image)
    assert 'role="group" aria-label="Denah Pendhapi"' in svg
    assert '<a href="/pameran/staf/lamaran/1/" aria-label="A-02 · &lt;b&gt;Batik&lt;/b&gt;">' in svg
    assert 'role="img"' in str(floor_plan_svg(4, 2, cells[:1], title="Denah"))


def test_curation_scores():
    weights = {1: 3, 2: 2, 3: 2}
    assert curation.review_score({1: 5, 2: 5, 3: 5}, weights) == 100.0
    assert curation.review_score({1: 1, 2: 1, 3: 1}, weights) == 0.0
    assert curation.review_score({1: 5, 2: 1, 3: 1}, weights) == pytest.approx(42.9)  # (15+2+2)/7 = 2.714
    assert curation.combined([80.0, 60.0, 70.0]) == 70.0 and curation.combined([]) is None
    assert curation.lottery_weight(80) == 2 * curation.lottery_weight(40)
    assert curation.lottery_weight(0) > 0
    with pytest.raises(ValueError):
        curation.review_score({1: 6, 2: 1, 3: 1}, weights)
    with pytest.raises(ValueError):
        curation.review_score({1: 3}, weights)


def test_sector_of_is_the_most_common_category():
    assert eligibility.sector_of(["batik", "makanan", "makanan"]) == "makanan"
    assert eligibility.sector_of(["batik", "makanan"]) == "batik"
    assert eligibility.sector_of([]) == ""


def test_a_licence_without_expiry_date_counts_as_valid():
    business = eligibility.BusinessFacts("terverifikasi", "stagnan", bpom_number="MD123456789012")
    food = eligibility.ProductFacts("Wedang Uwuh", "minuman", True)
    assert eligibility.problems(business, [food], last_day=datetime.date(2026, 1, 1)) == []


def test_uploads_are_sniffed_by_content():
    assert sniff(b"%PDF-1.7") == "pdf" and sniff(b"\xff\xd8\xff\xe1") == "jpg"
    assert sniff(b"\x89PNG\r\n\x1a\n....") == "png" and sniff(b"GIF89a") is None
    renamed = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 ...")
    with pytest.raises(ValidationError):
        check_upload(renamed, allowed=("jpg", "png"), max_bytes=1000, field="image")
    assert check_upload(renamed, allowed=("pdf",), max_bytes=1000, field="evidence") == "pdf"


def test_budget_helpers():
    assert budget.excess(1000, 900, 50) == 0 and budget.excess(1000, 900, 150) == 50
    assert budget.percent(25, 100) == 25.0 and budget.percent(1, 0) is None


def test_the_report_arithmetic():
    p = [
        report.Participant(1, "A-01", "Pendhapi", "Batik Sekar", "Sri", "Batik", "Laweyan", True, True),
        report.Participant(2, "B-01", "Ngarsopuro", "Batik Sekar", "Sri", "Batik", "Laweyan", True, True),
        report.Participant(
            3, "A-02", "Pendhapi", "Wedang Pak Budi", "Budi", "Minuman", "Jebres", False, True
        ),
        report.Participant(4, "A-03", "Pendhapi", "Tas Citra", "Citra", "Kerajinan", "Jebres", False, False),
    ]
    day = datetime.date(2026, 5, 2)
    sales = [
        report.Sale(1, day, 1_000_000, 10, 400_000, 600_000, 2),
        report.Sale(2, day, 500_000, 5, 500_000, 0, 0),
        report.Sale(3, day, 250_000, 20, 50_000, 200_000, 1),
        report.Sale(99, day, 999, 1, 999, 0, 0),  # another exhibition's booth: ignored
    ]
    out = report.outcome(p, sales, planned=1_000_000, realised=500_000, kecamatan_total=5)
    assert out.totals.gross == 1_750_000 and out.return_per_rupiah == 3.5
    assert out.participants == 3  # Batik Sekar served two venues but is one UMKM
    assert out.first_timers == 1 and out.first_timer_share == pytest.approx(33.3)
    assert out.first_timer_sales_share == pytest.approx(85.7)
    assert out.by_sector[0] == ("Batik", out.by_sector[0][1]) and out.by_sector[0][1].gross == 1_500_000
    assert out.by_sector[0][1].booths == 2
    assert out.kecamatan_count == 2 and out.realisation_percent == 50.0
    assert [
        x.business for x in out.not_reported
    ] == []  # Citra never checked in: a no-show, not a late report
    assert out.totals.qris_share == pytest.approx(45.7)


def test_reasons_name_the_quota_the_tier_and_the_seed():
    lines = reasons.explain(reasons.Facts(
        status="ditawari", curation_score=75.0, weighted=True, weight=0.75, tier=1, pool="kecamatan", rank=3,
        kecamatan="Laweyan", sector="Batik dan kain", quotas={"kecamatan": 4, "sektor": 2}, seed=2024,
        published="1 Mei 2026 10.00 WIB",
    ))  # fmt: skip
    text = " ".join(lines)
    assert "Nilai kurasi gabungan: 75" in text and "bobot undian (0.75)" in text
    assert "Tingkat prioritas 1" in text and "belum pernah ikut pameran dinas didahulukan" in text
    assert "kuota Kecamatan Laweyan (4 booth" in text and "kode undian 2024" in text
    waiting = " ".join(reasons.explain(reasons.Facts(status="daftar_tunggu", tier=3, rotation_months=12, rank=9,
                                                     kecamatan="Jebres", sector="Makanan", position=2, seed=1)))  # fmt: skip
    assert "Nomor daftar tunggu: 2" in waiting and "Rotasi" in waiting and "12 bulan" in waiting
