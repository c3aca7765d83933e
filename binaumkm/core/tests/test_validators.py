import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from binaumkm.core import validators as v
from binaumkm.core.masking import mask_nik, mask_phone
from binaumkm.core.money import format_rupiah, parse_rupiah


@st.composite
def valid_niks(draw):
    province = draw(st.sampled_from(sorted(v.PROVINCE_CODES)))
    regency = draw(st.integers(1, 99))
    district = draw(st.integers(1, 99))
    birth = draw(st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2010, 12, 31)))
    female = draw(st.booleans())
    serial = draw(st.integers(1, 9999))
    day = birth.day + (40 if female else 0)
    return f"{province:02d}{regency:02d}{district:02d}{day:02d}{birth:%m%y}{serial:04d}", female


@given(valid_niks())
def test_every_structurally_valid_nik_is_accepted_and_gender_read(case):
    nik, female = case
    assert v.normalize_nik(nik) == nik
    assert v.nik_birth_date(nik)[3] is female


@given(valid_niks(), st.sampled_from([" ", "-", "."]))
def test_nik_separators_are_removed(case, sep):
    nik, _female = case
    spaced = sep.join([nik[:6], nik[6:12], nik[12:]])
    assert v.normalize_nik(spaced) == nik


@given(st.text(max_size=30))
def test_nik_validator_never_crashes_and_only_returns_16_digits(text):
    try:
        result = v.normalize_nik(text)
    except ValidationError as exc:
        assert exc.messages  # a message for the user, never an exception of another kind
    else:
        assert len(result) == 16 and result.isdigit()


@pytest.mark.parametrize(
    "nik, fragment",
    [
        ("337201450385000", "16 digit"),
        ("0072014503850001", "kode provinsi"),
        ("3300014503850001", "00"),
        ("3372013203850001", "tanggal lahir"),  # day 32
        ("3372017203850001", "tanggal lahir"),  # day 72 (32 for a woman)
        ("3372013013850001", "tanggal lahir"),  # month 13
        ("3372013102850001", "tanggal lahir"),  # 31 February
        ("3372014503850000", "0000"),
        ("33720145038500a1", "angka"),
    ],
)
def test_invalid_niks_are_explained_in_indonesian(nik, fragment):
    with pytest.raises(ValidationError) as exc:
        v.normalize_nik(nik)
    assert fragment in " ".join(exc.value.messages)


@given(st.from_regex(r"\A(0|62|\+62)8[1-9][0-9]{7,10}\Z"))
def test_mobile_numbers_normalise_to_plus62(raw):
    result = v.normalize_phone(raw, mobile_only=True)
    assert result.startswith("+628")
    assert 12 <= len(result) <= 15


@given(st.text(max_size=25))
def test_phone_validator_never_crashes(text):
    try:
        result = v.normalize_phone(text)
    except ValidationError:
        return
    assert result.startswith("+62") and result[1:].isdigit()


def test_phone_spellings():
    assert v.normalize_phone("0812-3456-7890") == "+6281234567890"
    assert v.normalize_phone("+62 812 3456 7890") == "+6281234567890"
    assert v.normalize_phone("(0271) 642020") == "+62271642020"
    with pytest.raises(ValidationError, match="HP"):
        v.normalize_phone("(0271) 642020", mobile_only=True)
    with pytest.raises(ValidationError):
        v.normalize_phone("12345")


@given(st.text(alphabet="0123456789", min_size=13, max_size=13))
def test_any_13_digits_is_a_nib(nib):
    assert v.normalize_nib(nib) == nib


@given(st.text(max_size=20).filter(lambda t: len(t.replace(" ", "").replace("-", "").replace(".", "")) != 13))
def test_nib_of_other_lengths_is_refused(text):
    with pytest.raises(ValidationError):
        v.normalize_nib(text)


def test_licence_formats():
    assert v.normalize_pirt("2063372-010567-23") == "206337201056723"
    assert v.normalize_bpom("BPOM RI MD 123456789012") == "MD123456789012"
    assert v.normalize_bpom("ml123456789012") == "ML123456789012"
    assert v.normalize_halal("ID33110000123450321") == "ID33110000123450321"
    for bad, fn in [
        ("MX123456789012", v.normalize_bpom),
        ("MD12345", v.normalize_bpom),
        ("12345", v.normalize_pirt),
        ("33110000", v.normalize_halal),
    ]:
        with pytest.raises(ValidationError):
            fn(bad)


def test_kbli_code_must_match_section():
    assert v.normalize_kbli("13134", section="C") == "13134"
    with pytest.raises(ValidationError, match="tidak termasuk kategori G"):
        v.normalize_kbli("13134", section="G")


@given(st.integers(min_value=0, max_value=10**14))
def test_rupiah_round_trip(value):
    assert parse_rupiah(format_rupiah(value)) == value
    assert parse_rupiah(str(value)) == value


@given(st.text(max_size=20))
def test_rupiah_parser_never_crashes(text):
    try:
        value = parse_rupiah(text)
    except ValidationError:
        return
    assert isinstance(value, int) and value >= 0


def test_rupiah_format_and_fractions():
    assert format_rupiah(1_500_000) == "Rp1.500.000"
    assert format_rupiah(-600_000) == "-Rp600.000" and format_rupiah(0) == "Rp0"
    assert parse_rupiah("Rp 1.500.000,00") == parse_rupiah("Rp1.500.000") == 1_500_000
    with pytest.raises(ValidationError, match="sen"):
        parse_rupiah("1.500.000,50")
    with pytest.raises(ValidationError):
        parse_rupiah("-5")


def test_html_is_refused_in_text():
    with pytest.raises(ValidationError):
        v.validate_no_html("<script>alert(1)</script>")
    v.validate_no_html("Batik & Lurik < 5 motif")  # plain text with symbols is fine


def test_masking():
    assert mask_nik("3372014503850001") == "3372••••••••0001"
    assert mask_phone("+6281234567890") == "+62812••••7890"
