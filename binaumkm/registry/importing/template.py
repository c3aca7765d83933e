"""Excel import of UMKM binaan: read, validate every row, then write all-or-nothing.

Validation and writing are separate steps so staff see a preview with an error per row and column
before anything is written. The job validates the file again right before writing, because the
database may have changed since the preview; the database's unique constraints catch the rest.
"""

import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core import validators as v
from binaumkm.core.models import Kelurahan
from binaumkm.core.money import parse_rupiah
from binaumkm.core.spreadsheet import cell_date, cell_text, unzipped_size
from binaumkm.registry.choices import BusinessStatus, Gender, KbliSection
from binaumkm.registry.models import Business, Owner
from binaumkm.registry.platforms import Platform, url_problem

# (header, label shown in errors, required)
# The agency spreadsheet's shop columns and the platform each one's address belongs to.
SHOP_COLUMNS = {"shopee": Platform.SHOPEE, "tokopedia": Platform.TOKOPEDIA}
COLUMNS = [
    ("nama_pemilik", gettext_lazy("Nama pemilik"), True),
    ("nik", gettext_lazy("NIK"), True),
    ("jenis_kelamin", gettext_lazy("Jenis kelamin (L/P)"), True),
    ("hp_pemilik", gettext_lazy("Nomor HP pemilik"), False),
    ("email_pemilik", gettext_lazy("E-mail pemilik"), False),
    ("nama_usaha", gettext_lazy("Nama usaha"), True),
    ("nib", gettext_lazy("NIB"), False),
    ("alamat", gettext_lazy("Alamat"), True),
    ("kelurahan", gettext_lazy("Kelurahan (nama atau kode)"), True),
    ("sektor_kbli", gettext_lazy("Sektor KBLI (A–U)"), True),
    ("kode_kbli", gettext_lazy("Kode KBLI"), False),
    ("modal_usaha", gettext_lazy("Modal usaha (Rp)"), False),
    ("penjualan_tahunan", gettext_lazy("Penjualan tahunan (Rp)"), False),
    ("tenaga_kerja", gettext_lazy("Tenaga kerja"), False),
    ("tahun_berdiri", gettext_lazy("Tahun berdiri"), False),
    ("binaan_sejak", gettext_lazy("Binaan sejak (tanggal)"), False),
    ("status", gettext_lazy("Status (aktif/stagnan/tutup)"), False),
    ("whatsapp", gettext_lazy("WhatsApp"), False),
    ("instagram", gettext_lazy("Instagram"), False),
    ("shopee", gettext_lazy("Toko Shopee (URL)"), False),
    ("tokopedia", gettext_lazy("Toko Tokopedia (URL)"), False),
    ("pirt", gettext_lazy("Nomor P-IRT"), False),
    ("halal", gettext_lazy("Nomor halal"), False),
    ("bpom", gettext_lazy("Nomor BPOM"), False),
]
HEADERS = [c[0] for c in COLUMNS]
LABELS = {c[0]: c[1] for c in COLUMNS}
TEXT_LIMITS = {"nama_pemilik": 150, "nama_usaha": 150, "alamat": 255, "instagram": 100, "email_pemilik": 254}
MAX_UNZIPPED_BYTES = 300 * 1024 * 1024  # refuse zip bombs before parsing


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong format, missing columns...)."""


@dataclass
class RowError:
    row: int  # spreadsheet row number, header = 1
    column: str  # header name, or "" for the whole row
    message: str

    def as_dict(self):
        return {
            "row": self.row,
            "column": self.column,
            "label": str(LABELS.get(self.column, "")),
            "message": self.message,
        }


@dataclass
class ValidatedRow:
    row: int
    owner: dict
    business: dict


@dataclass
class ValidationReport:
    total: int = 0
    rows: list[ValidatedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def error_rows(self) -> set[int]:
        return {e.row for e in self.errors}


# --- Reading --------------------------------------------------------------------------------------


def read_rows(path) -> tuple[list[str], list[tuple[int, list]]]:
    """(headers, [(row number, values)]) of the first sheet. Raises ImportFileError."""
    from python_calamine import CalamineError, load_workbook

    _check_zip(path)
    try:
        workbook = load_workbook(str(path))
        sheet = workbook.get_sheet_by_index(0)
        data = sheet.to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError, IndexError) as exc:
        raise ImportFileError(
            _("Berkas tidak bisa dibaca sebagai Excel (.xlsx). Simpan ulang dari Excel lalu unggah lagi.")
        ) from exc
    except Exception as exc:  # noqa: BLE001 - calamine raises several undocumented error types
        raise ImportFileError(_("Berkas tidak bisa dibaca sebagai Excel (.xlsx).")) from exc
    if not data or not any(str(c).strip() for c in data[0]):
        raise ImportFileError(_("Berkas kosong: baris pertama harus berisi nama kolom templat."))
    headers = [str(c).strip().lower().replace(" ", "_") for c in data[0]]
    while headers and not headers[-1]:
        headers.pop()
    _check_headers(headers)
    formulas = _formula_cells(path)
    rows = []
    for index, values in enumerate(data[1:], start=2):
        cells: list[Any] = list(values[: len(headers)]) + [""] * (len(headers) - len(values))
        if not any(str(x).strip() for x in cells):
            continue  # blank lines are skipped, not errors
        for col in formulas.get(index, ()):  # a formula's cached value is not what staff typed
            if col < len(headers):
                cells[col] = _Formula()
        rows.append((index, cells))
    if not rows:
        raise ImportFileError(_("Berkas tidak berisi baris data di bawah nama kolom."))
    limit = settings.BINAUMKM["IMPORT_MAX_ROWS"]
    if len(rows) > limit:
        raise ImportFileError(
            _("Terlalu banyak baris (%(n)d); maksimal %(limit)d per berkas.")
            % {"n": len(rows), "limit": limit}
        )
    return headers, rows


class _Formula:
    """Marks a cell that holds a formula."""

    def __str__(self):
        return "=…"


def _check_zip(path) -> None:
    try:
        if unzipped_size(path) > MAX_UNZIPPED_BYTES:
            raise ImportFileError(_("Isi berkas terlalu besar setelah diekstrak."))
    except zipfile.BadZipFile as exc:
        raise ImportFileError(
            _("Berkas bukan .xlsx yang valid (mungkin rusak atau format lain). Gunakan templat .xlsx.")
        ) from exc


def _check_headers(headers: list[str]) -> None:
    missing = [h for h, _label, required in COLUMNS if required and h not in headers]
    extra = [h for h in headers if h and h not in HEADERS]
    dupes = sorted({h for h in headers if h and headers.count(h) > 1})
    problems = []
    if missing:
        problems.append(_("kolom wajib tidak ada: %(cols)s") % {"cols": ", ".join(missing)})
    if extra:
        problems.append(_("kolom tidak dikenal: %(cols)s") % {"cols": ", ".join(extra)})
    if dupes:
        problems.append(_("kolom ganda: %(cols)s") % {"cols": ", ".join(dupes)})
    if problems:
        raise ImportFileError(
            _("Kolom berkas tidak sesuai templat — %(problems)s. Unduh templat terbaru.")
            % {"problems": "; ".join(problems)}
        )


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _formula_cells(path) -> dict[int, set[int]]:
    """{row: {column index}} of cells holding formulas in the first worksheet."""
    found: dict[int, set[int]] = {}
    with zipfile.ZipFile(path) as archive:
        names = sorted(
            n for n in archive.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")
        )
        if not names:
            return found
        with archive.open(names[0]) as stream:
            current = None
            for event, elem in ElementTree.iterparse(stream, events=("start", "end")):
                tag = elem.tag.rsplit("}", 1)[-1]
                if event == "start" and tag == "c":
                    current = elem.get("r")
                elif event == "start" and tag == "f" and current:
                    match = _CELL_REF.fullmatch(current)
                    if match:
                        col = 0
                        for ch in match.group(1):
                            col = col * 26 + ord(ch) - 64
                        found.setdefault(int(match.group(2)), set()).add(col - 1)
                elif event == "end" and tag == "c":
                    elem.clear()
    return found


# --- Validating -----------------------------------------------------------------------------------


def _digits_cell(value, width: int | None = None) -> str:
    """Numbers typed into numeric cells lose their leading zeros and may show as floats."""
    if isinstance(value, float) and value >= 2**53:
        # Above 2^53 a float cannot hold every digit (e.g. NIKs of provinces 91–97).
        raise ValidationError(
            _("Angka terlalu panjang untuk sel angka Excel; format kolom ini sebagai Teks lalu ketik ulang.")
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = str(int(value)) if float(value).is_integer() else str(value)
        return text.zfill(width) if width else text
    return cell_text(value)


def _safe_digits(value, width: int | None = None) -> str:
    """For lookups only: a cell that cannot be read is reported later, by the row's own check."""
    try:
        return _digits_cell(value, width)
    except ValidationError:
        return ""


