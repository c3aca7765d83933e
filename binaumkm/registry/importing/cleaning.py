"""Cleaning the values of an agency's own spreadsheet into what the registry stores (pure: no database).

Each cleaner takes a cell as calamine read it (str, float, date...) and returns the stored form, or
raises ValidationError with an Indonesian message. ``canonical`` gives the text the preview compares
with the cell to say whether a value was changed ("0812-2634-5678" → "+6281226345678").
"""

import datetime
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from binaumkm.core import validators as v
from binaumkm.core.money import format_rupiah, parse_rupiah
from binaumkm.core.spreadsheet import cell_text
from binaumkm.registry.choices import Gender, KbliSection


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# What staff type into a cell to mean "nothing here".
BLANK_MARKERS = {"-", "--", "---", "–", "—", ".", "tidak ada", "tdk ada", "belum ada", "n/a", "na", "nihil"}


def is_blank(value) -> bool:
    return _empty(value) or (isinstance(value, str) and value.strip().casefold() in BLANK_MARKERS)


def is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def clean_text(value) -> str:
    """Trimmed, with runs of spaces and line breaks made single spaces."""
    return " ".join(cell_text(value).split())


# --- NIK ------------------------------------------------------------------------------------------

_SCIENTIFIC = re.compile(r"^\d([.,]\d+)?e\+?\d+$", re.IGNORECASE)


def _rounded(shown: str) -> ValidationError:
    return ValidationError(
        _(
            "NIK tertulis %(shown)s: Excel sudah membulatkannya sehingga digit terakhirnya hilang. "
            "Ketik ulang NIK baris ini sebagai teks (format sel Teks)."
        )
        % {"shown": shown}
    )


def clean_nik(value) -> str:
    """An exact 16-digit number is accepted; a number Excel rounded (3.37203E+15) is refused."""
    if _empty(value):
        return ""
    if is_number(value):
        if value >= 2**53:
            raise ValidationError(
                _(
                    "Angka terlalu panjang untuk sel angka Excel; format kolom ini sebagai Teks lalu ketik ulang."
                )
            )
        if isinstance(value, float) and not value.is_integer():
            raise _rounded(f"{value:.5E}")
        text = str(int(value))
        # A NIK's last four digits (the serial) are never 0000: trailing zeros are what rounding leaves.
        if len(text) >= 15 and text.endswith("0000"):
            raise _rounded(f"{float(value):.5E}")
        return text
    text = cell_text(value).lstrip("'").strip()
    if _SCIENTIFIC.match(text.replace(" ", "")):
        raise _rounded(text)
    return re.sub(r"[\s.\-]", "", text)


# --- Phones ---------------------------------------------------------------------------------------


def clean_phone(value) -> str:
    """'0812-2634-5678', '+62 856 4321 0987', '62813…', 81226345678 (a number cell) -> '+62…'."""
    if _empty(value):
        return ""
    if is_number(value):
        text = str(int(value)) if float(value).is_integer() else str(value)
    else:
        text = cell_text(value)
        text = re.split(r"\s*(?:/|,|;|\n|\batau\b|\bdan\b)\s*", text)[0]  # the first of several numbers
        text = re.sub(r"\([^)]*[a-zA-Z][^)]*\)|[a-zA-Z:]", "", text)  # "(WA)", "HP:"; "(0271)" stays
        text = re.sub(r"[^\d+]", "", text)
    if text.startswith("8") and 9 <= len(text) <= 12:
        text = "0" + text  # a number cell lost the leading zero
    return v.normalize_phone(text, mobile_only=True)


# --- Rupiah ---------------------------------------------------------------------------------------

_UNITS = {"rb": 10**3, "ribu": 10**3, "k": 10**3, "jt": 10**6, "juta": 10**6,
          "m": 10**9, "miliar": 10**9, "milyar": 10**9, "milliar": 10**9}  # fmt: skip
_AMOUNT = re.compile(r"(?P<num>\d[\d.,\s]*?)\s*(?P<unit>[a-z]+)?\.?")


