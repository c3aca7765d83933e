"""Mentoring tunables: defaults here, overridable per deployment by ``BINAUMKM["MENTORING"][NAME]`` or
the environment variable ``BINAUMKM_MENTORING_<NAME>`` (see ``core.conf``)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # How long an owner's one-time confirmation link for a session stays valid.
    "CONFIRM_LINK_DAYS": 7,
    # The supervisor's default "no contact for N days" list.
    "NO_CONTACT_DAYS": 21,
    # A mentor at or above this share of their capacity is shown as nearly full; above 100 % as overloaded.
    "NEAR_FULL_PERCENT": 90,
    # Honorarium per confirmed hour of mentoring, in rupiah (the city's own rate: a setting).
    "HONORARIUM_PER_HOUR": 75_000,
    # Balancing: points of fit per matched need (at most three count), per known sector, for the
    # mentor's home kelurahan / a neighbouring one, for a previous mentor; the load cost of a mentor
    # at full capacity (it grows with each case, relative to capacity, so load spreads).
    "WEIGHT_TOPIC": 20,
    "WEIGHT_SECTOR": 15,
    "WEIGHT_SAME_KELURAHAN": 30,
    "WEIGHT_NEIGHBOUR": 20,
    "WEIGHT_CONTINUITY": 40,
    "WEIGHT_LOAD": 30,
    # Mentors each UMKM starts from in the solver (more are added when they could help).
    "BALANCE_SHORTLIST": 16,
    # Most UMKM one balancing run may take.
    "BALANCE_MAX_CASES": 20_000,
    # Outcomes: a comparable UMKM shares the sector and the kecamatan; turnover compared over this many months.
    "OUTCOME_MONTHS": 3,
}

__getattr__ = app_settings("MENTORING", DEFAULTS)
