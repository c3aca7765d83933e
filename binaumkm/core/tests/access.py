"""Access declarations of the site-wide URLs (see ``core/tests/site_access.py``)."""

from binaumkm.core.tests.site_access import OK, PUBLIC, Url, rule

URLS = {
    # Visitors see the start page; signed-in users are sent to their role's home (a mentor has none yet).
    "home": Url(rule(default=302, anonymous=OK, mentor=OK)),
    "healthz": Url(PUBLIC),
    "web_manifest": Url(PUBLIC),
    "set_language": Url(
        rule(default=302, anonymous=302), methods=("POST",), data=lambda w: {"language": "en"}
    ),
}
