"""An agency's own spreadsheet: what is in the file, and its rows cleaned and validated.

``analyse`` finds the sheet, the header row and a proposed mapping (or the mapping staff confirmed
for the same headers before). ``validate_mapped`` cleans every mapped cell (import_cleaning), then
checks the row with the template's own ``RowValidator`` — the same rules, limits and duplicate
checks as the template import — and finds the businesses already in the registry, offered as
updates with a per-field difference. Reads the database, writes nothing.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from binaumkm.core import validators
from binaumkm.core.models import Kelurahan
from binaumkm.core.spreadsheet import cell_text
from binaumkm.registry.importing import HEADERS, ImportFileError, RowError, RowValidator, ValidatedRow
from binaumkm.registry.importing import cleaning as clean
from binaumkm.registry.importing import mapping as mapping_rules
from binaumkm.registry.importing import sectors as sectors
from binaumkm.registry.importing.table import Formula, Table, extract_table, find_header
from binaumkm.registry.importing.template import SHOP_COLUMNS
from binaumkm.registry.models import Business
from binaumkm.registry.platforms import Platform

SAMPLES_SHOWN = 3
SAMPLES_CHECKED = 20  # values per column kept to check a chosen field against
TEMPLATE_SHARE = 0.5  # a first row mostly made of template column names is our template
OWNER_FIELDS = {"jenis_kelamin": "gender", "hp_pemilik": "phone", "email_pemilik": "email"}
BUSINESS_FIELDS = {
    "nib": "nib", "alamat": "address", "kelurahan": "kelurahan", "sektor_kbli": "kbli_section",
    "kode_kbli": "kbli_code", "modal_usaha": "capital", "penjualan_tahunan": "annual_sales",
    "penjualan_bulanan": "annual_sales", "tenaga_kerja": "employees", "tahun_berdiri": "year_founded",
    "binaan_sejak": "binaan_since", "whatsapp": "whatsapp", "instagram": "instagram",
    "pirt": "pirt_number", "halal": "halal_number", "bpom": "bpom_number",
}  # fmt: skip
# Kinds whose values repeat down a column: each distinct value is cleaned once.
REPEATING = {"gender", "sector", "status", "year", "count", "kelurahan", "kecamatan", "date"}
# Where a field's value goes among the template's columns (the row validator reads those).
TEMPLATE_KEY = {"penjualan_bulanan": "penjualan_tahunan"}


def looks_like_template(first_row: list) -> bool:
    headers = [str(c).strip().lower().replace(" ", "_") for c in first_row if cell_text(c)]
    known = sum(h in HEADERS for h in headers)
    return known >= 3 and known >= TEMPLATE_SHARE * len(headers)


def area_matcher() -> clean.AreaMatcher:
    return clean.AreaMatcher(
        [clean.Area(k.code, k.name, k.kecamatan.name) for k in Kelurahan.objects.select_related("kecamatan")]
    )


# --- Analysis -------------------------------------------------------------------------------------


def _json_value(value):
    """A cell kept for later checks, as JSON can hold it (dates as ISO text, which cleaners read)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return value if isinstance(value, int | float | str) and not isinstance(value, bool) else cell_text(value)


def column_fit(kind: str, values: list, matcher: clean.AreaMatcher) -> tuple[int, int]:
    """(values that clean as this kind, values checked): how well a column suits a field."""
    checks: dict[str, Callable[[Any], Any]] = {
        "nik": lambda x: validators.normalize_nik(clean.clean_nik(x)),
        "gender": clean.clean_gender,
        "phone": clean.clean_phone,
        "email": lambda x: validate_email(clean.clean_text(x)),
        "money": clean.clean_money,
        "money_monthly": clean.clean_money,
        "count": clean.clean_count,
        "year": lambda x: clean.clean_year(x, this_year=timezone.localdate().year),
        "date": clean.clean_date,
        "status": clean.clean_status,
        "kelurahan": matcher.kelurahan,
        "kecamatan": matcher.kecamatan,
        "digits": lambda x: _require(cell_text(x).replace(" ", "").replace(".", "").isdigit()),
        "sector": lambda x: _require(sectors.direct_section(x) or not clean.is_number(x)),
    }
    check = checks.get(kind)
    values = [x for x in values if not clean.is_blank(x)]
    if check is None:
        return len(values), len(values)
    ok = 0
    for value in values:
        try:
            check(value)
            ok += 1
        except (ValidationError, ValueError, TypeError):
            pass
    return ok, len(values)