def clean_money(value) -> int | None:
    """'Rp120.000.000', 'Rp. 60 juta', '1,5 M', '85000000', 120000000.0 -> integer rupiah."""
    if _empty(value):
        return None
    if is_number(value):
        return parse_rupiah(round(value))
    text = cell_text(value).casefold().replace("±", "").strip()
    text = re.sub(r"^(rp\.?|idr)\s*", "", text)
    text = re.sub(r"\s*(rupiah|idr)$", "", text)
    text = re.sub(r"\s*[,.]-+$|\s*,00$", "", text)  # "120.000,-" / "120.000,00"
    match = _AMOUNT.fullmatch(text)
    if not match or (match.group("unit") and match.group("unit") not in _UNITS):
        raise ValidationError(_("Tulis satu nilai rupiah, misalnya 60.000.000 atau 60 juta."))
    number = match.group("num").replace(" ", "")
    if match.group("unit"):
        if "," in number:
            number = number.replace(".", "").replace(",", ".")
        elif number.count(".") == 1 and len(number.rsplit(".", 1)[1]) != 3:
            pass  # "1.5 juta": a decimal point
        else:
            number = number.replace(".", "")
        try:
            return parse_rupiah(round(float(number) * _UNITS[match.group("unit")]))
        except ValueError:
            raise ValidationError(_("Tulis satu nilai rupiah, misalnya 60.000.000 atau 60 juta.")) from None
    if re.fullmatch(r"\d{1,3}(,\d{3})+", number):
        number = number.replace(",", "")  # "120,000,000" written the English way
    return parse_rupiah(number)


def clean_money_monthly(value) -> int | None:
    monthly = clean_money(value)
    return None if monthly is None else parse_rupiah(monthly * 12)


# --- Gender, status, counts -----------------------------------------------------------------------

_GENDER = {"l": "L", "lk": "L", "laki": "L", "lakilaki": "L", "laki2": "L", "pria": "L", "m": "L", "male": "L",
           "p": "P", "pr": "P", "prp": "P", "perempuan": "P", "wanita": "P", "w": "P", "f": "P",
           "female": "P"}  # fmt: skip


def clean_gender(value) -> str:
    key = re.sub(r"[^a-z0-9]", "", cell_text(value).casefold())
    if key not in _GENDER:
        raise ValidationError(_("Isi L/P, Laki-laki atau Perempuan."))
    return _GENDER[key]


_STATUS = {"aktif": "aktif", "masih aktif": "aktif", "berjalan": "aktif", "buka": "aktif", "jalan": "aktif",
           "stagnan": "stagnan", "vakum": "stagnan", "kurang aktif": "stagnan", "mati suri": "stagnan",
           "tutup": "tutup", "tidak aktif": "tutup", "non aktif": "tutup", "nonaktif": "tutup",
           "berhenti": "tutup", "sudah tutup": "tutup"}  # fmt: skip


def clean_status(value) -> str:
    if _empty(value):
        return ""
    key = " ".join(re.sub(r"[^a-z]+", " ", cell_text(value).casefold()).split())
    if key not in _STATUS:
        raise ValidationError(_("Isi aktif, stagnan atau tutup."))
    return _STATUS[key]


def clean_count(value) -> int | None:
    """'3', 3.0, '3 orang' -> 3."""
    if _empty(value):
        return None
    if is_number(value) and float(value).is_integer():
        return int(value)
    match = re.fullmatch(r"(\d+)\s*(orang|org|tk|pekerja|karyawan)?\.?", cell_text(value).casefold())
    if not match:
        raise ValidationError(_("Harus berupa angka."))
    return int(match.group(1))


# --- Years and dates ------------------------------------------------------------------------------

