"""Financing facilitation: scheme catalogue, document files, referrals, follow-up, nominations."""

from .catalogue import Branch, Provider, ProviderKind, Scheme, SchemeKind
from .documents import Document, DocumentKind, DocumentState, document_path
from .followups import Collectability, FollowUp
from .nominations import Nomination, NominationList, NominationState, NominationTarget
from .referrals import (
    ACTIVE_STATES,
    BANK_STATES,
    OPEN_STATES,
    WAITING_FOR_BANK,
    Consent,
    Referral,
    ReferralState,
    ReferralStep,
    RejectionReason,
)

__all__ = [
    "ACTIVE_STATES", "BANK_STATES", "OPEN_STATES", "WAITING_FOR_BANK", "Branch", "Collectability", "Consent",
    "Document", "DocumentKind", "DocumentState", "FollowUp", "Nomination", "NominationList", "NominationState",
    "NominationTarget", "Provider", "ProviderKind", "Referral", "ReferralState", "ReferralStep", "RejectionReason",
    "Scheme", "SchemeKind", "document_path",
]  # fmt: skip
