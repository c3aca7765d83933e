"""Training tunables: defaults here, overridable per deployment by ``BINAUMKM["TRAINING"][NAME]`` or
the environment variable ``BINAUMKM_TRAINING_<NAME>`` (see ``core.conf``). The site address for
links lives in core (``core.conf.site_url``)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # How long a waiting-list offer stays open before it passes to the next person.
    "OFFER_HOURS": 48,
    # Lottery weights by the business's recovery status (registry.Business.status): a weight of 2
    # makes an applicant twice as likely to be drawn ahead of an applicant of weight 1 in the same tier.
    "WEIGHT_AKTIF": 1.0,
    "WEIGHT_STAGNAN": 2.0,
    "WEIGHT_TUTUP": 1.0,
    # Default completion rule of a new batch: share of sessions attended to pass.
    "COMPLETION_PERCENT": 80,
    # Most short questions a batch may ask applicants.
    "MAX_QUESTIONS": 5,
}

__getattr__ = app_settings("TRAINING", DEFAULTS)


def lottery_weights() -> dict[str, float]:
    """{business status: lottery weight}."""
    return {
        "aktif": __getattr__("WEIGHT_AKTIF"),
        "stagnan": __getattr__("WEIGHT_STAGNAN"),
        "tutup": __getattr__("WEIGHT_TUTUP"),
    }
