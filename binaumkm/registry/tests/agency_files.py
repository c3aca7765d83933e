"""Agency-style workbooks made the way staff make them, built with openpyxl inside the tests:
a merged title row, an empty row, headers in the agency's own words, messy values, a totals row with
a formula, notes below the table, and a summary sheet before the data sheet."""

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from binaumkm.registry.tests.factories import nik_for

HEADERS = ["No", "Nama Pemilik", "NIK", "L/P", "No. HP", "Nama Usaha", "Alamat", "Kelurahan", "Kecamatan",
           "Jenis Usaha", "Omzet per Tahun", "Tahun Berdiri", "Nilai Investasi", "Keterangan"]  # fmt: skip
ROUNDED_NIK = 3.37203e15  # what Excel keeps of a NIK typed into a number cell and shown as 3.37203E+15


def agency_rows() -> list[list]:
    """Eight businesses as an agency sheet holds them (row 6 of the sheet onwards)."""
    return [
        [1, "Sri Wahyuni", nik_for(201, female=True), "Perempuan", "0812-2634-5678", "Serabi Notosuman Bu Sri",
         "Jl. Moh. Yamin No. 28", "Kauman", "Pasar Kliwon", "Kuliner", "Rp 120.000.000", 2015, "Rp. 25 juta", ""],
        [2, "Budi Santoso", int(nik_for(202)), "Laki-laki", "+62 856 4321 0987", "Batik Tulis Santoso",
         "Jl. Dr. Rajiman No. 50", "Kel. Penumping", "Laweyan", "Batik", "Rp. 60 juta", "th. 2010", "", ""],
        [3, "Siti Aminah", nik_for(203, female=True), "P", "62813-1111-2222", "Keripik Tempe Bu Siti",
         "Jl. Ir. Sutami No. 5", "JEBRES", "Jebres", "Makanan ringan", "85000000", "2018", 5000000, "binaan baru"],
        [4, "Agus Prasetyo", ROUNDED_NIK, "L", 81298765432, "Bengkel Agus Motor", "Jl. Kapten Mulyadi No. 9",
         "Kp. Baru", "Pasar Kliwon", "Bengkel", 96000000, 2012, "", ""],
        [5, "Dewi Lestari", nik_for(205, female=True), "Wanita", "0857 1234 5678", "Warung Makan Dewi",
         "Jl. Slamet Riyadi No. 300", "Kaumam", "", "Kuliner", "Rp 150 jt", "2019", "", ""],
        [6, "Joko Widodo", nik_for(206), "Laki", "0812 9999 0001 / 0271 642020", "Angkringan Pak Joko",
         "Jl. Adi Sucipto No. 1", "Manahan", "Banjarsari", "kuliner", "Rp 48.000.000,-", 2020, "", ""],
        [7, "Rina Marlina", nik_for(207, female=True), "P", "0813 2222 3333", "Konveksi Rina",
         "Jl. Veteran No. 12", "Kepatihan", "Jebres", "Konveksi", "Rp 200.000.000", "2016", "", ""],
        [8, "Hartono", nik_for(208), "L", "0856-7777-8888", "Sablon Hartono", "Jl. Yos Sudarso No. 4",
         "Danukusuman", "Serengan", "Sablon kaos", "Rp 75.000.000", "2017", "", ""],
    ]  # fmt: skip


def agency_workbook(rows=None, *, headers=None, title="DATA UMKM BINAAN DINAS KOPERASI UKM KOTA SURAKARTA TAHUN 2021",
                    summary_sheet=True, blank_row_in_data=True, totals=True, column_numbers=False,
                    extra_sheets: dict | None = None) -> bytes:  # fmt: skip
    headers = headers or HEADERS
    rows = agency_rows() if rows is None else rows
    workbook = Workbook()
    if summary_sheet:  # a summary sheet before the data sheet, as agency files often have
        summary = workbook.active
        summary.title = "Rekap"
        summary.append(["REKAP PER KECAMATAN"])
        summary.append(["Kecamatan", "Jumlah"])
        for name, n in [("Laweyan", 2), ("Pasar Kliwon", 3), ("Jebres", 2)]:
            summary.append([name, n])
        sheet = workbook.create_sheet("Data UMKM")
    else:
        sheet = workbook.active
        sheet.title = "Data UMKM"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(["Sumber: pendataan kelurahan"])
    sheet.append([])
    sheet.append(headers)
    if column_numbers:
        sheet.append([f"({i})" for i in range(1, len(headers) + 1)])
    first = sheet.max_row + 1
    for i, row in enumerate(rows):
        if blank_row_in_data and i == 5:
            sheet.append([])  # a stray empty row inside the data
        sheet.append(row)
    last = sheet.max_row
    if totals:
        money = headers.index("Omzet per Tahun") + 1 if "Omzet per Tahun" in headers else 11
        total_row = [""] * len(headers)
        total_row[1] = "JUMLAH"
        sheet.append(total_row)
        letter = get_column_letter(money)
        sheet.cell(row=sheet.max_row, column=money, value=f"=SUM({letter}{first}:{letter}{last})")
        sheet.append([])
        sheet.append(["", "", "", "", "", "", "", "", "", "", "Surakarta, 31 Desember 2021"])
        sheet.append(["", "", "", "", "", "", "", "", "", "", "Kepala Dinas"])
    for name, data in (extra_sheets or {}).items():
        extra = workbook.create_sheet(name)
        for row in data:
            extra.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