def type_problems(columns: list[dict], mapping: dict[int, str], matcher: clean.AreaMatcher) -> list[str]:
    """A column is never written into a field of another type: refused when none of its sample
    values can be read as the chosen field (a name column chosen as NIK, text as rupiah...)."""
    problems = []
    for index, key in mapping.items():
        if key and key in mapping_rules.BY_KEY and key != mapping_rules.IGNORE:
            column = columns[index]
            ok, checked = column_fit(mapping_rules.BY_KEY[key].kind, column["checks"], matcher)
            if checked >= 3 and ok == 0:
                problems.append(
                    _("Kolom “%(header)s” tidak bisa dipakai sebagai “%(field)s”: tidak satu pun dari "
                      "%(n)d nilai contohnya terbaca sebagai isian itu.")
                    % {"header": column["header"], "field": mapping_rules.label(key), "n": checked}
                )  # fmt: skip
    return problems


def _require(condition) -> None:
    if not condition:
        raise ValidationError("")


@dataclass
class Analysis:
    sheets: list[dict]  # every sheet: {name, header_row, rows, score}
    sheet: str
    table: Table
    columns: list[dict]  # per column: index, letter, header, key, samples, checks, field, score, how
    saved: bool  # the mapping comes from one staff confirmed before


def analyse(data_by_sheet: dict[str, list[list]], *, sheet: str | None,
            saved_mapping: Callable[[list[str]], dict | None], matcher: clean.AreaMatcher) -> Analysis:  # fmt: skip
    """Find the table (on the chosen sheet, or the most table-like one) and propose a mapping."""

    def score(text):
        return mapping_rules.match_header(text).score

    found: list[dict[str, Any]] = []
    tables: dict[str, Table] = {}
    for name, data in data_by_sheet.items():
        index, points = find_header(data, score)
        if index >= 0:
            tables[name] = extract_table(data, index)
        rows = len(tables[name].rows) if name in tables else 0
        found.append({"name": name, "header_row": index + 1 if index >= 0 else None, "rows": rows,
                      "score": round(points, 2)})  # fmt: skip
    usable = [s for s in found if s["header_row"] and s["score"] >= 2]
    if sheet is None:
        if not usable:
            raise ImportFileError(
                _(
                    "Baris nama kolom tidak ditemukan di lembar mana pun. Pastikan tabel punya baris judul "
                    "kolom seperti “Nama Pemilik”, “NIK”, “Alamat”."
                )  # fmt: skip
            )
        sheet = str(max(usable, key=lambda s: (s["score"], s["rows"]))["name"])
    chosen = next((s for s in found if s["name"] == sheet), None)
    if chosen is None or not chosen["header_row"]:
        raise ImportFileError(_("Lembar “%(name)s” tidak berisi tabel yang bisa dibaca.") % {"name": sheet})
    table = tables[sheet]
    _check_size(table)
    saved = saved_mapping(table.headers)
    keys = mapping_rules.header_keys(table.headers)
    proposals = mapping_rules.propose_mapping(table.headers)
    columns = []
    for index, header in enumerate(table.headers):
        values = [r[index] for _n, r in table.rows if not isinstance(r[index], Formula)]
        filled = [x for x in values if not clean.is_blank(x)]
        match = proposals[index]
        key, points, how = match.key, match.score, match.how
        if saved is not None:
            key, points, how = saved.get(keys[index], ""), 1.0, "tersimpan"
            key = key if key in mapping_rules.BY_KEY else ""  # a field that no longer exists
        checks = [_json_value(x) for x in filled[:SAMPLES_CHECKED]]
        fit = column_fit(mapping_rules.BY_KEY[key].kind, checks, matcher) if key else (0, 0)
        if fit[1] >= 3 and fit[0] < fit[1] / 2 and how != "tersimpan":
            points /= 2  # the header says one thing, the values another
        columns.append({
            "index": index, "letter": get_column_letter(index + 1), "header": header, "key": keys[index],
            "samples": [" ".join(cell_text(x).split())[:40] for x in filled[:SAMPLES_SHOWN]],
            "checks": checks, "filled": len(filled), "field": key, "score": round(100 * points),
            "how": how, "synonym": match.synonym, "fit": list(fit),
        })  # fmt: skip
    return Analysis(found, sheet, table, columns, saved is not None)


