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
