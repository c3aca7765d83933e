"""Consignment tunables: defaults that environment variables may override (see docs/consignment.md)."""

import os

# A batch is flagged when its expiry date is at most this many days away.
EXPIRY_WARNING_DAYS = int(os.environ.get("BINAUMKM_CONSIGNMENT_EXPIRY_DAYS", "7"))
# Stock with no sale for this many days counts as slow-moving in the aging report.
SLOW_MOVING_DAYS = int(os.environ.get("BINAUMKM_CONSIGNMENT_SLOW_DAYS", "30"))
# Commission proposed for new outlets, in basis points (2000 = 20 %).
DEFAULT_COMMISSION_BP = int(os.environ.get("BINAUMKM_CONSIGNMENT_COMMISSION_BP", "2000"))
# The largest quantity accepted in one delivery line, sale, return or adjustment.
MAX_QUANTITY = int(os.environ.get("BINAUMKM_CONSIGNMENT_MAX_QUANTITY", "100000"))
# The largest consignment (retail) price per unit, in rupiah.
MAX_PRICE = int(os.environ.get("BINAUMKM_CONSIGNMENT_MAX_PRICE", "100000000"))
# Sales upload (.xlsx) limits.
UPLOAD_MAX_BYTES = int(os.environ.get("BINAUMKM_CONSIGNMENT_UPLOAD_MAX_BYTES", str(2 * 1024 * 1024)))
UPLOAD_MAX_ROWS = int(os.environ.get("BINAUMKM_CONSIGNMENT_UPLOAD_MAX_ROWS", "2000"))
