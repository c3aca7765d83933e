"""Consignment tunables (see docs/consignment.md), read through ``core.conf.app_settings``: each may be
set in ``settings.BINAUMKM["CONSIGNMENT"]`` or the environment variable ``BINAUMKM_CONSIGNMENT_<NAME>``
(the names the environment variables always had)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # A batch is flagged when its expiry date is at most this many days away.
    "EXPIRY_DAYS": 7,
    # Stock with no sale for this many days counts as slow-moving in the aging report.
    "SLOW_DAYS": 30,
    # Commission proposed for new outlets, in basis points (2000 = 20 %).
    "COMMISSION_BP": 2000,
    # The largest quantity accepted in one delivery line, sale, return or adjustment.
    "MAX_QUANTITY": 100000,
    # The largest consignment (retail) price per unit, in rupiah.
    "MAX_PRICE": 100000000,
    # Sales upload (.xlsx) limits.
    "UPLOAD_MAX_BYTES": 2 * 1024 * 1024,
    "UPLOAD_MAX_ROWS": 2000,
}

__getattr__ = app_settings("CONSIGNMENT", DEFAULTS)
