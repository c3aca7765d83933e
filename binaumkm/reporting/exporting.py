"""The outcome and funnel reports as .xlsx workbooks (every cell through ``core.exports``)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from binaumkm.core import exports


def _pct(value):
    return None if value is None else round(100 * value, 1)


def _ci(interval):
    return (None, None) if interval is None else (_pct(interval[0]), _pct(interval[1]))


def _save(sheets) -> bytes:
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        exports.append_row(sheet, header, bold=True)
        for row in rows:
            exports.append_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def outcomes_xlsx(report: dict) -> bytes:
    header = [_("Nama"), _("Terdaftar"), _("Tutup"), _("Tanpa data dasar"), _("Tanpa laporan terbaru"),
              _("Dapat dinilai"), _("Pulih"), _("% pulih"), _("Batas bawah 95%"), _("Batas atas 95%")]  # fmt: skip

    def rows(items):
        return [(r["label"], r["registered"], r["closed"], r["no_baseline"], r["no_recent"], r["assessed"],
                 r["recovered"], _pct(r["share"].value), *_ci(r["share"].interval)) for r in items]  # fmt: skip

    helped = [
        (h["label"], h["comparison"].helped.n, h["comparison"].helped.k, _pct(h["comparison"].helped.value),
         h["comparison"].matched_helped, _pct(h["comparison"].helped_share), h["comparison"].matched_others,
         _pct(h["comparison"].other_share), _pct(h["comparison"].difference), *_ci(h["comparison"].interval))
        for h in report["help"]
    ]  # fmt: skip
    return _save([
        (_("Per jenis bantuan"), [_("Bantuan"), _("Dibantu, dapat dinilai"), _("Dibantu, pulih"), _("% pulih"),
                                  _("Dibantu, berpembanding"), _("% pulih (tertimbang)"), _("UMKM pembanding"),
                                  _("% pulih pembanding"), _("Selisih (poin %)"), _("Batas bawah 95%"),
                                  _("Batas atas 95%")], helped),
        (_("Per kecamatan"), header, rows(report["kecamatan"])),
        (_("Per kelurahan"), header, rows(report["kelurahan"])),
        (_("Per sektor"), header, rows(report["sector"])),
        (_("Per skala usaha"), header, rows(report["size"])),
    ])  # fmt: skip


def funnel_xlsx(report: dict) -> bytes:
    return _save([
        (_("Corong"), [_("Tahap"), _("Jumlah"), _("Berkurang"), _("% dari tahap sebelumnya")],
         [(s["label"], s["count"], s["drop"], _pct(s["kept"].value) if s["kept"] else None) for s in report["funnel"]["steps"]]),
        (_("Per jenis bantuan"), [_("Bantuan"), _("Dibantu"), _("Dapat dinilai"), _("Pulih"), _("% pulih")],
         [(k["label"], k["helped"], k["assessed"], k["recovered"], _pct(k["share"].value)) for k in report["funnel"]["kinds"]]),
        (_("Per kecamatan"), [_("Kecamatan"), _("Terdaftar"), _("Terverifikasi"), _("Mendapat bantuan"), _("Pulih (dari yang dibantu)")],
         [(r["label"], r["registered"], r["verified"], r["helped"], r["recovered"]) for r in report["by_kecamatan"]]),
    ])  # fmt: skip


def _as_of(value):
    """An "as of" time as written in a cell: a datetime in WIB, a date as itself."""
    from django.utils import timezone

    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H.%M WIB") if timezone.is_aware(value) else value
    return value


def dashboard_xlsx(data: dict) -> bytes:
    """The leadership dashboard's figures: key figures, the recovery trend, the map's values per
    kelurahan, the funnel and one line per module (the same numbers as the page and the PDF)."""
    from binaumkm.core.maps import projected_map

    unit = {"count": _("jumlah"), "percent": _("persen; perubahan dalam poin %")}
    names = projected_map().kelurahan
    metric = data["metric"]
    return _save([
        (_("Angka utama"), [_("Angka"), _("Bulan ini"), _("Bulan lalu"), _("Perubahan dari bulan lalu"),
                            _("Tahun lalu (bulan sama)"), _("Perubahan dari tahun lalu"), _("Satuan"), _("Keterangan")],
         [(f.label, f.value, f.previous, f.change_month, f.year_ago, f.change_year, unit[f.unit], f.detail)
          for f in data["figures"]]),
        (_("Tren pulih"), [_("Bulan"), _("% pulih")], [(m, v) for m, v in data["trend"]]),
        (_("Peta"), [_("Kode kelurahan"), _("Kelurahan"), str(metric.label) if metric else ""],
         [(code, name, data.get("map_values", {}).get(code)) for code, (name, _d) in names.items()]),
        (_("Corong"), [_("Tahap"), _("Jumlah"), _("Berkurang"), _("% dari tahap sebelumnya")],
         [(s["label"], s["count"], s["drop"], _pct(s["kept"].value) if s["kept"] else None)
          for s in data["funnel"]["steps"]]),
        (_("Per modul"), [_("Modul"), _("Angka"), _("Keterangan"), _("Per")],
         [(str(line.label), line.value, line.detail, _as_of(line.as_of)) for line in data["lines"]]),
    ])  # fmt: skip
