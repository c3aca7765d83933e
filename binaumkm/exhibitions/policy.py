"""Who may see and do what in exhibitions (see ``core.policy``).

- Agency staff hold the model permissions and reach every exhibition; the budget override
  (``override_budget``) is the admin's by default.
- A curator holds ``curate_exhibition`` and reaches only the exhibitions whose panel they are on
  (``Curator`` rows): those exhibitions, their applications and their own reviews.
- An owner holds ``apply_own_business``: they apply with their own businesses and reach only those
  applications, booths, check-ins and sales reports (another owner's is a 404). The action "own" is
  the owner's self-service view, even for a user who also works at the agency.

Exhibitions with an open call and their public pages need no grant (their selectors are public).
"""

from __future__ import annotations

from django.db.models import Q

from binaumkm.accounts.models import User
from binaumkm.core import policy
from binaumkm.core.policy import Actor, Grant, ModelPolicy
from binaumkm.registry.models import Business
from binaumkm.registry.selectors import business_owned

from .apps import CURATE, OWN
from .models import (
    Application,
    Assignment,
    Booth,
    BoothCategory,
    BudgetLine,
    BudgetRealisation,
    CheckIn,
    CurationCriterion,
    CurationReview,
    Curator,
    Exhibition,
    ExhibitionPhoto,
    SalesReport,
    Venue,
)

OVERRIDE_BUDGET = "exhibitions.override_budget"


def _own(path: str) -> Grant:
    return Grant(OWN, where=lambda user: Q(**{path: user}))


def _on_panel(path: str) -> Grant:
    """Curators: only the exhibitions whose panel they sit on."""
    return Grant(CURATE, where=lambda user: Q(**{f"{path}curators__user": user}))


def _staff(model: str, **extra: Grant | list[Grant]) -> dict:
    return {
        "view": Grant(f"exhibitions.view_{model}"),
        "add": Grant(f"exhibitions.add_{model}"),
        "change": Grant(f"exhibitions.change_{model}"),
        **extra,
    }


POLICIES = [
    ModelPolicy(
        Exhibition,
        view=[Grant("exhibitions.view_exhibition"), _on_panel("")],
        add=Grant("exhibitions.add_exhibition"),
        # Edit, move through the states, preview and publish the allocation, close, report.
        change=Grant("exhibitions.change_exhibition"),
        delete=Grant("exhibitions.delete_exhibition"),
        curate=_on_panel(""),
        report=Grant("exhibitions.view_exhibition"),  # the report, its PDF and .xlsx
    ),
    ModelPolicy(Venue, **_staff("venue")),
    ModelPolicy(BoothCategory, **_staff("boothcategory")),
    ModelPolicy(
        Booth,
        **_staff("booth"),
        # The exhibitor the booth is assigned to (scanning its QR code checks them in).
        check_in=Grant(
            OWN,
            where=lambda user: Q(
                assignments__application__business__owner__user=user, assignments__state="ditetapkan"
            ),
        ),
    ),
    ModelPolicy(Curator, **_staff("curator"), delete=Grant("exhibitions.delete_curator")),
    ModelPolicy(
        CurationCriterion, **_staff("curationcriterion"), delete=Grant("exhibitions.delete_curationcriterion")
    ),
    ModelPolicy(
        ExhibitionPhoto, **_staff("exhibitionphoto"), delete=Grant("exhibitions.delete_exhibitionphoto")
    ),
    ModelPolicy(BudgetLine, **_staff("budgetline"), override=Grant(OVERRIDE_BUDGET)),
    ModelPolicy(BudgetRealisation, **_staff("budgetrealisation")),
    ModelPolicy(
        Application,
        view=[
            Grant("exhibitions.view_application"),
            _own("business__owner__user"),
            _on_panel("exhibition__"),
        ],
        own=_own("business__owner__user"),
        add=[Grant("exhibitions.add_application"), Grant(OWN)],  # which business: ``may_apply``
        withdraw=[Grant("exhibitions.change_application"), _own("business__owner__user")],
        answer_offer=[Grant("exhibitions.change_application"), _own("business__owner__user")],
        change=Grant("exhibitions.change_application"),  # re-check, extra booth, no-show
        curate=_on_panel("exhibition__"),
    ),
    ModelPolicy(
        Assignment,
        view=[Grant("exhibitions.view_assignment"), _own("application__business__owner__user")],
        own=_own("application__business__owner__user"),
        change=Grant("exhibitions.change_assignment"),  # no-show, staff check-in
        report_sales=_own("application__business__owner__user"),
    ),
    ModelPolicy(
        CheckIn,
        view=[Grant("exhibitions.view_checkin"), _own("assignment__application__business__owner__user")],
        add=[Grant("exhibitions.add_checkin"), Grant(OWN)],
    ),
    ModelPolicy(
        SalesReport,
        view=[Grant("exhibitions.view_salesreport"), _own("assignment__application__business__owner__user")],
        own=_own("assignment__application__business__owner__user"),
    ),
    ModelPolicy(
        CurationReview,
        view=[Grant("exhibitions.view_curationreview"), Grant(CURATE, where=lambda user: Q(curator=user))],
    ),
]


def may_apply(user: Actor, business: Business) -> bool:
    """May the user apply with this business: holders of ``add_application`` any business, owners
    their own (another owner's business is refused)."""
    if policy.holds(user, "exhibitions.add_application"):
        return True
    if not policy.holds(user, OWN) or not isinstance(user, User):
        return False
    return business_owned(actor=user).filter(pk=business.pk).exists()


def is_curator(user: Actor, exhibition: Exhibition) -> bool:
    return policy.can(user, "curate", exhibition)
