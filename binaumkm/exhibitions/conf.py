"""Exhibition tunables: defaults here, overridable per deployment by ``BINAUMKM["EXHIBITIONS"][NAME]``
or the environment variable ``BINAUMKM_EXHIBITIONS_<NAME>`` (see ``core.conf``)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # How long a booth offer stays open before the booth passes to the next on the waiting list;
    # shorter once the exhibition is running (a no-show's booth must be filled the same day).
    "OFFER_HOURS": 48,
    "OFFER_HOURS_DURING_EVENT": 4,
    # Default share of the booths reserved per kecamatan (in proportion to its eligible binaan UMKM)
    # and per target sector (split evenly), for a new exhibition; each exhibition may change them.
    "KECAMATAN_QUOTA_PERCENT": 50,
    "SECTOR_QUOTA_PERCENT": 30,
    # Rotation: applicants who exhibited in the last N months come after everyone else (0: off).
    "ROTATION_MONTHS": 12,
    # The curation panel's criteria of a new exhibition: [name, weight 1..10] (Solo's UKM Expo 2019).
    "DEFAULT_CRITERIA": [["Kapasitas produksi", 3], ["Pengelolaan limbah", 2], ["Pengetahuan produk", 2]],
    # Uploads: receipts of the budget realisation (PDF, JPEG, PNG) and photos (JPEG, PNG).
    "EVIDENCE_MAX_BYTES": 5 * 1024 * 1024,
    "PHOTO_MAX_BYTES": 5 * 1024 * 1024,
    # A realisation above plan needs a written reason of at least this many characters.
    "OVERRIDE_REASON_MIN": 10,
    # Most products one application may list.
    "MAX_PRODUCTS": 10,
    # Most documentation photos printed in the accountability report.
    "REPORT_PHOTOS": 8,
}

__getattr__ = app_settings("EXHIBITIONS", DEFAULTS)
