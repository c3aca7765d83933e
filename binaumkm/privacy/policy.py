"""Who may see and do what with privacy records (see ``core.policy``).

An owner (``registry.manage_own_business``) reaches only their own consents and requests. Staff hold
``privacy.view_datarequest`` / ``privacy.process_datarequest`` for the request queue and
``privacy.add_consent`` to enter a paper consent; admins alone hold ``privacy.view_personal_data_log``
(who saw whose NIK) and ``privacy.add_privacynotice`` (publish a new version).
"""

from django.db.models import Q

from binaumkm.core.policy import Grant, ModelPolicy
from binaumkm.registry.policy import OWN

from .models import Consent, DataRequest, PrivacyNotice

PROCESS = "privacy.process_datarequest"
ACCESS_LOG = "privacy.view_personal_data_log"


def _own(path: str) -> Grant:
    return Grant(OWN, where=lambda user: Q(**{path: user}))


POLICIES = [
    ModelPolicy(PrivacyNotice, add=Grant("privacy.add_privacynotice")),
    ModelPolicy(Consent, add=Grant("privacy.add_consent"), own=_own("owner__user")),
    ModelPolicy(
        DataRequest,
        view=[Grant("privacy.view_datarequest"), _own("owner__user")],
        own=_own("owner__user"),
        add=Grant(OWN),
        process=Grant(PROCESS),
    ),
]
