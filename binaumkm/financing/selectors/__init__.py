"""Every read of financing, each starting from what the actor may see (``financing.policy``)."""

from .catalogue import (
    branch_get,
    branch_officer,
    branches_for_referral,
    provider_get,
    provider_list,
    scheme_get,
    scheme_list,
    scheme_public_get,
    scheme_public_list,
)
from .documents import business_documents, document_get, documents_by_id
from .followups import followup_assignees, followup_get, followup_list
from .nominations import (
    active_kur,
    nominated_elsewhere,
    nomination_get,
    nomination_list_get,
    nomination_lists,
    nomination_rows,
    nominations_of,
)
from .personal import personal_data_for
from .precheck import (
    applicants,
    assessment_for,
    business_precheck,
    city_context,
    evidence,
    group_statuses,
    precheck_page,
    referral_checklist,
    schemes_active,
    status_counts,
    terms_of,
)
from .referrals import (
    bank_referrals,
    business_timeline,
    businesses_referred,
    businesses_with_disbursement,
    live_consent,
    overdue_q,
    referral_board,
    referral_get,
    referral_steps,
    referrals_of_business,
    referrals_owned,
    todo_items,
    with_waiting,
)
from .reports import decision_days, funnel, rejection_reasons, turnover_comparison

__all__ = [
    "active_kur", "applicants", "assessment_for", "bank_referrals", "branch_get", "branch_officer", "branches_for_referral",
    "business_documents", "business_precheck", "business_timeline", "businesses_referred",
    "businesses_with_disbursement", "city_context", "decision_days", "document_get", "documents_by_id", "evidence",
    "followup_assignees", "followup_get", "followup_list", "funnel", "group_statuses", "live_consent",
    "nominated_elsewhere", "nomination_get", "nomination_list_get", "nomination_lists", "nomination_rows", "nominations_of",
    "overdue_q", "personal_data_for", "precheck_page", "referral_checklist", "provider_get", "provider_list", "referral_board", "referral_get", "referral_steps",
    "referrals_of_business", "referrals_owned", "rejection_reasons", "scheme_get", "scheme_list",
    "scheme_public_get", "scheme_public_list", "schemes_active", "status_counts", "terms_of", "todo_items",
    "turnover_comparison", "with_waiting",
]  # fmt: skip
