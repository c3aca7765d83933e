"""Access declarations of account pages (see ``core/tests/site_access.py``)."""

from binaumkm.core.tests.site_access import ADMIN, OK, PUBLIC, SIGNED_IN, STAFF, Url, rule

BOGUS_LINK = {"uidb64": "MQ", "token": "set-password"}

URLS = {
    "accounts:login": Url(rule(default=302, anonymous=OK)),  # signed-in users go home
    "accounts:logout": Url(rule(default=302, anonymous=302), methods=("POST",)),
    "accounts:password_change": Url(SIGNED_IN, methods=("GET", "POST")),
    "accounts:password_change_done": Url(SIGNED_IN),
    "accounts:password_reset": Url(PUBLIC, methods=("GET", "POST")),
    "accounts:password_reset_done": Url(PUBLIC),
    "accounts:password_reset_confirm": Url(PUBLIC, kwargs=lambda w: BOGUS_LINK),
    "accounts:password_reset_complete": Url(PUBLIC),
    "accounts:user_list": Url(ADMIN, methods=("GET", "POST")),
    # Without an enrolled authenticator there is no code to give: back to where they were going.
    "accounts:second_factor": Url(rule(default=302), methods=("GET", "POST")),
    "accounts:second_factor_setup": Url(STAFF, methods=("GET", "POST")),
    # Staff pass on links for partner accounts only: an agency account is a 404 to them.
    "accounts:user_invite": Url(
        rule(admin=OK, staff=404), kwargs=lambda w: {"pk": w.users["staff"].pk}, methods=("POST",)
    ),
    "accounts:role_list": Url(ADMIN),
    "accounts:role_edit": Url(ADMIN, kwargs=lambda w: {"role": "staf_dinas"}, methods=("GET", "POST")),
}