def _check_size(table: Table) -> None:
    if not table.rows:
        raise ImportFileError(_("Tidak ada baris data di bawah baris nama kolom (baris %(row)d).")
                              % {"row": table.header_row})  # fmt: skip
    limit = settings.BINAUMKM["IMPORT_MAX_ROWS"]
    if len(table.rows) > limit:
        raise ImportFileError(
            _("Terlalu banyak baris (%(n)d); maksimal %(limit)d per berkas.")
            % {"n": len(table.rows), "limit": limit}
        )


def read_table(data: list[list], header_row: int) -> Table:
    table = extract_table(data, header_row - 1)
    _check_size(table)
    return table


def sector_values(table: Table, index: int, keywords: dict[str, str], decided: dict[str, str]) -> list[dict]:
    """One entry per distinct free-text value of the sector column, with the keyword suggestion."""
    values = [r[index] for _n, r in table.rows if not isinstance(r[index], Formula)]
    entries = []
    for key, text, count in sectors.distinct_values(x for x in values if not sectors.direct_section(x)):
        suggestion = sectors.suggest_section(text, keywords)
        entries.append({
            "key": key, "value": text[:100], "count": count,
            "suggestion": suggestion.section if suggestion else "",
            "keyword": suggestion.keyword if suggestion else "",
            "confidence": suggestion.confidence if suggestion else "",
            "section": decided.get(key, suggestion.section if suggestion else ""),
        })  # fmt: skip
    return entries


# --- Cleaning and validating rows -----------------------------------------------------------------


@dataclass
class Update:
    """A row naming a business already in the registry: what would change in it."""

    row: ValidatedRow
    business: Business
    owner_data: dict
    business_data: dict
    status: str | None
    changes: list[dict]  # [{field, label, old, new}] as shown in the preview
    shops: dict = field(default_factory=dict)  # {platform: url} of the shop columns that change


@dataclass
class MappedReport:
    total: int = 0
    rows: list[ValidatedRow] = field(default_factory=list)  # new businesses
    updates: list[Update] = field(default_factory=list)  # businesses already registered
    errors: list[RowError] = field(default_factory=list)
    columns: dict[int, dict] = field(default_factory=dict)  # index -> {filled, cleaned, failed}
    changed_rows: list[dict] = field(default_factory=list)  # [{row, changes: [{header, old, new}]}]

    @property
    def error_rows(self) -> set[int]:
        return {e.row for e in self.errors}


class _RegistryAwareValidator(RowValidator):
    """The template's validator, except that a NIB already registered to the same owner (NIK) is a
    business to update, not an error."""

    def prefetch(self, rows):
        super().prefetch(rows)
        loaded = Business.objects.select_related("owner", "kelurahan__kecamatan").prefetch_related(
            "presences"
        )
        self.by_nib = {b.nib: b for b in loaded.filter(nib__in=list(self.existing_nibs))}
        self.by_owner = defaultdict(list)
        for business in loaded.filter(owner__nik__in=list(self.existing_owners)):
            self.by_owner[business.owner.nik].append(business)

    def _duplicates(self, number, owner, business, errors):
        nib = business.get("nib")
        repeated_in_file = nib in self.seen_nib
        found = super()._duplicates(number, owner, business, errors)
        same_owner = nib in self.by_nib and self.by_nib[nib].owner.nik == owner.get("nik")
        if nib and not repeated_in_file and same_owner:
            found = [e for e in found if e.column != "nib"]
        return found

    def registered(self, row: ValidatedRow) -> Business | None:
        nib, nik = row.business.get("nib"), row.owner["nik"]
        if nib and nib in self.by_nib and self.by_nib[nib].owner.nik == nik:
            return self.by_nib[nib]
        name = sectors.normalise_value(row.business["name"])
        return next((b for b in self.by_owner.get(nik, []) if sectors.normalise_value(b.name) == name), None)


