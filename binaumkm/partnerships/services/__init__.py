"""Writes of the partnership module. Every function is atomic, checks the access policy
(``partnerships.policy``) and records an audit entry. Split by subject; import them from here."""

from .letters import letter_create, letter_pdf, letter_set_status
from .matchmaking import match_run_create, offers_from_run
from .partnerships import (
    agreement_attach,
    check_partnership,
    check_terms,
    listing_fee_warning,
    offer_accept,
    offer_decline,
    partnership_activate,
    partnership_cancel,
    partnership_confirm,
    partnership_create,
    partnership_end,
    partnership_update,
    store_decline,
    validate_agreement,
)
from .stores import (
    STORE_FIELDS,
    store_create,
    store_manager_add,
    store_manager_remove,
    store_update,
    store_warnings,
)

__all__ = [
    "STORE_FIELDS",
    "agreement_attach",
    "check_partnership",
    "check_terms",
    "letter_create",
    "letter_pdf",
    "letter_set_status",
    "listing_fee_warning",
    "match_run_create",
    "offer_accept",
    "offer_decline",
    "offers_from_run",
    "partnership_activate",
    "partnership_cancel",
    "partnership_confirm",
    "partnership_create",
    "partnership_end",
    "partnership_update",
    "store_create",
    "store_decline",
    "store_manager_add",
    "store_manager_remove",
    "store_update",
    "store_warnings",
    "validate_agreement",
]
