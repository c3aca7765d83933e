"""Tunables of financing, read through ``core.conf`` (``settings.BINAUMKM["FINANCING"]`` or the
environment variable ``BINAUMKM_FINANCING_<NAME>``; lists and dicts as JSON)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # Uploads: the largest document and the file types accepted (checked by their first bytes).
    "DOCUMENT_MAX_BYTES": 5 * 1024 * 1024,
    # Referral letters. Placeholders: {seq} running number in the year, {year}, {month_roman}.
    "LETTER_NUMBER_PATTERN": "500.3/{seq:03d}/RJK/{month_roman}/{year}",
    "LETTER_PLACE": "Surakarta",
    # Days after which an open referral that nobody moves expires, per state.
    "EXPIRY_DAYS": {"draf": 60, "siap": 30, "disetujui": 90},
    # A referral waiting for its bank longer than the scheme's service level is reminded again
    # after this many days.
    "REMINDER_REPEAT_DAYS": 7,
    # Follow-up after disbursement, in months.
    "FOLLOWUP_MONTHS": [3, 6, 12],
    # Reports: months of turnover compared before and after disbursement.
    "TURNOVER_WINDOW_MONTHS": 3,
    # Nomination exports: column layouts (header, field of ``financing.nominating.FIELDS``). The SIKP
    # template comes from the regional treasury office; change it here without a release.
    "NOMINATION_LAYOUTS": {
        "sikp": {
            "label": "SIKP – calon debitur KUR",
            "columns": [
                ["NIK", "nik"], ["NAMA", "full_name"], ["TGL_LAHIR", "birth_date"], ["JENIS_KELAMIN", "gender"],
                ["NO_HP", "phone"], ["NAMA_USAHA", "business_name"], ["NIB", "nib"], ["KBLI", "kbli_code"],
                ["ALAMAT_USAHA", "address"], ["KELURAHAN", "kelurahan"], ["KECAMATAN", "kecamatan"],
                ["KODE_WILAYAH", "kelurahan_code"], ["MULAI_USAHA", "year_founded"], ["TENAGA_KERJA", "employees"],
                ["OMZET_TAHUNAN", "annual_sales"],
            ],
        },
        "bpum": {
            "label": "Hibah – usulan penerima",
            "columns": [
                ["No", "row"], ["NIK", "nik"], ["Nama Lengkap", "full_name"], ["Jenis Kelamin", "gender"],
                ["No HP", "phone"], ["Nama Usaha", "business_name"], ["Bidang Usaha", "sector"],
                ["NIB/SKU", "nib_or_sku"], ["Alamat Usaha", "address"], ["Kelurahan", "kelurahan"],
                ["Kecamatan", "kecamatan"], ["Nilai Usulan (Rp)", "amount"],
            ],
        },
    },
}  # fmt: skip

__getattr__ = app_settings("FINANCING", DEFAULTS)