def _phone_cell(value) -> str:
    text = _digits_cell(value)
    return "0" + text if isinstance(value, int | float) and text.startswith("8") else text


def _int_cell(value, *, low: int, high: int) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = float(value) if isinstance(value, int | float) else float(cell_text(value).replace(".", ""))
    except ValueError:
        raise ValidationError(_("Harus berupa angka.")) from None
    if not number.is_integer() or not (low <= number <= high):
        raise ValidationError(
            _("Harus bilangan bulat antara %(low)d dan %(high)d.") % {"low": low, "high": high}
        )
    return int(number)


def _money_cell(value) -> int | None:
    if value in (None, ""):
        return None
    return parse_rupiah(value)


class RowValidator:
    """Validates rows against the rules the forms use, plus duplicates inside the file and the database."""

    def __init__(self):
        kelurahan = list(Kelurahan.objects.all())
        self.kelurahan = {k.code: k for k in kelurahan}
        self.kelurahan |= {k.name.casefold(): k for k in kelurahan}
        self.seen_nik: dict[str, tuple[int, str]] = {}
        self.seen_nib: dict[str, int] = {}
        self.seen_business: dict[tuple[str, str], int] = {}

    def prefetch(self, rows: list[tuple[int, dict]]) -> None:
        """Load the owners and NIBs the file mentions in two queries, not one per row."""
        niks = {_safe_digits(r.get("nik")) for _n, r in rows}
        nibs = {_safe_digits(r.get("nib"), 13) for _n, r in rows if r.get("nib") not in (None, "")}
        self.existing_owners = {o.nik: o for o in Owner.objects.filter(nik__in=niks)}
        self.existing_nibs = {
            b.nib: b for b in Business.objects.filter(nib__in=nibs).only("id", "name", "nib")
        }

    def validate(self, number: int, cells: dict) -> tuple[ValidatedRow | None, list[RowError]]:
        errors: list[RowError] = []
        owner, business = {}, {}

        def check(column, fn):
            value = cells.get(column, "")
            if isinstance(value, _Formula):
                errors.append(
                    RowError(
                        number, column, _("Sel berisi rumus. Salin lalu tempel sebagai nilai (Paste Values).")
                    )
                )
                return None
            try:
                return fn(value)
            except ValidationError as exc:
                errors.append(RowError(number, column, " ".join(exc.messages)))
                return None

        def required_text(column):
            def fn(value):
                text = cell_text(value)
                if not text:
                    raise ValidationError(_("Wajib diisi."))
                return limited_text(column)(text)

            return fn

        def limited_text(column):
            def fn(value):
                text = cell_text(value)
                limit = TEXT_LIMITS.get(column, 255)
                if len(text) > limit:
                    raise ValidationError(
                        _("Terlalu panjang (%(n)d karakter; maksimal %(limit)d).")
                        % {"n": len(text), "limit": limit}
                    )
                v.validate_no_html(text)
                return text

            return fn

        def optional(fn):
            return lambda value: fn(value) if cell_text(value) else ""

        owner["full_name"] = check("nama_pemilik", required_text("nama_pemilik"))
        owner["nik"] = check(
            "nik", lambda x: v.normalize_nik(_digits_cell(x, 16)) if cell_text(x) else _required()
        )
        owner["gender"] = check("jenis_kelamin", _gender)
        owner["phone"] = check(
            "hp_pemilik", optional(lambda x: v.normalize_phone(_phone_cell(x), mobile_only=True))
        )
        owner["email"] = check("email_pemilik", optional(_email))
        business["name"] = check("nama_usaha", required_text("nama_usaha"))
        business["nib"] = check("nib", optional(lambda x: v.normalize_nib(_digits_cell(x, 13)))) or None
        business["address"] = check("alamat", required_text("alamat"))
        business["kelurahan"] = check("kelurahan", self._kelurahan)
        business["kbli_section"] = check("sektor_kbli", _section)
        business["kbli_code"] = check(
            "kode_kbli",
            optional(lambda x: v.normalize_kbli(_digits_cell(x, 5), section=business.get("kbli_section"))),
        )
        business["capital"] = check("modal_usaha", _money_cell)
        business["annual_sales"] = check("penjualan_tahunan", _money_cell)
        business["employees"] = check("tenaga_kerja", lambda x: _int_cell(x, low=0, high=100_000)) or 1
        business["year_founded"] = check(
            "tahun_berdiri", lambda x: _int_cell(x, low=1900, high=timezone.localdate().year)
        )
        business["binaan_since"] = check("binaan_sejak", cell_date)
        business["status"] = check("status", _status)
        business["whatsapp"] = check(
            "whatsapp", optional(lambda x: v.normalize_phone(_phone_cell(x), mobile_only=True))
        )
        business["instagram"] = check("instagram", limited_text("instagram"))
        for key, platform in SHOP_COLUMNS.items():  # written as Presence records ("account created")
            business[f"{key}_url"] = check(key, optional(lambda x, p=platform: _shop_url(x, p)))
        business["pirt_number"] = check("pirt", optional(lambda x: v.normalize_pirt(_digits_cell(x, 15))))
        business["halal_number"] = check("halal", optional(v.normalize_halal))
        business["bpom_number"] = check("bpom", optional(v.normalize_bpom))
        if (
            business["capital"] is None
            and business["annual_sales"] is None
            and not any(e.column in ("modal_usaha", "penjualan_tahunan") for e in errors)
        ):
            errors.append(RowError(number, "penjualan_tahunan", _("Isi penjualan tahunan atau modal usaha.")))
        errors += self._duplicates(number, owner, business, errors)
        if errors:
            return None, errors
        return ValidatedRow(number, owner, business), []

    def _kelurahan(self, value):
        text = cell_text(value)
        if not text:
            raise ValidationError(_("Wajib diisi."))
        found = self.kelurahan.get(text) or self.kelurahan.get(text.casefold())
        if found is None:
            raise ValidationError(
                _("Kelurahan “%(name)s” tidak ada di kota ini. Lihat lembar “Kelurahan” di templat.")
                % {"name": text[:60]}
            )
        return found

    def _duplicates(self, number, owner, business, errors) -> list[RowError]:
        found = []
        failed = {e.column for e in errors}
        nik, name = owner.get("nik"), owner.get("full_name")
        if nik and "nik" not in failed and name:
            earlier = self.seen_nik.get(nik)
            if earlier and earlier[1].casefold() != name.casefold():
                found.append(
                    RowError(
                        number,
                        "nik",
                        _("NIK sama dengan baris %(row)d tetapi nama pemilik berbeda.") % {"row": earlier[0]},
                    )
                )
            existing = self.existing_owners.get(nik)
            if existing and existing.full_name.casefold() != name.casefold():
                found.append(
                    RowError(
                        number,
                        "nik",
                        _("NIK sudah terdaftar atas pemilik “%(name)s” (%(ref)s).")
                        % {"name": existing.full_name, "ref": existing.reference},
                    )
                )
            self.seen_nik.setdefault(nik, (number, name))
        nib = business.get("nib")
        if nib and "nib" not in failed:
            if nib in self.seen_nib:
                found.append(
                    RowError(number, "nib", _("NIB sama dengan baris %(row)d.") % {"row": self.seen_nib[nib]})
                )
            elif nib in self.existing_nibs:
                other = self.existing_nibs[nib]
                found.append(
                    RowError(
                        number,
                        "nib",
                        _("NIB sudah dipakai usaha “%(name)s” (%(ref)s).")
                        % {"name": other.name, "ref": other.reference},
                    )
                )
            self.seen_nib.setdefault(nib, number)
        key = (nik or "", (business.get("name") or "").casefold())
        if all(key) and key in self.seen_business:
            found.append(
                RowError(
                    number,
                    "",
                    _("Baris ini duplikat baris %(row)d (pemilik dan nama usaha sama).")
                    % {"row": self.seen_business[key]},
                )
            )
        elif all(key):
            self.seen_business[key] = number
        return found


