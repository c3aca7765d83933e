"""Who may see and do what in financing (see ``core.policy``).

- Staff hold the model permissions and reach every record of the module.
- Owners hold ``financing.request_financing`` and reach the referrals and documents of their own
  businesses.
- Bank officers hold ``financing.handle_referral`` and reach only referrals sent to a branch they
  belong to (never drafts, never another branch's: a 404).
- Mentors hold ``financing.record_followup`` and reach the follow-ups assigned to them.
"""

from django.db.models import Q

from binaumkm.core.policy import Grant, ModelPolicy

from .models import (
    Branch,
    Document,
    FollowUp,
    NominationList,
    Provider,
    Referral,
    ReferralState,
    Scheme,
)

OWN = "financing.request_financing"
HANDLE = "financing.handle_referral"
REPORT = "financing.view_financing_report"


def own(path: str) -> Grant:
    return Grant(OWN, where=lambda user: Q(**{path: user}))


def sent_to_officer(user) -> Q:
    """Referrals sent to a branch the officer belongs to (a reversed sending hides it again)."""
    return Q(branch__officers=user, number__isnull=False) & ~Q(
        state__in=[ReferralState.DRAFT, ReferralState.READY]
    )


BANK = Grant(HANDLE, where=sent_to_officer)

POLICIES = [
    ModelPolicy(
        Provider,
        view=Grant("financing.view_provider"),
        add=Grant("financing.add_provider"),
        change=Grant("financing.change_provider"),
    ),
    ModelPolicy(
        Branch,
        view=Grant("financing.view_branch"),
        add=Grant("financing.add_branch"),
        change=Grant("financing.change_branch"),
    ),
    ModelPolicy(
        Scheme,
        view=Grant("financing.view_scheme"),
        add=Grant("financing.add_scheme"),
        change=Grant("financing.change_scheme"),
    ),
    ModelPolicy(
        Document,
        view=[Grant("financing.view_document"), own("business__owner__user")],
        own=own("business__owner__user"),
        add=[Grant("financing.add_document"), Grant(OWN)],
        verify=Grant("financing.verify_document"),
    ),
    ModelPolicy(
        Referral,
        view=[Grant("financing.view_referral"), own("business__owner__user"), BANK],
        own=own("business__owner__user"),
        bank=BANK,
        add=[Grant("financing.add_referral"), Grant(OWN)],
        submit=[Grant("financing.change_referral"), own("business__owner__user")],
        consent=own("business__owner__user"),
        send=Grant("financing.send_referral"),
        handle=BANK,
        close=[Grant("financing.change_referral"), BANK],
        withdraw=[Grant("financing.change_referral"), own("business__owner__user")],
        expire=Grant("financing.change_referral"),
        reverse=[Grant("financing.reverse_referral_step"), BANK],
        report=Grant(REPORT),
    ),
    ModelPolicy(
        FollowUp,
        view=[
            Grant("financing.view_followup"),
            Grant("financing.record_followup", where=lambda user: Q(assigned_to=user)),
        ],
        record=[
            Grant("financing.change_followup"),
            Grant("financing.record_followup", where=lambda user: Q(assigned_to=user)),
        ],
        assign=Grant("financing.change_followup"),
    ),
    ModelPolicy(
        NominationList,
        view=Grant("financing.view_nominationlist"),
        add=Grant("financing.add_nominationlist"),
        change=Grant("financing.change_nominationlist"),
    ),
]
