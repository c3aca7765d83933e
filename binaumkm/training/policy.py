"""Who may see and do what in training (see ``core.policy``).

Agency roles hold the model permissions and reach every programme, batch and registration. An owner
holds ``training.register_own_business``: they register their own businesses and reach only those
businesses' registrations, offers and certificates (another owner's is a 404). The action "own" is
the owner's self-service view: only their own, even for a user who also works at the agency.

Open batches and certificate verification are public pages: their selectors need no grant.
"""

from __future__ import annotations

from django.db.models import Q

from binaumkm.accounts.models import User
from binaumkm.core import policy
from binaumkm.core.policy import Actor, Grant, ModelPolicy
from binaumkm.registry.models import Business
from binaumkm.registry.selectors import business_owned

from .models import Attendance, Batch, Certificate, Programme, Registration, Session

OWN = "training.register_own_business"
# Holders register any business (on an owner's behalf) and act on any registration.
ADD_REGISTRATION = "training.add_registration"


def _own(path: str) -> Grant:
    return Grant(OWN, where=lambda user: Q(**{path: user}))


POLICIES = [
    ModelPolicy(
        Programme,
        view=Grant("training.view_programme"),
        add=Grant("training.add_programme"),
        change=Grant("training.change_programme"),
        delete=Grant("training.delete_programme"),
    ),
    ModelPolicy(
        Batch,
        view=Grant("training.view_batch"),
        add=Grant("training.add_batch"),
        # Open, close, finish, and preview/publish the fair allocation.
        change=Grant("training.change_batch"),
        delete=Grant("training.delete_batch"),
    ),
    ModelPolicy(
        Session,
        view=Grant("training.view_session"),
        add=Grant("training.add_session"),
        delete=Grant("training.delete_session"),
    ),
    ModelPolicy(
        Registration,
        view=[Grant("training.view_registration"), _own("business__owner__user")],
        own=_own("business__owner__user"),
        add=[Grant(ADD_REGISTRATION), Grant(OWN)],  # which business: ``may_register``
        # Withdraw one's own; staff cancel any (also after the close, before the result).
        cancel=[Grant("training.change_registration"), _own("business__owner__user")],
        answer_offer=[Grant("training.change_registration"), _own("business__owner__user")],
        change=Grant("training.change_registration"),  # priority; staff powers when cancelling
        report=Grant("training.view_registration"),  # the coverage report and its export
    ),
    ModelPolicy(
        Attendance,
        view=Grant("training.view_attendance"),
        add=Grant("training.add_attendance"),
        delete=Grant("training.delete_attendance"),
    ),
    ModelPolicy(
        Certificate,
        view=[Grant("training.view_certificate"), _own("registration__business__owner__user")],
        own=_own("registration__business__owner__user"),
    ),
]


def may_register(user: Actor, business: Business) -> bool:
    """May the user register this business for a batch: holders of ``add_registration`` any
    business, owners their own (another owner's business is refused)."""
    if policy.holds(user, ADD_REGISTRATION):
        return True
    if not policy.holds(user, OWN) or not isinstance(user, User):
        return False
    if Business.owner.is_cached(business):  # the form's choices carry the owner: no query needed
        return business.owner.user_id == user.pk  # registry's "own" rule: owner__user is the user
    return business_owned(actor=user).filter(pk=business.pk).exists()