class MappedValidator:
    def __init__(self, *, headers: list[str], mapping: dict[int, str], decisions: dict[str, str],
                 matcher: clean.AreaMatcher):  # fmt: skip
        chosen = {i: k for i, k in mapping.items() if k and k != mapping_rules.IGNORE}
        # The kecamatan column is read first: the kelurahan column uses it.
        self.fields = sorted(chosen.items(), key=lambda item: item[1] != "kecamatan")
        self.column_of = {TEMPLATE_KEY.get(k, k): i for i, k in chosen.items()}
        self.headers = headers
        self.decisions = decisions
        self.matcher = matcher
        self.this_year = timezone.localdate().year
        self.base = _RegistryAwareValidator()
        self.plan = [(i, k, TEMPLATE_KEY.get(k, k), mapping_rules.BY_KEY[k].kind) for i, k in self.fields]
        self._memo: dict[tuple, tuple] = {}

    def clean_row(self, number: int, values: list, report: MappedReport) -> tuple[dict, set, list, list]:
        """(cells for the row validator, columns that failed, errors, changes) of one row."""
        cells, failed, errors, changes = {}, set(), [], []
        kecamatan = None
        for index, _key, target, kind in self.plan:
            raw = values[index] if index < len(values) else ""
            if isinstance(raw, Formula):
                errors.append(
                    RowError(
                        number, target, _("Sel berisi rumus. Salin lalu tempel sebagai nilai (Paste Values).")
                    )
                )
                failed.add(target)
                continue
            if clean.is_blank(raw):
                continue
            stats = report.columns[index]
            stats["filled"] += 1
            value, old, shown = self._cleaned(kind, raw, kecamatan)
            if isinstance(value, ValidationError):
                errors.append(RowError(number, target, " ".join(value.messages)))
                failed.add(target)
                continue
            if kind == "kecamatan":
                kecamatan = value
                continue
            cells[target] = value.code if isinstance(value, clean.Area) else value
            if shown is not None:
                stats["cleaned"] += 1
                changes.append({"header": self.headers[index], "old": old, "new": shown})
        return cells, failed, errors, changes

    def _cleaned(self, kind: str, raw, kecamatan) -> tuple:
        """(cleaned value or the ValidationError, old text, new text or None when unchanged); values
        that repeat down a column (gender, sector, kelurahan, years…) are cleaned once."""
        memo_key = (kind, raw, kecamatan if kind == "kelurahan" else None) if kind in REPEATING else None
        if memo_key is not None and memo_key in self._memo:
            return self._memo[memo_key]
        result: tuple[Any, str, str | None]
        try:
            value = self._clean(kind, raw, kecamatan)
        except ValidationError as exc:
            result = (exc, "", None)
        else:
            old = clean.clean_text(raw)
            shown = clean.display(kind, value) if clean.canonical(kind, value) != old else old
            result = (value, old[:60], shown[:60] if shown != old else None)
        if memo_key is not None:
            self._memo[memo_key] = result
        return result

    def _clean(self, kind: str, raw, kecamatan):
        if kind == "kelurahan":
            return self.matcher.kelurahan(raw, kecamatan)
        if kind == "kecamatan":
            return self.matcher.kecamatan(raw)
        if kind == "sector":
            section = sectors.direct_section(raw) or self.decisions.get(sectors.normalise_value(raw))
            if not section:
                raise ValidationError(
                    _("Sektor “%(value)s” belum dipilih pada langkah konfirmasi sektor.")
                    % {"value": clean.clean_text(raw)[:60]}
                )
            return section
        if kind == "year":
            return clean.clean_year(raw, this_year=self.this_year)
        cleaners = {"text": clean.clean_text, "email": clean.clean_text, "url": clean.clean_text,
                    "nik": clean.clean_nik, "gender": clean.clean_gender, "phone": clean.clean_phone,
                    "money": clean.clean_money, "money_monthly": clean.clean_money_monthly,
                    "count": clean.clean_count, "date": clean.clean_date, "status": clean.clean_status}  # fmt: skip
        return cleaners[kind](raw) if kind in cleaners else raw  # digits: the row validator reads them

    def update_for(self, row: ValidatedRow, business: Business, cells: dict) -> Update:
        """Only values the file gives (not empty cells, not defaults) change the registered business."""
        given = {k for _i, k in self.fields if TEMPLATE_KEY.get(k, k) in cells}
        owner_data, business_data, changes = {}, {}, []
        for key, name in OWNER_FIELDS.items():
            new, old = row.owner.get(name), getattr(business.owner, name)
            if key in given and new not in (None, "") and new != old:
                owner_data[name] = new
                changes.append(_change(business.owner, name, old, new))
        for key, name in BUSINESS_FIELDS.items():
            new, old = row.business.get(name), getattr(business, name)
            if key in given and new not in (None, "") and new != old:
                business_data[name] = new
                changes.append(_change(business, name, old, new))
        shops = {}
        held = {p.platform: p.url for p in business.presences.all()}  # prefetched
        for key, platform in SHOP_COLUMNS.items():
            new = row.business.get(f"{key}_url")
            if key in given and new and new != held.get(platform):
                shops[platform] = new
                label = Platform(platform).label
                changes.append({"field": key, "label": label, "old": held.get(platform) or "–", "new": new})
        status = (
            row.business["status"]
            if "status" in given and row.business["status"] != business.status
            else None
        )
        if status:
            changes.append(_change(business, "status", business.status, status))
        return Update(row, business, owner_data, business_data, status, changes, shops)


