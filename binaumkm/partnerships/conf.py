"""Tunables of the modern-store partnership module, read through ``core.conf.app_settings``: each
may be overridden by ``settings.BINAUMKM["PARTNERSHIPS"][NAME]`` or the environment variable
``BINAUMKM_PARTNERSHIPS_<NAME>`` (JSON for the dictionaries, ISO dates for the dates).

Rules that the local regulation leaves open (Perda Surakarta 5/2011: "at least five UMKM") or that
national rules set (Permendag 23/2021 listing-fee caps) are data here, not code.
"""

import datetime
from collections.abc import Callable
from typing import Any

from binaumkm.core.conf import app_settings

DEFAULTS: dict[str, Any] = {
    # --- Compliance (Perda Kota Surakarta 5/2011) -------------------------------------------------
    # Minimum number of active partnerships with distinct verified UMKM.
    "MIN_PARTNERS": 5,
    # Compliance history starts at a store's opening, but not before the rule (Perda 5/2011) applied.
    "HISTORY_START": datetime.date(2011, 1, 1),
    # Per store type, e.g. BINAUMKM_PARTNERSHIPS_MIN_PARTNERS_BY_TYPE='{"hypermarket": 10}'.
    "MIN_PARTNERS_BY_TYPE": {},
    # --- Trading terms (Permendag 23/2021): new-item listing fee cap per outlet, by store type ----
    "LISTING_FEE_CAPS": {"hypermarket": 150_000, "supermarket": 75_000, "minimarket": 50_000},
    # Since 5 June 2025 the city suspends permits for new modern stores (existing ones may renew).
    "NEW_PERMITS_SUSPENDED_SINCE": datetime.date(2025, 6, 5),
    # --- Warning letters ----------------------------------------------------------------------------
    # Placeholders: {seq} running number in the year, {year}, {month}, {month_roman}.
    "LETTER_NUMBER_PATTERN": "500.2/{seq:03d}/DKUKMP/{year}",
    "LETTER_DEADLINE_DAYS": 30,
    "LETTER_PLACE": "Surakarta",
    # The signer (title, name, rank, NIP) is the city's one signer of official documents:
    # settings.BINAUMKM["SIGNER_*"] (core/official.py); a letter is refused while it is missing.
    "LETTER_RULE": (
        "Peraturan Daerah Kota Surakarta Nomor 5 Tahun 2011 tentang Penataan dan Pembinaan Pusat "
        "Perbelanjaan dan Toko Modern"
    ),
    # --- Uploads ------------------------------------------------------------------------------------
    "AGREEMENT_MAX_BYTES": 5 * 1024 * 1024,
    # --- Dashboard ----------------------------------------------------------------------------------
    "CHART_MONTHS": 12,
    # --- Matchmaking --------------------------------------------------------------------------------
    # Which product categories suit which store type (registry.choices.ProductCategory values).
    "SUITED_CATEGORIES": {
        "minimarket": ["makanan", "minuman", "kecantikan", "rumah_tangga"],
        "supermarket": ["makanan", "minuman", "kecantikan", "rumah_tangga", "batik", "kerajinan"],
        "hypermarket": ["makanan", "minuman", "kecantikan", "rumah_tangga", "batik", "fesyen", "kerajinan"],
        "department_store": ["batik", "fesyen", "kerajinan", "kecantikan"],
        "perkulakan": ["makanan", "minuman", "rumah_tangga"],
    },
    # New stores one UMKM may be proposed to in one run, and the most partnerships it should hold.
    "MATCH_NEW_STORES_PER_UMKM": 2,
    "MATCH_MAX_PARTNERSHIPS_PER_UMKM": 6,
    # Shortlist per store, and pairs priced in per store and round: speed only (the result is the optimum
    # over every suitable UMKM whatever it is; see docs/partnerships.md).
    "MATCH_CANDIDATES_PER_STORE": 30,
    # Fit score points.
    "SCORE_CATEGORY": 30,
    "SCORE_PER_EXTRA_PRODUCT": 5,
    "SCORE_EXTRA_PRODUCTS_MAX": 2,
    "SCORE_HALAL": 15,
    "SCORE_SAME_KELURAHAN": 30,
    "SCORE_SAME_KECAMATAN": 15,
    "SCORE_ACTIVE": 10,
    # Fairness: cost per partnership the UMKM already holds (or is offered), and per new store in this run.
    "FAIRNESS_PENALTY": 12,
}

__getattr__ = app_settings("PARTNERSHIPS", DEFAULTS)


def min_partners_by_type() -> Callable[[str], int]:
    """``min_partners`` with the settings read once, for loops over many stores (each read of a
    setting looks it up again, which costs more than the loop's own work)."""
    by_type, default = __getattr__("MIN_PARTNERS_BY_TYPE"), __getattr__("MIN_PARTNERS")
    return lambda store_type: int(by_type.get(store_type, default))


def min_partners(store_type: str) -> int:
    """The required minimum for a store type (default ``MIN_PARTNERS``)."""
    return min_partners_by_type()(store_type)


def listing_fee_cap(store_type: str) -> int | None:
    """The Permendag 23/2021 cap per item for a store type, or None where none is set."""
    cap = __getattr__("LISTING_FEE_CAPS").get(store_type)
    return int(cap) if cap is not None else None
