"""Privacy tunables: defaults here, overridable per deployment by ``BINAUMKM["PRIVACY"][NAME]`` or the
environment variable ``BINAUMKM_PRIVACY_<NAME>`` (see ``core.conf``). The deadlines and periods are
the agency's reading of UU PDP 27/2022 and the archive rules: settings, not code."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # Pin the notice version owners must have agreed to (0: the newest version in effect).
    "NOTICE_VERSION": 0,
    # Hours staff have to answer a request, per kind (UU PDP art. 32-33: 3 x 24 hours).
    "DEADLINE_HOURS_ACCESS": 72,
    "DEADLINE_HOURS_CORRECTION": 72,
    "DEADLINE_HOURS_DELETION": 72,
    # Retention: days after a business closed (its owner having no other open business) before
    # `manage.py apply_retention` anonymises the owner.
    "RETENTION_DAYS_CLOSED_BUSINESS": 5 * 365,
    # Days after a data request was answered before its free text (the owner's message, the fields
    # named) is cleared; the request itself, its dates and outcome stay as proof it was answered.
    "RETENTION_DAYS_FINISHED_REQUESTS": 2 * 365,
    # Rows per page of the NIK access log and the request queue.
    "PAGE_SIZE": 50,
}

__getattr__ = app_settings("PRIVACY", DEFAULTS)
