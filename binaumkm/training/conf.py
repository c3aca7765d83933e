"""Training tunables. Defaults here; environment variables may override them per deployment."""

import os


def _float(name: str, default: str) -> float:
    return float(os.environ.get(name, default))


# How long a waiting-list offer stays open before it passes to the next person.
OFFER_HOURS = int(os.environ.get("BINAUMKM_TRAINING_OFFER_HOURS", "48"))

# Lottery weights by the business's recovery status (registry.Business.status): a weight of 2 makes
# an applicant twice as likely to be drawn ahead of an applicant of weight 1 in the same tier.
LOTTERY_WEIGHTS = {
    "aktif": _float("BINAUMKM_TRAINING_WEIGHT_AKTIF", "1"),
    "stagnan": _float("BINAUMKM_TRAINING_WEIGHT_STAGNAN", "2"),
    "tutup": _float("BINAUMKM_TRAINING_WEIGHT_TUTUP", "1"),
}

# Default completion rule of a new batch: share of sessions attended to pass.
COMPLETION_PERCENT = int(os.environ.get("BINAUMKM_TRAINING_COMPLETION_PERCENT", "80"))

# Most short questions a batch may ask applicants.
MAX_QUESTIONS = 5

# Address of this system as owners reach it, for links in e-mails and on certificates made outside a
# request (inside a request the request's own host is used).
SITE_URL = os.environ.get("BINAUMKM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