def _required():
    raise ValidationError(_("Wajib diisi."))


def _gender(value):
    text = cell_text(value).upper()
    mapping = {"L": "L", "LAKI-LAKI": "L", "LAKI": "L", "P": "P", "PEREMPUAN": "P", "WANITA": "P"}
    if text not in mapping:
        raise ValidationError(_("Isi L (laki-laki) atau P (perempuan)."))
    return Gender(mapping[text]).value


def _section(value):
    text = cell_text(value).upper()[:1]
    if text not in KbliSection.values:
        raise ValidationError(_("Isi huruf kategori KBLI A sampai U."))
    return text


def _status(value):
    text = cell_text(value).lower() or BusinessStatus.ACTIVE
    if text not in BusinessStatus.values:
        raise ValidationError(_("Isi aktif, stagnan atau tutup."))
    return text


def _email(value):
    from django.core.validators import validate_email

    text = cell_text(value)
    validate_email(text)
    return text.lower()


def _shop_url(value, platform):
    url = _url(value)
    if problem := url_problem(platform, url):
        raise ValidationError(problem)
    return url


def _url(value):
    from django.core.validators import URLValidator

    text = cell_text(value)
    if not text.startswith(("http://", "https://")):
        text = "https://" + text
    URLValidator(message=_("Alamat web tidak valid."))(text)
    if len(text) > 200:
        raise ValidationError(_("Alamat web terlalu panjang."))
    return text


def validate_rows(headers: list[str], rows: list[tuple[int, list]], progress=None) -> ValidationReport:
    """Validate every row; ``progress(done, total)`` is called now and then."""
    report = ValidationReport(total=len(rows))
    validator = RowValidator()
    dict_rows = [(n, dict(zip(headers, values, strict=False))) for n, values in rows]
    validator.prefetch(dict_rows)
    for i, (number, cells) in enumerate(dict_rows, start=1):
        row, errors = validator.validate(number, cells)
        if row:
            report.rows.append(row)
        report.errors.extend(errors)
        if progress and i % 500 == 0:
            progress(i, report.total)
    if progress:
        progress(report.total, report.total)
    return report
