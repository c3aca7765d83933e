"""Matching the headers of an agency's own spreadsheet to registry fields (pure: no database).

Each registry field has a kind (how its values are cleaned) and Indonesian synonyms staff write in
headers ("L/P", "No. HP", "Omset per Tahun", "Desa/Kelurahan"). A header is normalised (lower case,
punctuation to spaces, "Rp" dropped), then matched exactly, with its bracketed part removed, by a
synonym it contains, or by a near spelling; the score (0–1) is the confidence shown to staff.
"""

import difflib
import functools
import hashlib
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from binaumkm.registry.importing import LABELS

IGNORE = "-"  # a numbering column ("No"): recognised, never imported


@dataclass(frozen=True)
class Target:
    key: str  # the template's column name (or "kecamatan", "penjualan_bulanan")
    kind: str  # how values are cleaned: see import_cleaning.CLEANERS
    synonyms: tuple[str, ...]  # normalised header spellings, strongest first


def _t(key, kind, synonyms):
    return Target(key, kind, tuple(synonyms.split("|")))


TARGETS = [
    _t("nama_pemilik", "text", "nama pemilik|nama pemilik usaha|pemilik|pemilik usaha|nama pelaku usaha|"
       "pelaku usaha|nama pengusaha|nama lengkap|nama owner|owner|nama sesuai ktp|nama responden|nama"),
    _t("nik", "nik", "nik|no nik|nomor nik|nik pemilik|nik ktp|no ktp|nomor ktp|ktp|nomor induk kependudukan"),
    _t("jenis_kelamin", "gender", "jenis kelamin|l p|jk|j k|jns kelamin|kelamin|gender|sex"),
    _t("hp_pemilik", "phone", "no hp|nomor hp|hp|no hp wa|hp wa|nomor hp pemilik|hp pemilik|no telp|telp|"
       "no tlp|tlp|telepon|no telepon|nomor telepon|handphone|no handphone|kontak|no kontak"),
    _t("whatsapp", "phone", "wa|no wa|nomor wa|whatsapp|no whatsapp|nomor whatsapp"),
    _t("email_pemilik", "email", "email|e mail|alamat email|alamat e mail|surel"),
    _t("nama_usaha", "text", "nama usaha|nama umkm|nama ukm|nama toko|nama merek|nama brand|merek|merk|"
       "nama perusahaan|usaha|umkm"),
    _t("nib", "digits", "nib|no nib|nomor nib|nomor induk berusaha"),
    _t("alamat", "text", "alamat|alamat usaha|alamat lengkap|alamat tempat usaha|alamat rumah|"
       "alamat domisili|jalan"),
    _t("kelurahan", "kelurahan", "kelurahan|kel|desa kelurahan|kelurahan desa|kel desa|kalurahan|"
       "nama kelurahan|desa"),
    _t("kecamatan", "kecamatan", "kecamatan|kec|nama kecamatan"),
    _t("sektor_kbli", "sector", "jenis usaha|bidang usaha|sektor|sektor usaha|sektor kbli|kategori kbli|"
       "kategori usaha|jenis kegiatan usaha|kegiatan usaha|klasifikasi usaha|kbli|bidang|jenis"),
    _t("kode_kbli", "digits", "kode kbli|no kbli|nomor kbli|kbli 5 digit"),
    _t("modal_usaha", "money", "modal|modal usaha|modal awal|aset|asset|aset usaha|nilai aset|"
       "kekayaan bersih"),
    _t("penjualan_tahunan", "money", "omzet per tahun|omset per tahun|omzet pertahun|omset pertahun|"
       "omzet tahunan|omset tahunan|omzet tahun|omset tahun|penjualan tahunan|penjualan per tahun|"
       "penjualan|pendapatan per tahun|omzet|omset|pendapatan"),
    _t("penjualan_bulanan", "money_monthly", "omzet per bulan|omset per bulan|omzet perbulan|"
       "omset perbulan|omzet bulanan|omset bulanan|omzet bulan|omset bulan|penjualan per bulan|"
       "penjualan bulanan|pendapatan per bulan"),
    _t("tenaga_kerja", "count", "tenaga kerja|jumlah tenaga kerja|jml tenaga kerja|jml tk|tk|naker|"
       "jumlah karyawan|karyawan|jumlah pekerja|pekerja"),
    _t("tahun_berdiri", "year", "tahun berdiri|th berdiri|thn berdiri|tahun mulai usaha|mulai usaha|"
       "tahun mulai|berdiri sejak|berdiri|tahun usaha"),
    _t("binaan_sejak", "date", "binaan sejak|tanggal binaan|tgl binaan|tanggal pendataan|tgl pendataan|"
       "tanggal daftar|tgl daftar|tanggal registrasi|terdaftar sejak"),
    _t("status", "status", "status|status usaha|kondisi usaha"),
    _t("instagram", "text", "instagram|ig|akun ig|akun instagram"),
    _t("shopee", "url", "shopee|toko shopee|link shopee"),
    _t("tokopedia", "url", "tokopedia|toko tokopedia|link tokopedia"),
    _t("pirt", "digits", "pirt|p irt|no pirt|nomor pirt|sppirt|no sppirt|izin pirt"),
    _t("halal", "text", "halal|no halal|nomor halal|sertifikat halal|no sertifikat halal"),
    _t("bpom", "text", "bpom|no bpom|nomor bpom|izin bpom"),
    _t(IGNORE, "ignore", "no|no urut|nomor urut|nomor|urut"),
]  # fmt: skip
BY_KEY = {t.key: t for t in TARGETS}
EXTRA_LABELS = {
    "kecamatan": _("Kecamatan (untuk memastikan kelurahan)"),
    "penjualan_bulanan": _("Omzet per bulan (Rp, dikali 12)"),
}
# Fields an agency file must provide (one of the money columns, checked separately).
REQUIRED = ["nama_pemilik", "nik", "jenis_kelamin", "nama_usaha", "alamat", "kelurahan", "sektor_kbli"]
SALES_OR_CAPITAL = ("penjualan_tahunan", "penjualan_bulanan", "modal_usaha")
# Generic one-word synonyms are weaker evidence than a specific phrase.
WEAK = {"nama": 0.6, "jenis": 0.55, "bidang": 0.7, "usaha": 0.6, "umkm": 0.7, "desa": 0.8, "nomor": 0.8,
        "kontak": 0.75, "pendapatan": 0.7, "penjualan": 0.85, "status": 0.9, "jalan": 0.7, "berdiri": 0.85,
        "modal": 0.9, "sex": 0.8}  # fmt: skip
