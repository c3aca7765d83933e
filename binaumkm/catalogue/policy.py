"""Who may see and do what in the catalogue (see ``core.policy``).

- Staff hold ``curate_listing``: they see every listing and move it through curation.
- An owner holds ``list_own_products``: they reach only their own businesses' listings and consent
  (another owner's is a 404).

The public pages need no grant: their selectors (``selectors.public_*``) start from what is public —
approved listings of verified, open businesses whose owner consented.
"""

from django.db.models import Q

from binaumkm.core.policy import Grant, ModelPolicy

from .apps import CURATE, OWN
from .models import CatalogueConsent, Listing


def _own(path: str) -> Grant:
    return Grant(OWN, where=lambda user: Q(**{path: user}))


POLICIES = [
    ModelPolicy(
        Listing,
        view=[Grant("catalogue.view_listing"), _own("business__owner__user")],
        own=_own("business__owner__user"),
        curate=Grant(CURATE),
    ),
    ModelPolicy(
        CatalogueConsent,
        view=[Grant(CURATE), _own("business__owner__user")],
        own=_own("business__owner__user"),
    ),
]
