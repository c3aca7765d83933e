"""Writes of consignment (titip jual). Every function is atomic, checks the access policy
(``consignment.policy``) and records an audit entry. Split by subject; import them from here."""

from .expiry import expiry_flag, notify_alerts
from .ledger import (
    adjustment_record,
    delivery_create,
    return_record,
    sale_cancel,
    sale_price,
    sale_record,
    sales_record,
)
from .outlets import (
    agreement_create,
    agreement_item_save,
    agreement_update,
    outlet_create,
    outlet_partner_add,
    outlet_partner_remove,
    outlet_update,
)
from .settlement import (
    commission_for,
    period_bounds,
    settlement_create,
    settlement_line_pay,
    settlement_pay_all,
    settlement_void,
)
from .upload import sales_upload

__all__ = [
    "adjustment_record",
    "agreement_create",
    "agreement_item_save",
    "agreement_update",
    "commission_for",
    "delivery_create",
    "expiry_flag",
    "notify_alerts",
    "outlet_create",
    "outlet_partner_add",
    "outlet_partner_remove",
    "outlet_update",
    "period_bounds",
    "return_record",
    "sale_cancel",
    "sale_price",
    "sale_record",
    "sales_record",
    "sales_upload",
    "settlement_create",
    "settlement_line_pay",
    "settlement_pay_all",
    "settlement_void",
]
