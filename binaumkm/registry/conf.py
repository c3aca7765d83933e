"""Registry tunables: defaults here, overridable per deployment by ``BINAUMKM["REGISTRY"][NAME]`` or
the environment variable ``BINAUMKM_REGISTRY_<NAME>`` (see ``core.conf``)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # A claim code printed on a registration slip can be used this many days after it was issued.
    "CLAIM_CODE_DAYS": 30,
}

__getattr__ = app_settings("REGISTRY", DEFAULTS)