NOISE = {"rp", "rupiah", "idr"}
_SYNONYMS = {s: t.key for t in reversed(TARGETS) for s in t.synonyms}  # first listed target wins
_SPELLED = [(s, k) for s, k in _SYNONYMS.items() if len(s) >= 4]  # "hp", "wa", "jk": too short to misspell


def label(key: str) -> str:
    if key == IGNORE:
        return str(_("— abaikan (nomor urut) —"))
    return str(EXTRA_LABELS.get(key) or LABELS.get(key) or key)


def field_choices() -> list[tuple[str, str]]:
    """(key, label) of every field a column may be mapped to, in the template's order."""
    return [(t.key, label(t.key)) for t in TARGETS if t.key != IGNORE]


def normalise_header(text) -> str:
    """'No. HP / WA' -> 'no hp wa'; 'Omzet (Rp)' -> 'omzet rp'."""
    words = re.sub(r"[^0-9a-z]+", " ", str(text or "").casefold()).split()
    return " ".join(words)


def _without_noise(norm: str) -> str:
    return " ".join(w for w in norm.split() if w not in NOISE)


@dataclass(frozen=True)
class Match:
    key: str  # target key, IGNORE, or "" (not recognised)
    score: float  # 0–1
    how: str  # "sama", "tanpa-kurung", "memuat", "mirip", "tersimpan", ""
    synonym: str = ""


NO_MATCH = Match("", 0.0, "")
FUZZY = 0.85  # difflib ratio from which a header counts as a misspelt synonym


