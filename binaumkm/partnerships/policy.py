"""Who may see and do what in modern-store partnerships (see ``core.policy``).

Agency roles hold the model permissions and reach every store, partnership, letter and matchmaking
run. A store manager holds ``partnerships.manage_own_store`` and reaches only the stores they manage
(``Store.managers``), their partnerships and warning letters. A UMKM owner holds
``partnerships.manage_own_partnership`` and reaches only the offers and partnerships of their own
businesses. Another party's object is a 404.

The actions "own" (the owner's pages) and "own_store" (the store portal) cover only the user's own
records, even for a user who also works at the agency; "answer" (the owner's side of an offer) and
"store_answer" (the store's side) are also open to staff, who record them on either party's behalf.
"""

from django.db.models import Q

from binaumkm.core.policy import Grant, ModelPolicy

from .models import MatchRun, Partnership, Store, WarningLetter

OWN_STORE = "partnerships.manage_own_store"
OWN_PARTNERSHIP = "partnerships.manage_own_partnership"


def _managed(path: str) -> Grant:
    """The objects of the stores the user manages."""
    return Grant(OWN_STORE, where=lambda user: Q(**{path: user}))


def _owned(path: str) -> Grant:
    """The objects of the businesses the user owns."""
    return Grant(OWN_PARTNERSHIP, where=lambda user: Q(**{path: user}))


POLICIES = [
    ModelPolicy(
        Store,
        view=[Grant("partnerships.view_store"), _managed("managers")],
        own_store=_managed("managers"),
        add=Grant("partnerships.add_store"),
        change=Grant("partnerships.change_store"),
        send_letter=Grant("partnerships.send_warning_letter"),
    ),
    ModelPolicy(
        Partnership,
        view=[
            Grant("partnerships.view_partnership"),
            _managed("store__managers"),
            _owned("business__owner__user"),
        ],
        own=_owned("business__owner__user"),
        own_store=_managed("store__managers"),
        add=Grant("partnerships.add_partnership"),
        change=Grant("partnerships.change_partnership"),
        answer=[Grant("partnerships.change_partnership"), _owned("business__owner__user")],
        store_answer=[Grant("partnerships.change_partnership"), _managed("store__managers")],
    ),
    ModelPolicy(
        WarningLetter,
        view=[Grant("partnerships.view_warningletter"), _managed("store__managers")],
        change=Grant("partnerships.change_warningletter"),
    ),
    ModelPolicy(
        MatchRun,
        view=Grant("partnerships.view_matchrun"),
        add=Grant("partnerships.add_matchrun"),
        # Turning a run's proposals into offers creates partnerships.
        offer=Grant("partnerships.add_partnership"),
    ),
]
