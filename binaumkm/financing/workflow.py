"""The referral's states and the steps between them (after Apache Fineract's loan states and FHIR's
referral task states). Pure: which step leads from which states to which, and how long the bank
has kept a referral waiting."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from .models.referrals import OPEN_STATES, WAITING_FOR_BANK, ReferralState

S = ReferralState

# action: (states it may start from, the state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((S.DRAFT,), S.READY),
    "send": ((S.READY,), S.SENT),
    "receive": ((S.SENT,), S.RECEIVED),
    "review": ((S.RECEIVED,), S.REVIEW),
    "reject": ((S.RECEIVED, S.REVIEW), S.REJECTED),
    "approve": ((S.REVIEW,), S.APPROVED),
    "disburse": ((S.APPROVED,), S.DISBURSED),
    "close": ((S.DISBURSED,), S.CLOSED),
    "withdraw": (OPEN_STATES, S.WITHDRAWN),
    "expire": (OPEN_STATES, S.EXPIRED),
}


def next_state(action: str, state: str) -> str | None:
    """The state ``action`` leads to from ``state``, or None when it cannot be taken there."""
    sources, target = TRANSITIONS[action]
    return target if state in sources else None


def refusal(action: str, state: str) -> str:
    """Why ``action`` cannot be taken in ``state``, in plain words."""
    label = S(state).label if state in S.values else state
    if state == S.DISBURSED and action == "disburse":
        return _("Rujukan ini sudah dicairkan; pencairan tidak dicatat dua kali.")
    return _("Langkah ini tidak bisa dilakukan pada rujukan berstatus “%(state)s”.") % {"state": label}


def actions_from(state: str) -> list[str]:
    return [action for action, (sources, _target) in TRANSITIONS.items() if state in sources]


def days_waiting(since: datetime.datetime, now: datetime.datetime) -> int:
    return max((now - since).days, 0)


def is_overdue(state: str, since: datetime.datetime, now: datetime.datetime, service_level_days: int) -> bool:
    """Waiting for the bank longer than the scheme's service level."""
    return state in WAITING_FOR_BANK and days_waiting(since, now) > service_level_days
