"""Who may see and do what in consignment (titip jual; see ``core.policy``).

Agency roles hold the model permissions and reach every outlet. An outlet partner holds
``consignment.manage_own_outlet`` and reaches only the outlets linked to their account
(``Outlet.partners``) and what lies at them: stock, ledger, sales, settlements. An owner holds
``consignment.view_own_consignment`` and reaches the stock, sales, delivery notes and settlement
lines of their own businesses. The action "own" is the self-service view: only the actor's own
outlets (partners) or goods (owners), even for a user who also works at the agency.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from binaumkm.accounts.models import User
from binaumkm.core.policy import Grant, ModelPolicy

from .models import (
    Agreement,
    AgreementProduct,
    Batch,
    Delivery,
    ExpiryAlert,
    Outlet,
    Sale,
    Settlement,
    SettlementLine,
    StockBalance,
    StockEntry,
)

OWN_OUTLET = "consignment.manage_own_outlet"
OWN_GOODS = "consignment.view_own_consignment"

VIEW_OUTLET = "consignment.view_outlet"
SELL = "consignment.add_sale"
RECORD_RETURN = "consignment.add_stockentry"
ADJUST = "consignment.adjust_stock"
VIEW_SETTLEMENT = "consignment.view_settlement"


def _where(path: str) -> Callable[[User], Q]:
    return lambda user: Q(**{path: user})


def _partner(path: str) -> Grant:
    """The outlets linked to the partner's account, reached through ``path``."""
    return Grant(OWN_OUTLET, where=_where(path))


def _owner(path: str) -> Grant:
    """The owner's own businesses, reached through ``path``."""
    return Grant(OWN_GOODS, where=_where(path))


POLICIES = [
    ModelPolicy(
        Outlet,
        view=[Grant(VIEW_OUTLET), _partner("partners")],
        own=_partner("partners"),
        add=Grant("consignment.add_outlet"),
        change=Grant("consignment.change_outlet"),  # also: link and unlink partner accounts
        sell=[Grant(SELL), _partner("partners")],  # record, upload and cancel sales
        # The outlet's buttons; services check the batch itself (below).
        record_return=[Grant(RECORD_RETURN), _partner("partners")],
        adjust=Grant(ADJUST),
        settle=Grant("consignment.add_settlement"),
    ),
    ModelPolicy(
        Agreement,
        view=Grant("consignment.view_agreement"),
        add=Grant("consignment.add_agreement"),
        change=Grant("consignment.change_agreement"),
        deliver=Grant("consignment.add_delivery"),
    ),
    ModelPolicy(
        AgreementProduct,
        view=Grant("consignment.view_agreement"),
        change=Grant("consignment.change_agreement"),
    ),
    ModelPolicy(
        Delivery,
        view=[
            Grant("consignment.view_delivery"),
            _partner("outlet__partners"),
            _owner("business__owner__user"),
        ],
        add=Grant("consignment.add_delivery"),
    ),
    ModelPolicy(
        Batch,
        view=[Grant(VIEW_OUTLET), _partner("outlet__partners")],
        record_return=[Grant(RECORD_RETURN), _partner("outlet__partners")],
        adjust=Grant(ADJUST),
    ),
    ModelPolicy(
        StockBalance,
        view=[Grant(VIEW_OUTLET), _partner("outlet__partners"), _owner("business__owner__user")],
        own=_owner("business__owner__user"),
    ),
    ModelPolicy(StockEntry, view=[Grant(VIEW_OUTLET), _partner("outlet__partners")]),
    ModelPolicy(ExpiryAlert, view=[Grant(VIEW_OUTLET), _partner("outlet__partners")]),
    ModelPolicy(
        Sale,
        view=[Grant("consignment.view_sale"), _partner("outlet__partners"), _owner("business__owner__user")],
        own=_owner("business__owner__user"),
        cancel=[Grant(SELL), _partner("outlet__partners")],
    ),
    ModelPolicy(
        Settlement,
        view=[Grant(VIEW_SETTLEMENT), _partner("outlet__partners")],
        change=Grant("consignment.change_settlement"),  # record payments, void
    ),
    ModelPolicy(
        SettlementLine,
        view=[
            Grant(VIEW_SETTLEMENT),
            _partner("settlement__outlet__partners"),
            _owner("business__owner__user"),
        ],
        own=_owner("business__owner__user"),
        pay=Grant("consignment.change_settlement"),
    ),
]
