"""Account tunables: defaults here, overridable per deployment by ``BINAUMKM["ACCOUNTS"][NAME]`` or
the environment variable ``BINAUMKM_ACCOUNTS_<NAME>`` (see ``core.conf``)."""

from binaumkm.core.conf import app_settings

DEFAULTS = {
    # Agency sessions end after this long without a request, and this long after signing in,
    # whatever happens; owners keep settings.SESSION_COOKIE_AGE (two weeks).
    "AGENCY_SESSION_IDLE_SECONDS": 30 * 60,
    "AGENCY_SESSION_MAX_SECONDS": 12 * 3600,
    # The last-request time is written at most this often, so that not every request saves the session.
    "SESSION_SEEN_RESOLUTION_SECONDS": 60,
    # Requests per hour: password reset links and self sign-ups, per e-mail/phone and per address
    # (a help desk where many owners sign up from one address needs the larger address budget).
    "RESET_PER_IDENTIFIER_HOUR": 3,
    "RESET_PER_ADDRESS_HOUR": 20,
    "SIGNUP_PER_IDENTIFIER_HOUR": 5,
    "SIGNUP_PER_ADDRESS_HOUR": 30,
}

__getattr__ = app_settings("ACCOUNTS", DEFAULTS)
