"""The recovery definition (docs/reporting.md), overridable per deployment by
``settings.BINAUMKM["RECOVERY"]["THRESHOLD_PERCENT"]`` or ``BINAUMKM_RECOVERY_THRESHOLD_PERCENT``.

- ``BASELINE_YEAR``: the pre-pandemic year whose average monthly turnover is the business's baseline.
- ``MIN_BASELINE_MONTHS``: fewer reported months in that year → "tanpa data dasar" (counted apart).
- ``RECENT_MONTHS``: the window of months, ending at the month measured, whose reported months are
  averaged (missing months are left out of the average; no month reported → "tanpa laporan terbaru").
- ``THRESHOLD_PERCENT``: recovered when recent average ≥ this share of the baseline average.
- ``BANDS``: upper edges (rupiah per month) of the baseline turnover bands used to match comparable
  UMKM; band 0 is "no baseline", band 1 the lowest.
"""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    "BASELINE_YEAR": 2019,
    "MIN_BASELINE_MONTHS": 6,
    "RECENT_MONTHS": 3,
    "THRESHOLD_PERCENT": 90,
    "BANDS": [2_000_000, 5_000_000, 15_000_000, 50_000_000],
}

__getattr__ = app_settings("RECOVERY", DEFAULTS)
