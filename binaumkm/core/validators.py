"""Validators and normalisers for Indonesian identifiers. Messages are in Bahasa Indonesia.

Each ``normalize_*`` returns the canonical stored form or raises ValidationError, so forms,
the Excel import and the API all accept the same spellings and store the same value.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Kemendagri province codes (including the Papua provinces created in 2022).
PROVINCE_CODES = frozenset(
    {11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65}
    | {71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97}
)

# KBLI 2020: the two-digit divisions that belong to each section A–U.
KBLI_SECTIONS = {
    "A": range(1, 4), "B": range(5, 10), "C": range(10, 34), "D": range(35, 36), "E": range(36, 40),
    "F": range(41, 44), "G": range(45, 48), "H": range(49, 54), "I": range(55, 57), "J": range(58, 64),
    "K": range(64, 67), "L": range(68, 69), "M": range(69, 76), "N": range(77, 83), "O": range(84, 85),
    "P": range(85, 86), "Q": range(86, 89), "R": range(90, 94), "S": range(94, 97), "T": range(97, 99),
    "U": range(99, 100),
}  # fmt: skip

_SEPARATORS = re.compile(r"[\s.\-/]")


def _digits(value, *, what: str | Promise, length: int) -> str:
    text = _SEPARATORS.sub("", str(value or "").strip())
    if not text.isdigit() or not text.isascii():
        raise ValidationError(_("%(what)s hanya boleh berisi angka.") % {"what": what}, code="not_digits")
    if len(text) != length:
        raise ValidationError(
            _("%(what)s harus %(length)d digit (yang diisi %(given)d digit).")
            % {"what": what, "length": length, "given": len(text)},
            code="length",
        )
    return text


def nik_birth_date(nik: str) -> tuple[int, int, int, bool]:
    """(day, month, two-digit year, is_female) from a 16-digit NIK."""
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    female = day > 40
    return (day - 40 if female else day), month, year, female


def _date_exists(day: int, month: int, yy: int) -> bool:
    for century in (1900, 2000):
        try:
            datetime.date(century + yy, month, day)
            return True
        except ValueError:
            continue
    return False


def normalize_nik(value) -> str:
    nik = _digits(value, what="NIK", length=16)
    if int(nik[:2]) not in PROVINCE_CODES:
        raise ValidationError(
            _("NIK tidak valid: dua digit pertama (%(code)s) bukan kode provinsi.") % {"code": nik[:2]},
            code="nik_province",
        )
    if nik[2:4] == "00" or nik[4:6] == "00":
        raise ValidationError(_("NIK tidak valid: kode kabupaten/kota atau kecamatan 00."), code="nik_area")
    day, month, yy, _female = nik_birth_date(nik)
    if not (1 <= day <= 31) or not (1 <= month <= 12) or not _date_exists(day, month, yy):
        raise ValidationError(
            _("NIK tidak valid: digit 7–12 bukan tanggal lahir (DDMMYY, tanggal +40 untuk perempuan)."),
            code="nik_birth_date",
        )
    if nik[12:] == "0000":
        raise ValidationError(_("NIK tidak valid: nomor urut 0000."), code="nik_serial")
    return nik


def normalize_nib(value) -> str:
    return _digits(value, what="NIB", length=13)


def normalize_pirt(value) -> str:
    return _digits(value, what=_("Nomor P-IRT"), length=15)


def normalize_bpom(value) -> str:
    """'BPOM RI MD 123456789012' -> 'MD123456789012'."""
    text = re.sub(r"[\s.\-]", "", str(value or "").upper())
    text = text.removeprefix("BPOMRI").removeprefix("BPOM")
    if not re.fullmatch(r"M[DL]\d{12}", text):
        raise ValidationError(
            _("Nomor BPOM harus diawali MD (produk dalam negeri) atau ML (impor) lalu 12 angka."),
            code="bpom",
        )
    return text


def normalize_halal(value) -> str:
    """BPJPH halal certificate numbers start with 'ID'; the exact length is unconfirmed, so we
    accept 'ID' followed by 8–30 digits."""
    text = re.sub(r"[\s.\-/]", "", str(value or "").upper())
    if not re.fullmatch(r"ID\d{8,30}", text):
        raise ValidationError(
            _("Nomor sertifikat halal harus diawali ID lalu angka, misalnya ID33110000123450321."),
            code="halal",
        )
    return text


def normalize_phone(value, *, mobile_only: bool = False) -> str:
    """'0812-3456-7890' / '62 812 3456 7890' / '(0271) 642020' -> '+6281234567890' (E.164)."""
    text = re.sub(r"[\s.\-()]", "", str(value or ""))
    if text.startswith("+62"):
        national = text[3:]
    elif text.startswith("62"):
        national = text[2:]
    elif text.startswith("0"):
        national = text[1:]
    else:
        raise ValidationError(
            _("Nomor telepon harus diawali 0, 62 atau +62, misalnya 0812 3456 7890."), code="phone_prefix"
        )
    if not national.isdigit() or not national.isascii():
        raise ValidationError(_("Nomor telepon hanya boleh berisi angka."), code="phone_digits")
    is_mobile = national.startswith("8")
    if mobile_only and not is_mobile:
        raise ValidationError(_("Masukkan nomor HP (diawali 08 atau +628)."), code="phone_not_mobile")
    # Local form is '0' + national number: mobiles 10–13 digits, landlines 9–12.
    low, high = (9, 12) if is_mobile else (8, 11)
    if not (low <= len(national) <= high) or national.startswith("0"):
        raise ValidationError(
            _("Nomor telepon tidak valid: panjangnya %(n)d digit.") % {"n": len(national) + 1},
            code="phone_length",
        )
    return "+62" + national


def normalize_kbli(value, *, section: str | None = None) -> str:
    code = _digits(value, what=_("Kode KBLI"), length=5)
    if section:
        divisions = KBLI_SECTIONS.get(section)
        if divisions is not None and int(code[:2]) not in divisions:
            raise ValidationError(
                _("Kode KBLI %(code)s tidak termasuk kategori %(section)s.")
                % {"code": code, "section": section},
                code="kbli_section",
            )
    return code


def validate_no_html(value) -> None:
    """Text fields are plain text: refuse markup instead of storing it (templates escape anyway)."""
    if value and re.search(r"<\s*/?\s*[a-zA-Z!][^>]*>", str(value)):
        raise ValidationError(_("Tidak boleh berisi kode HTML (teks di antara tanda < dan >)."), code="html")


def validate_nik(value) -> None:
    normalize_nik(value)


def validate_nib(value) -> None:
    normalize_nib(value)
