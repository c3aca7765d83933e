"""Tunables of the open-data app (override with ``BINAUMKM["OPENDATA"]`` or ``BINAUMKM_OPENDATA_<NAME>``)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # A dataset with more rows than this has its files written by the task worker, not the request.
    "BACKGROUND_ROWS": 2000,
    # The licence of every dataset (CKAN's licence id and its title and URL).
    "LICENSE_ID": "cc-by",
    "LICENSE_TITLE": "Creative Commons Attribution 4.0 (CC-BY-4.0)",
    "LICENSE_URL": "https://creativecommons.org/licenses/by/4.0/",
}

__getattr__ = app_settings("OPENDATA", DEFAULTS)
