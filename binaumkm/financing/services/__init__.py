"""Every write of financing: ``noun_verb(*, actor, ...)``, atomic, checked against the policy, audited."""

from .catalogue import branch_officer_add, branch_officer_remove, branch_save, provider_save, scheme_save
from .daily import referrals_expire, referrals_remind
from .decisions import (
    referral_approve,
    referral_disburse,
    referral_receive,
    referral_reject,
    referral_reverse,
    referral_review,
)
from .documents import check_upload, document_open, document_reject, document_upload, document_verify
from .followups import followup_assign, followup_record
from .nominations import (
    Export,
    layouts,
    nomination_list_create,
    nomination_list_export,
    nomination_remove,
    nominations_add,
)
from .referrals import (
    consent_text,
    referral_bundle_logged,
    referral_close,
    referral_consent,
    referral_create,
    referral_expire,
    referral_send,
    referral_submit,
    referral_withdraw,
)

__all__ = [
    "Export", "branch_officer_add", "branch_officer_remove", "branch_save", "check_upload",
    "consent_text", "document_open", "document_reject", "document_upload", "document_verify", "followup_assign",
    "followup_record", "layouts", "nomination_list_create", "nomination_list_export", "nomination_remove",
    "nominations_add", "provider_save", "referral_approve", "referral_bundle_logged", "referral_close",
    "referral_consent", "referral_create", "referral_disburse", "referral_expire", "referral_receive",
    "referral_reject", "referral_reverse", "referral_review", "referral_send", "referral_submit",
    "referral_withdraw", "referrals_expire", "referrals_remind", "scheme_save",
]  # fmt: skip