@functools.lru_cache(maxsize=4096)
def match_header(header) -> Match:
    """The best target for one header, with a confidence score."""
    norm = _without_noise(normalise_header(header))
    if not norm:
        return NO_MATCH
    if norm in _SYNONYMS:
        return Match(_SYNONYMS[norm], WEAK.get(norm, 1.0), "sama", norm)
    bare = _without_noise(normalise_header(re.sub(r"\(.*?\)|\[.*?\]", " ", str(header))))
    if bare and bare in _SYNONYMS:
        return Match(_SYNONYMS[bare], 0.95 * WEAK.get(bare, 1.0), "tanpa-kurung", bare)
    best = NO_MATCH
    words = norm.split()
    for n in range(1, len(words)):  # a synonym inside a longer header: "Alamat Usaha/Rumah"
        for i in range(len(words) - n + 1):
            synonym = " ".join(words[i : i + n])
            key = _SYNONYMS.get(synonym, IGNORE)
            score = (0.6 + 0.3 * n / len(words)) * WEAK.get(synonym, 1.0)
            if key != IGNORE and score > best.score:
                best = Match(key, round(score, 2), "memuat", synonym)
    matcher = difflib.SequenceMatcher(b=norm)
    for synonym, key in _SPELLED:
        if abs(len(synonym) - len(norm)) > 0.3 * len(norm):
            continue  # lengths far apart never match
        matcher.set_seq1(synonym)
        if matcher.real_quick_ratio() < FUZZY or matcher.quick_ratio() < FUZZY:
            continue
        ratio = matcher.ratio()
        score = 0.9 * ratio * WEAK.get(synonym, 1.0)
        if ratio >= FUZZY and score > best.score:
            best = Match(key, round(score, 2), "mirip", synonym)
    return best


MIN_SCORE = 0.5  # below this a header is left for staff to map


def propose_mapping(headers: list[str]) -> list[Match]:
    """One Match per header; each field goes to at most one column (the most confident one)."""
    matches = [m if m.score >= MIN_SCORE else NO_MATCH for m in map(match_header, headers)]
    taken: dict[str, int] = {}
    for index in sorted(range(len(matches)), key=lambda i: -matches[i].score):
        key = matches[index].key
        if not key or key == IGNORE:
            continue
        if key in taken or (key in SALES_OR_CAPITAL[:2] and set(SALES_OR_CAPITAL[:2]) & set(taken)):
            matches[index] = NO_MATCH  # another column is a better match for this field
        else:
            taken[key] = index
    return matches


def header_keys(headers: list[str]) -> list[str]:
    """Stable keys for a header row: the normalised header, numbered when it repeats."""
    seen: dict[str, int] = {}
    keys = []
    for header in headers:
        norm = normalise_header(header)
        seen[norm] = seen.get(norm, 0) + 1
        keys.append(norm if seen[norm] == 1 else f"{norm}#{seen[norm]}")
    return keys


def header_signature(headers: list[str]) -> str:
    """The same set of headers (in any order, any capitals or punctuation) gives the same signature,
    so a mapping confirmed for one colleague's file is found again for their next file."""
    keys = sorted(k for k in header_keys(headers) if k and not k.startswith("#"))
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()


def mapping_problems(mapping: dict[int, str]) -> list[str]:
    """What is wrong with a chosen mapping {column index: field key or ''} as a whole."""
    problems = []
    chosen = [k for k in mapping.values() if k and k != IGNORE]
    unknown = sorted({k for k in chosen if k not in BY_KEY})
    if unknown:
        problems.append(str(_("Kolom tujuan tidak dikenal: %(keys)s.")) % {"keys": ", ".join(unknown)})
    doubled = sorted({k for k in chosen if chosen.count(k) > 1})
    for key in doubled:
        problems.append(str(_("“%(field)s” dipilih untuk lebih dari satu kolom.")) % {"field": label(key)})
    if "penjualan_tahunan" in chosen and "penjualan_bulanan" in chosen:
        problems.append(str(_("Pilih omzet per tahun atau omzet per bulan, tidak keduanya.")))
    missing = [label(k) for k in REQUIRED if k not in chosen]
    if not set(SALES_OR_CAPITAL) & set(chosen):
        missing.append(str(_("omzet/penjualan atau modal usaha")))
    if missing:
        problems.append(str(_("Kolom wajib belum dipetakan: %(fields)s.")) % {"fields": ", ".join(missing)})
    return problems
