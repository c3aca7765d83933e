"""The pure parts of importing an agency's own spreadsheet: finding the table, matching headers,
cleaning values and suggesting sectors. No database."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from binaumkm.registry.importing import cleaning as clean
from binaumkm.registry.importing import mapping as rules
from binaumkm.registry.importing import sectors as sectors
from binaumkm.registry.importing.table import Formula, extract_table, find_header, is_totals_row


def score(text):
    return rules.match_header(text).score


# --- Finding the table ----------------------------------------------------------------------------


def test_header_row_is_found_below_title_and_empty_rows_and_the_table_ends_at_the_totals_row():
    data = [
        ["DATA UMKM BINAAN DINAS KOPERASI UKM KOTA SURAKARTA TAHUN 2021", "", "", "", ""],
        ["", "", "", "", ""],
        ["No", "Nama Pemilik", "NIK", "L/P", "Omzet per Tahun"],
        ["(1)", "(2)", "(3)", "(4)", "(5)"],
        [1.0, "Sri", "3372014603850202", "P", "Rp 1.000.000"],
        ["", "", "", "", ""],
        [2.0, "Budi", "3372010703850203", "L", 5_000_000.0],
        ["", "JUMLAH", "", "", Formula()],
        ["", "", "", "", ""],
        ["", "", "", "Surakarta, 31 Desember 2021", ""],
    ]
    index, points = find_header(data, score)
    assert index == 2 and points >= 4
    table = extract_table(data, index)
    assert table.header_row == 3
    assert table.headers == ["No", "Nama Pemilik", "NIK", "L/P", "Omzet per Tahun"]
    assert [n for n, _values in table.rows] == [5, 7]
    assert table.skipped == [(4, "nomor-kolom"), (6, "kosong"), (8, "jumlah"), (10, "di-bawah-tabel")]


def test_two_empty_rows_end_the_table():
    data = [["Nama Usaha", "Alamat"], ["A", "Jl. 1"], ["", ""], ["", ""], ["Catatan: data sementara", ""]]
    table = extract_table(data, 0)
    assert [n for n, _v in table.rows] == [2] and table.skipped == [(5, "di-bawah-tabel")]


@pytest.mark.parametrize(
    "values, totals",
    [
        (["", "Jumlah", "", "", 1000], True),
        (["", "TOTAL :", "", "", ""], True),
        (["", "", "", "", Formula()], True),  # a SUM without a label
        ([1, "Total Jaya Abadi", "3372014603850202", "P", "Rp 1.000.000"], False),  # a business named Total…
        ([1, "Sri", "3372014603850202", "P", Formula()], False),  # a data row with a formula is data
    ],
)
def test_totals_rows(values, totals):
    assert is_totals_row(values, 5) is totals


# --- Matching headers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, key",
    [
        ("L/P", "jenis_kelamin"), ("JK", "jenis_kelamin"), ("Jenis Kelamin", "jenis_kelamin"),
        ("Jenis Kelamin (L/P)", "jenis_kelamin"), ("No. HP", "hp_pemilik"), ("Telp", "hp_pemilik"),
        ("WA", "whatsapp"), ("No. WA", "whatsapp"), ("Omzet", "penjualan_tahunan"),
        ("Omset per Tahun", "penjualan_tahunan"), ("OMZET PER TAHUN (Rp)", "penjualan_tahunan"),
        ("Omzet per Bulan", "penjualan_bulanan"), ("Jenis Usaha", "sektor_kbli"), ("Bidang Usaha", "sektor_kbli"),
        ("Kel.", "kelurahan"), ("Desa/Kelurahan", "kelurahan"), ("Kelurahn", "kelurahan"), ("Kec", "kecamatan"),
        ("No. KTP", "nik"), ("NIK", "nik"), ("Nama Pemilik", "nama_pemilik"), ("Nama Usaha", "nama_usaha"),
        ("Alamat Usaha/Rumah", "alamat"), ("Tahun Berdiri", "tahun_berdiri"), ("Tgl Pendataan", "binaan_sejak"),
        ("No", rules.IGNORE), ("Keterangan", ""), ("Nilai Investasi", ""),
    ],
)  # fmt: skip
def test_headers_are_matched_by_normalised_name_and_indonesian_synonyms(header, key):
    assert rules.match_header(header).key == key


def test_confidence_is_high_for_a_synonym_lower_for_a_guess():
    assert rules.match_header("L/P").score == 1.0
    assert 0.8 <= rules.match_header("Kelurahn").score < 0.9  # a near spelling
    assert rules.match_header("Nama").score < 0.7  # owner or business? a weak guess


def test_each_field_goes_to_one_column_only():
    proposal = rules.propose_mapping(["Nama Pemilik", "Pemilik", "Omzet per Tahun", "Omzet per Bulan"])
    assert [m.key for m in proposal] == ["nama_pemilik", "", "penjualan_tahunan", ""]


def test_the_same_headers_in_any_order_or_spelling_give_the_same_signature():
    a = rules.header_signature(["No", "Nama Pemilik", "L/P"])
    assert a == rules.header_signature(["NAMA PEMILIK", "l / p", "No."])
    assert a != rules.header_signature(["No", "Nama Pemilik", "JK"])


def test_mapping_problems_name_what_is_wrong():
    problems = rules.mapping_problems(
        {0: "nik", 1: "nik", 2: "penjualan_tahunan", 3: "penjualan_bulanan", 4: "x"}
    )
    text = " ".join(problems)
    assert "tidak dikenal: x" in text and "lebih dari satu kolom" in text and "tidak keduanya" in text
    assert "Nama pemilik" in text  # still missing
    full = dict(enumerate([*rules.REQUIRED, "modal_usaha"]))
    assert rules.mapping_problems(full) == []


# --- Cleaning values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, phone",
    [
        ("0812-2634-5678", "+6281226345678"), ("+62 856 4321 0987", "+6285643210987"),
        ("6281312345678", "+6281312345678"), (81226345678.0, "+6281226345678"),
        ("0812 9999 0001 / 0271 642020", "+6281299990001"), ("HP: 0813-1111-2222 (WA)", "+6281311112222"),
    ],
)  # fmt: skip
def test_phones_in_any_common_form_become_plus_62(value, phone):
    assert clean.clean_phone(value) == phone


def test_a_landline_is_not_a_mobile_phone():
    with pytest.raises(ValidationError, match="nomor HP"):
        clean.clean_phone("(0271) 642020")


@pytest.mark.parametrize(
    "value, rupiah",
    [
        ("Rp 120.000.000", 120_000_000), ("Rp. 60 juta", 60_000_000), ("85000000", 85_000_000),
        (85_000_000.0, 85_000_000), ("60jt", 60_000_000), ("2,5 juta", 2_500_000), ("1,5 M", 1_500_000_000),
        ("Rp120.000.000,-", 120_000_000), ("120,000,000", 120_000_000), ("750 rb", 750_000),
        ("Rp 1.500.000,00", 1_500_000), ("60 juta rupiah", 60_000_000),
    ],
)  # fmt: skip
def test_rupiah_written_as_text(value, rupiah):
    assert clean.clean_money(value) == rupiah


@pytest.mark.parametrize("value", ["5-10 juta", "dua juta", "Rp 5 dolar"])
def test_rupiah_that_is_not_one_amount_is_refused(value):
    with pytest.raises(ValidationError):
        clean.clean_money(value)


def test_monthly_sales_become_annual():
    assert clean.clean_money_monthly("Rp 5 juta") == 60_000_000


@pytest.mark.parametrize(
    "value, gender",
    [("Perempuan", "P"), ("Laki-laki", "L"), ("P", "P"), ("L", "L"), ("laki laki", "L"), ("Wanita", "P"),
     ("Pr", "P"), ("LK", "L")],
)  # fmt: skip
def test_gender_spelled_out(value, gender):
    assert clean.clean_gender(value) == gender


def test_a_nik_rounded_by_excel_is_an_error_an_exact_number_is_accepted():
    with pytest.raises(ValidationError, match=r"3\.37203E\+15.*Ketik ulang"):
        clean.clean_nik(3.37203e15)  # a number cell that Excel rounded
    with pytest.raises(ValidationError, match=r"3\.37203E\+15"):
        clean.clean_nik("3.37203E+15")  # the rounded display pasted as text
    assert clean.clean_nik(3372014603850202.0) == "3372014603850202"  # an exact 16-digit number
    assert clean.clean_nik(3372014603850202) == "3372014603850202"
    assert clean.clean_nik("'3372 0146 0385 0202") == "3372014603850202"
    with pytest.raises(ValidationError, match="Teks"):
        clean.clean_nik(9471014503850001.0)  # above 2^53 a number cannot hold every digit


@pytest.mark.parametrize(
    "value, year",
    [("2015", 2015), ("th. 2015", 2015), (2015.0, 2015), ("2015-an", 2015), (datetime.date(2012, 5, 1), 2012),
     ("Tahun 2009", 2009)],
)  # fmt: skip
def test_years_in_the_usual_forms(value, year):
    assert clean.clean_year(value, this_year=2025) == year


def test_a_year_in_the_future_or_without_four_digits_is_refused():
    for value in ("2030", "lama", "1850"):
        with pytest.raises(ValidationError):
            clean.clean_year(value, this_year=2025)


@pytest.mark.parametrize(
    "value, date",
    [
        ("12 April 2021", datetime.date(2021, 4, 12)), ("12/04/2021", datetime.date(2021, 4, 12)),
        ("12-4-21", datetime.date(2021, 4, 12)), ("12 Agt 2019", datetime.date(2019, 8, 12)),
        ("Senin, 1 Pebruari 2021", datetime.date(2021, 2, 1)), ("Nopember 2020", datetime.date(2020, 11, 1)),
        ("2021-04-12", datetime.date(2021, 4, 12)), (44298.0, datetime.date(2021, 4, 12)),
        ("2021", datetime.date(2021, 1, 1)), (datetime.datetime(2021, 4, 12, 0, 0), datetime.date(2021, 4, 12)),  # noqa: DTZ001 - a naive Excel cell
    ],
)  # fmt: skip
def test_indonesian_dates(value, date):
    assert clean.clean_date(value) == date


def test_impossible_or_unreadable_dates_are_refused():
    with pytest.raises(ValidationError, match="kalender"):
        clean.clean_date("31/02/2021")
    with pytest.raises(ValidationError, match="tidak dikenali"):
        clean.clean_date("awal tahun")


def test_blank_markers_count_as_empty():
    assert all(clean.is_blank(v) for v in ("-", " – ", "tidak ada", None, ""))
    assert not clean.is_blank("0")


# --- Kelurahan ------------------------------------------------------------------------------------

SOLO = [
    clean.Area("33.72.01.1005", "Penumping", "Laweyan"),
    clean.Area("33.72.03.1006", "Kampungbaru", "Pasar Kliwon"),
    clean.Area("33.72.03.1009", "Kauman", "Pasar Kliwon"),
    clean.Area("33.72.04.1001", "Kepatihan Kulon", "Jebres"),
    clean.Area("33.72.04.1002", "Kepatihan Wetan", "Jebres"),
    clean.Area("33.72.04.1010", "Jebres", "Jebres"),
]


@pytest.mark.parametrize(
    "value, name",
    [("JEBRES", "Jebres"), ("Kel. Penumping", "Penumping"), ("Kp. Baru", "Kampungbaru"), ("Kaumam", "Kauman"),
     ("Kelurahan Kauman", "Kauman"), ("33.72.03.1009", "Kauman")],
)  # fmt: skip
def test_kelurahan_by_name_with_prefixes_capitals_or_small_misspellings(value, name):
    assert clean.AreaMatcher(SOLO).kelurahan(value).name == name


def test_kelurahan_ambiguous_or_unknown_or_in_another_kecamatan():
    matcher = clean.AreaMatcher(SOLO)
    with pytest.raises(ValidationError, match="Kepatihan Kulon.*Kepatihan Wetan"):
        matcher.kelurahan("Kepatihan")
    with pytest.raises(ValidationError, match="tidak ada di kota ini"):
        matcher.kelurahan("Atlantis")
    with pytest.raises(ValidationError, match="ada di Kecamatan Pasar Kliwon, bukan Laweyan"):
        matcher.kelurahan("Kauman", "Laweyan")


def test_a_kecamatan_column_settles_a_name_used_in_two_kecamatan():
    # Many cities have a Kauman in more than one kecamatan.
    matcher = clean.AreaMatcher([*SOLO, clean.Area("99.01.1001", "Kauman", "Laweyan")])
    with pytest.raises(ValidationError, match="bisa berarti"):
        matcher.kelurahan("KAUMAN")
    assert matcher.kelurahan("KAUMAN", matcher.kecamatan("Kec. Laweyan")).code == "99.01.1001"
    assert matcher.kelurahan("Kauman", matcher.kecamatan("pasar kliwon")).code == "33.72.03.1009"
    with pytest.raises(ValidationError, match="Kecamatan “Atlantis”"):
        matcher.kecamatan("Atlantis")


# --- Sectors --------------------------------------------------------------------------------------

KEYWORDS = sectors.read_default_keywords()


@pytest.mark.parametrize(
    "value, section, confidence",
    [("Kuliner", "I", "tinggi"), ("Batik", "C", "tinggi"), ("Makanan ringan", "C", "tinggi"),
     ("Bengkel", "G", "tinggi"), ("Bengkel motor dan cuci", "G", "sedang"), ("Warung makan soto", "I", "sedang"),
     ("Kulinerr", "I", "rendah")],
)  # fmt: skip
def test_sector_suggested_from_keywords(value, section, confidence):
    suggestion = sectors.suggest_section(value, KEYWORDS)
    assert (suggestion.section, suggestion.confidence) == (section, confidence)


def test_longest_keyword_wins_and_unknown_words_get_no_suggestion():
    assert sectors.suggest_section("warung makan", {"warung": "G", "warung makan": "I"}).section == "I"
    assert sectors.suggest_section("Lain-lain", KEYWORDS) is None
    assert (
        sectors.suggest_section("angkringan", {**KEYWORDS, "angkringan": "S"}).section == "S"
    )  # staff's table


@pytest.mark.parametrize("value, section", [("C", "C"), ("i", "I"), ("C - Industri Pengolahan", "C"),
                                            ("10792", "C"), ("56101", "I"), ("Kuliner", None), ("Jasa", None)])  # fmt: skip
def test_a_kbli_letter_or_code_needs_no_decision(value, section):
    assert sectors.direct_section(value) == section


def test_one_decision_per_distinct_value():
    values = ["Kuliner"] * 400 + ["kuliner "] * 3 + ["Batik", "", None]
    assert sectors.distinct_values(values) == [("kuliner", "Kuliner", 403), ("batik", "Batik", 1)]