MONTHS = {"januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3, "mar": 3,
          "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8,
          "agt": 8, "ags": 8, "agust": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "oktober": 10,
          "okt": 10, "oct": 10, "november": 11, "nopember": 11, "nov": 11, "nop": 11, "desember": 12,
          "des": 12, "dec": 12}  # fmt: skip
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SERIALS = range(20_000, 80_000)  # Excel day numbers of 1954–2119: a date cell read as a number


def clean_year(value, *, this_year: int) -> int | None:
    """2015, '2015', 'th. 2015', a date cell -> 2015."""
    if _empty(value):
        return None
    if isinstance(value, datetime.date):
        year = value.year
    elif is_number(value) and int(value) in _SERIALS:
        year = (_EXCEL_EPOCH + datetime.timedelta(days=int(value))).year
    elif is_number(value) and float(value).is_integer():
        year = int(value)
    else:
        found = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", cell_text(value))
        if not found:
            raise ValidationError(_("Tulis tahun dengan empat angka, misalnya 2015."))
        year = int(found.group(1))
    if not 1900 <= year <= this_year:
        raise ValidationError(_("Tahun harus antara 1900 dan %(year)d.") % {"year": this_year})
    return year


def clean_date(value) -> datetime.date | None:
    """A date cell, an Excel day number, '12/04/2021', '12-4-21', '12 April 2021', 'Apr 2021', '2021'."""
    if _empty(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if is_number(value) and int(value) in _SERIALS:
        return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
    text = re.sub(r"^[a-z]+,\s*", "", cell_text(value).casefold())  # "Senin, 12 April 2021"
    text = re.sub(r"\s+00:00(:00)?$", "", text)
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4}|\d{2})", text):
            return datetime.date(_full_year(m[3]), int(m[2]), int(m[1]))
        if (m := re.fullmatch(r"(\d{1,2})[-/ ]*([a-z]+)\.?[-/ ]*(\d{4})", text)) and m[2] in MONTHS:
            return datetime.date(int(m[3]), MONTHS[m[2]], int(m[1]))
        if (m := re.fullmatch(r"([a-z]+)\.?[-/ ]*(\d{4})", text)) and m[1] in MONTHS:
            return datetime.date(int(m[2]), MONTHS[m[1]], 1)
        if m := re.fullmatch(r"(1[89]\d\d|20\d\d)(\.0)?", text):
            return datetime.date(int(m[1]), 1, 1)
    except ValueError:
        raise ValidationError(_("Tanggal itu tidak ada di kalender.")) from None
    raise ValidationError(_("Tanggal tidak dikenali; tulis seperti 15/03/2021 atau 15 Maret 2021."))


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year <= datetime.date.today().year % 100 else 1900  # noqa: DTZ011 - century only
    return year


# --- Kelurahan and kecamatan ----------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    kecamatan: str

    def __str__(self):
        return f"{self.name} ({self.kecamatan})"


_PREFIXES = {"kelurahan", "kel", "kalurahan", "desa", "ds", "kecamatan", "kec", "kc"}
_ABBREVIATIONS = {"kp": "kampung", "kpg": "kampung", "kamp": "kampung", "ps": "pasar", "psr": "pasar"}
FUZZY = 0.8  # difflib ratio from which a spelling counts as the same name ("Kaumam" ~ "Kauman")


def area_key(text) -> str:
    """'Kel. Kp. Baru' -> 'kampungbaru'; 'JEBRES' -> 'jebres'."""
    words = re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).split()
    while words and words[0] in _PREFIXES:
        words = words[1:]
    return "".join(_ABBREVIATIONS.get(w, w) for w in words)


