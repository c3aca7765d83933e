"""Nomination lists checked row by row before export (BPUM lesson: in Palembang about 40 % of
nominations failed the ministry's checks): a valid NIK, no NIK twice in the list nor already
nominated in an exported list of any scheme, no active KUR, complete data. Pure: plain rows in,
errors per row and export rows out."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binaumkm.core.money import format_rupiah
from binaumkm.core.validators import nik_birth_date, normalize_nik

# Fields a column layout may use: name -> label (for the staff page).
FIELDS = {
    "row": gettext_lazy("nomor baris"),
    "nik": gettext_lazy("NIK"),
    "full_name": gettext_lazy("nama pemilik"),
    "birth_date": gettext_lazy("tanggal lahir (dari NIK)"),
    "gender": gettext_lazy("jenis kelamin (L/P)"),
    "phone": gettext_lazy("nomor HP"),
    "business_name": gettext_lazy("nama usaha"),
    "reference": gettext_lazy("nomor UMKM"),
    "nib": gettext_lazy("NIB"),
    "nib_or_sku": gettext_lazy("NIB atau nomor SKU"),
    "kbli_code": gettext_lazy("kode KBLI"),
    "sector": gettext_lazy("sektor KBLI"),
    "address": gettext_lazy("alamat usaha"),
    "kelurahan": gettext_lazy("kelurahan"),
    "kecamatan": gettext_lazy("kecamatan"),
    "kelurahan_code": gettext_lazy("kode wilayah kelurahan"),
    "year_founded": gettext_lazy("tahun berdiri"),
    "employees": gettext_lazy("tenaga kerja"),
    "annual_sales": gettext_lazy("penjualan tahunan (Rp)"),
    "amount": gettext_lazy("nilai usulan (Rp)"),
}


@dataclass(frozen=True)
class RowError:
    row: int
    business: str
    message: str

    def __str__(self) -> str:
        return _("Baris %(row)d (%(business)s): %(message)s") % {
            "row": self.row, "business": self.business, "message": self.message,
        }  # fmt: skip


def layout_problems(columns: Any) -> list[str]:
    if not isinstance(columns, list) or not columns:
        return [_("Susunan kolom kosong atau tidak valid.")]
    problems = []
    for column in columns:
        if not (isinstance(column, list | tuple) and len(column) == 2 and column[1] in FIELDS):
            problems.append(_("Kolom tidak dikenal: %(col)s.") % {"col": column})
    return problems


def check_rows(
    rows: Sequence[Mapping[str, Any]],
    *,
    nominated_elsewhere: Mapping[str, str],
    active_kur: Mapping[str, str],
    amount_range: tuple[int, int] | None = None,
) -> list[RowError]:
    """Every problem of every row (empty: the list may be exported).

    ``nominated_elsewhere``: NIK -> the exported list it is already in (any scheme);
    ``active_kur``: NIK -> the KUR still running; ``amount_range``: the scheme's limits, if any."""
    errors: list[RowError] = []
    first_row: dict[str, int] = {}
    for row in rows:
        n, label = row["row"], f"{row['business_name']} – {row['reference']}"

        def error(message: str, n=n, label=label) -> None:
            errors.append(RowError(n, label, message))

        try:
            nik = normalize_nik(row["nik"])
        except ValidationError as exc:
            error(exc.messages[0])
            nik = ""
        if nik:
            if nik in first_row:
                error(_("NIK sama dengan baris %(other)d.") % {"other": first_row[nik]})
            else:
                first_row[nik] = n
            if nik in nominated_elsewhere:
                error(_("NIK sudah diusulkan di daftar “%(list)s”.") % {"list": nominated_elsewhere[nik]})
            if nik in active_kur:
                error(_("Masih debitur KUR aktif (%(kur)s).") % {"kur": active_kur[nik]})
        if row["verification"] != "terverifikasi":
            error(_("Usaha belum terverifikasi dinas."))
        if row["status"] == "tutup":
            error(_("Usaha sudah tutup."))
        if not row["phone"]:
            error(_("Nomor HP pemilik kosong."))
        if not row["nib_or_sku"]:
            error(_("NIB atau SKU belum ada."))
        if amount_range is not None:
            low, high = amount_range
            if row["amount"] is None or not (low <= row["amount"] <= high):
                error(_("Nilai usulan harus antara %(low)s dan %(high)s.") % {
                    "low": format_rupiah(low), "high": format_rupiah(high)})  # fmt: skip
    return errors


def birth_date(nik: str, today: datetime.date) -> datetime.date | None:
    try:
        day, month, yy, _female = nik_birth_date(nik)
        year = 2000 + yy if 2000 + yy <= today.year else 1900 + yy
        return datetime.date(year, month, day)
    except (ValueError, TypeError):
        return None


def export_rows(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[Sequence[str]], *, today: datetime.date
) -> Iterable[list[Any]]:
    """The header, then each row's values in the layout's columns."""
    yield [header for header, _field in columns]
    for row in rows:
        values = {**row, "birth_date": birth_date(row["nik"], today)}
        yield [values.get(name) if values.get(name) is not None else "" for _header, name in columns]