def _change(obj, name: str, old, new) -> dict:
    field = obj._meta.get_field(name)

    def shown(value):
        if value in (None, ""):
            return "–"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if name in ("capital", "annual_sales"):
            return clean.display("money", value)
        return clean.display("", value)

    return {"field": name, "label": str(field.verbose_name), "old": shown(old), "new": shown(new)}


MAX_CHANGED_ROWS = 500  # rows whose cleaned values the preview lists


def validate_mapped(table: Table, *, mapping: dict[int, str], decisions: dict[str, str],
                    matcher: clean.AreaMatcher, progress=None) -> MappedReport:  # fmt: skip
    """Clean and validate every row of the table; ``progress(done, total)`` is called now and then."""
    validator = MappedValidator(headers=table.headers, mapping=mapping, decisions=decisions, matcher=matcher)
    report = MappedReport(total=len(table.rows))
    report.columns = {index: {"filled": 0, "cleaned": 0, "failed": 0} for index, *_rest in validator.plan}
    cleaned = [(n, *validator.clean_row(n, values, report)) for n, values in table.rows]
    validator.base.prefetch([(n, cells) for n, cells, *_rest in cleaned])
    for i, (number, cells, failed, errors, changes) in enumerate(cleaned, start=1):
        row, more = validator.base.validate(number, cells)
        errors += [e for e in more if e.column not in failed]  # a failed cell is reported once
        if errors:
            report.errors += errors
            for error in errors:
                if error.column in validator.column_of:
                    report.columns[validator.column_of[error.column]]["failed"] += 1
        elif row is None:
            continue  # (not reached: a row without errors is a validated row)
        elif business := validator.base.registered(row):
            report.updates.append(validator.update_for(row, business, cells))
        else:
            report.rows.append(row)
        if changes and len(report.changed_rows) < MAX_CHANGED_ROWS:
            report.changed_rows.append({"row": number, "changes": changes})
        if progress and i % 500 == 0:
            progress(i, report.total)
    if progress:
        progress(report.total, report.total)
    return report
