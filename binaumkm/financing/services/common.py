"""Shared by financing's services: reaching a business, and the audit-friendly snapshot of a referral."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from binaumkm.accounts.models import User
from binaumkm.core import policy
from binaumkm.registry.models import Business

from ..policy import OWN


def require_business(actor: User | None, business: Business, *, staff_permission: str) -> None:
    """Staff holding ``staff_permission`` act on any business they may see; an owner only on their
    own (``registry`` decides what is theirs)."""
    if policy.holds(actor, staff_permission) and policy.can(actor, "view", business):
        return
    if policy.holds(actor, OWN) and policy.can(actor, "own", business):
        return
    raise PermissionDenied


def is_staff_for(actor: User | None, permission: str) -> bool:
    return policy.holds(actor, permission)
