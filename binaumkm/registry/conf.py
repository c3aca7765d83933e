"""Registry tunables: defaults here, overridable per deployment by ``BINAUMKM["REGISTRY"][NAME]`` or
the environment variable ``BINAUMKM_REGISTRY_<NAME>`` (see ``core.conf``)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # A claim code printed on a registration slip can be used this many days after it was issued.
    "CLAIM_CODE_DAYS": 30,
    # The link checker opens presences' shop links from the server: off by default, since an agency
    # server may have no internet (BINAUMKM_REGISTRY_PRESENCE_LINK_CHECK=true to switch it on).
    "PRESENCE_LINK_CHECK": False,
    "PRESENCE_LINK_TIMEOUT": 10,  # seconds per request
    "PRESENCE_LINK_INTERVAL": 2.0,  # seconds between two requests: a polite rate for the platforms
    "PRESENCE_LINK_BATCH": 300,  # links per run, the least recently checked first
    "PRESENCE_LINK_USER_AGENT": "BinaUMKM-linkcheck/1.0 (+dinas koperasi UMKM; pemeriksa tautan toko)",
    # A selling presence with no confirmed activity for this many months becomes dormant.
    "PRESENCE_DORMANT_MONTHS": 6,
}

__getattr__ = app_settings("REGISTRY", DEFAULTS)