class AreaMatcher:
    """Finds kelurahan (and kecamatan) of the city by code, by name in any spelling, or by a near
    spelling; a kecamatan given beside a kelurahan settles near-ties and catches contradictions."""

    def __init__(self, kelurahan: list[Area]):
        self.by_code = {a.code: a for a in kelurahan}
        self.by_key: dict[str, list[Area]] = defaultdict(list)
        for area in kelurahan:
            self.by_key[area_key(area.name)].append(area)
        self.kecamatan_by_key = {area_key(a.kecamatan): a.kecamatan for a in kelurahan}
        self._cache: dict[tuple, Area | str | ValidationError] = {}

    def kecamatan(self, value) -> str:
        """The kecamatan's official name."""
        key = area_key(cell_text(value))
        if key in self.kecamatan_by_key:
            return self.kecamatan_by_key[key]
        close = difflib.get_close_matches(key, list(self.kecamatan_by_key), n=1, cutoff=FUZZY)
        if not close:
            raise ValidationError(
                _("Kecamatan “%(name)s” tidak ada di kota ini.") % {"name": cell_text(value)[:60]}
            )
        return self.kecamatan_by_key[close[0]]

    def kelurahan(self, value, kecamatan: str | None = None) -> Area:
        cache_key = (cell_text(value), kecamatan)
        if cache_key not in self._cache:
            try:
                self._cache[cache_key] = self._kelurahan(cell_text(value), kecamatan)
            except ValidationError as exc:
                self._cache[cache_key] = exc
        found = self._cache[cache_key]
        if isinstance(found, ValidationError):
            raise found
        assert isinstance(found, Area)
        return found

    def _kelurahan(self, text: str, kecamatan: str | None) -> Area:
        if not text:
            raise ValidationError(_("Wajib diisi."))
        if text in self.by_code:
            return self._check(self.by_code[text], kecamatan)
        key = area_key(text)
        candidates = list(self.by_key.get(key, []))
        if not candidates and len(key) >= 4:  # "Kepatihan": Kepatihan Kulon or Kepatihan Wetan
            candidates = [a for k, areas in self.by_key.items() if k.startswith(key) for a in areas]
        if not candidates:
            scored = sorted(
                ((difflib.SequenceMatcher(None, key, k).ratio(), k) for k in self.by_key), reverse=True
            )
            close = [(r, k) for r, k in scored if r >= FUZZY]
            if kecamatan:  # prefer near spellings in the named kecamatan
                close = [(r, k) for r, k in close if self._in(k, kecamatan)] or close
            if close:
                best = close[0][0]
                candidates = [a for r, k in close if best - r < 0.04 for a in self.by_key[k]]
        if kecamatan and len(candidates) > 1:
            candidates = [a for a in candidates if a.kecamatan == kecamatan] or candidates
        if not candidates:
            raise ValidationError(
                _("Kelurahan “%(name)s” tidak ada di kota ini. Lihat lembar “Kelurahan” di templat.")
                % {"name": text[:60]}
            )
        if len(candidates) > 1:
            raise ValidationError(
                _(
                    "Kelurahan “%(name)s” bisa berarti %(options)s; tulis nama lengkapnya atau isi kolom kecamatan."
                )
                % {"name": text[:60], "options": ", ".join(str(a) for a in candidates)}
            )
        return self._check(candidates[0], kecamatan)

    def _in(self, key: str, kecamatan: str) -> bool:
        return any(a.kecamatan == kecamatan for a in self.by_key[key])

    @staticmethod
    def _check(area: Area, kecamatan: str | None) -> Area:
        if kecamatan and area.kecamatan != kecamatan:
            raise ValidationError(
                _("Kelurahan %(kelurahan)s ada di Kecamatan %(actual)s, bukan %(given)s.")
                % {"kelurahan": area.name, "actual": area.kecamatan, "given": kecamatan}
            )
        return area


# --- How the preview shows a cleaned value --------------------------------------------------------


def canonical(kind: str, value) -> str:
    """The cleaned value as text, compared with the cell's text to count a value as changed."""
    if value is None or value == "":
        return ""
    if isinstance(value, Area):
        return value.name
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def display(kind: str, value) -> str:
    """The cleaned value as staff read it in the preview."""
    if value is None or value == "":
        return "–"
    if kind in ("money", "money_monthly"):
        return format_rupiah(value)
    if kind == "gender":
        return f"{value} ({Gender(value).label})"
    if kind == "sector":
        return str(KbliSection(value).label)
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
