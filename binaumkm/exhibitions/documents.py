"""The accountability report (laporan pertanggungjawaban) of an exhibition: a PDF always in Bahasa
Indonesia (an official document, whatever the reader's language), and an .xlsx written through
``core.exports`` (the one writer of spreadsheet cells)."""

from __future__ import annotations

import base64
import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from binaumkm.accounts.models import User
from binaumkm.core.conf import site
from binaumkm.core.exports import append_row
from binaumkm.core.pdf import render_pdf

from . import conf, selectors
from .models import Exhibition
from .uploads import CONTENT_TYPES


def _photos(exhibition: Exhibition) -> list[tuple[str, str]]:
    """The first documentation photos as data URIs (WeasyPrint needs no file or network access)."""
    found = []
    for photo in selectors.photos(exhibition)[: conf.REPORT_PHOTOS]:
        with photo.image.open("rb") as f:
            data = base64.b64encode(f.read()).decode()
        found.append(
            (f"data:{CONTENT_TYPES.get(photo.extension, 'image/jpeg')};base64,{data}", photo.caption)
        )
    return found


def report_context(*, actor: User, exhibition: Exhibition) -> dict:
    lines = selectors.budget_lines(actor=actor, exhibition=exhibition)
    first, last = selectors.dates_of(exhibition)
    return {
        "exhibition": exhibition,
        "first": first,
        "last": last,
        "venues": list(exhibition.venues.all()),
        "lines": lines,
        "totals": selectors.budget_totals(lines),
        "overrides": [r for line in lines for r in line.realisations.all() if r.over_plan_reason],
        "outcome": selectors.outcome(actor=actor, exhibition=exhibition, lines=lines),
        "kecamatan_rows": selectors.quota_rows(
            (exhibition.allocation_summary or {}).get("kecamatan", {}), kind="kecamatan"
        ),
    }


def accountability_pdf(*, actor: User, exhibition: Exhibition) -> bytes:
    with translation.override("id"):
        context = report_context(actor=actor, exhibition=exhibition)
        context.update(site=site(), photos=_photos(exhibition), generated=timezone.localtime())
        return render_pdf("exhibitions/report_pdf.html", context)


def report_filename(exhibition: Exhibition, ext: str) -> str:
    return f"lpj-pameran-{exhibition.pk}.{ext}"


def report_xlsx(*, actor: User, exhibition: Exhibition) -> bytes:
    """Four sheets: the budget, the participants with their sales, sales per day, and the summary."""
    context = report_context(actor=actor, exhibition=exhibition)
    outcome = context["outcome"]
    book = Workbook(write_only=True)
    with translation.override("id"):
        sheet = book.create_sheet(_("Anggaran"))
        append_row(sheet, [_("Kode kegiatan"), _("Kode rekening"), _("Uraian"), _("Pagu (Rp)"), _("Realisasi (Rp)"),
                           _("Selisih (Rp)")], bold=True)  # fmt: skip
        for line in context["lines"]:
            append_row(sheet, [line.activity_code, line.account_code, line.description, line.planned, line.realised,
                               line.planned - line.realised])  # fmt: skip
        totals = context["totals"]
        append_row(
            sheet, ["", "", _("Jumlah"), totals["planned"], totals["realised"], totals["left"]], bold=True
        )

        sheet = book.create_sheet(_("Peserta"))
        append_row(sheet, [_("Tempat"), _("Booth"), _("Usaha"), _("Pemilik"), _("Sektor"), _("Kecamatan"),
                           _("Pertama kali"), _("Hadir"), _("Penjualan (Rp)"), _("Transaksi"), _("Tunai (Rp)"),
                           _("QRIS (Rp)"), _("Kontak calon pembeli")], bold=True)  # fmt: skip
        for p, t in outcome.by_booth:
            append_row(sheet, [p.venue, p.booth, p.business, p.owner, p.sector, p.kecamatan,
                               _("ya") if p.first_timer else _("tidak"), _("ya") if p.checked_in else _("tidak"),
                               t.gross, t.transactions, t.cash, t.qris, t.leads])  # fmt: skip

        sheet = book.create_sheet(_("Penjualan harian"))
        append_row(sheet, [_("Tanggal"), _("Tempat"), _("Booth"), _("Usaha"), _("Penjualan (Rp)"), _("Transaksi"),
                           _("Tunai (Rp)"), _("QRIS (Rp)"), _("Kontak")], bold=True)  # fmt: skip
        for sale, participant in selectors.daily_sales(exhibition=exhibition):
            append_row(sheet, [sale.date, participant.booth.venue.name, participant.booth.code,
                               participant.application.business.name, sale.gross, sale.transactions, sale.cash,
                               sale.qris, sale.leads])  # fmt: skip

        sheet = book.create_sheet(_("Ringkasan"))
        for label, value in summary_rows(outcome):
            append_row(sheet, [label, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def summary_rows(outcome) -> list[tuple[str, object]]:
    return [
        (_("Penjualan langsung (Rp)"), outcome.totals.gross),
        (_("Transaksi"), outcome.totals.transactions),
        (_("Bagian QRIS (%)"), outcome.totals.qris_share),
        (_("Kontak calon pembeli"), outcome.totals.leads),
        (_("Pagu anggaran (Rp)"), outcome.planned),
        (_("Realisasi anggaran (Rp)"), outcome.realised),
        (_("Penjualan per rupiah anggaran"), outcome.return_per_rupiah),
        (_("UMKM peserta"), outcome.participants),
        (_("UMKM yang pertama kali ikut (%)"), outcome.first_timer_share),
        (_("Bagian penjualan UMKM pertama kali (%)"), outcome.first_timer_sales_share),
        (_("Kecamatan terwakili"), f"{outcome.kecamatan_count} / {outcome.kecamatan_total}"),
    ]
