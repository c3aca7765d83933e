"""The whole-site access test's vocabulary: the principals, the shared world and URL declarations.

Every URL pattern of the site is declared in exactly one place, its app's ``tests/access.py``::

    URLS = {
        "registry:business_detail": Url(STAFF, kwargs=lambda w: {"pk": w.business.pk}),
        "registry:business_verify": Url(STAFF_WRITE, kwargs=..., methods=("POST",)),
    }

with the outcome each principal must get. ``core/tests/test_site_access.py`` requests every declared
URL as every principal, with the objects of one party (the "owner", "store manager", "outlet
partner", "bank officer"), and fails on any difference, on any 500, on a refused POST that wrote anything, and on a
URL pattern that nobody declared. An app adds its objects to the world with ``build(world)`` in the
same module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

PRINCIPALS = (
    "anonymous",
    "owner",
    "other_owner",
    "store_manager",
    "other_store_manager",
    "outlet_partner",
    "other_outlet_partner",
    "mentor",
    "bank_officer",
    "other_bank_officer",
    "staff",
    "admin",
)

LOGIN = "login"  # redirected to the login page
OK = "ok"  # GET: 200; POST: handled (200 with the form, 302 after the write, or 400 on bad input)


def rule(*, default: Any = 403, anonymous: Any = LOGIN, **outcomes: Any) -> dict[str, Any]:
    """Outcome per principal: anonymous visitors go to the login page, anyone not named gets
    ``default`` (403: their role lacks the permission)."""
    unknown = set(outcomes) - set(PRINCIPALS)
    if unknown:
        raise ValueError(f"unknown principals {unknown}")
    return {p: outcomes.get(p, anonymous if p == "anonymous" else default) for p in PRINCIPALS}


# The access classes most URLs fall into.
PUBLIC = rule(default=OK, anonymous=OK)
SIGNED_IN = rule(default=OK)
STAFF = rule(staff=OK, admin=OK)
ADMIN = rule(admin=OK)
OWNER_LIST = rule(owner=OK, other_owner=OK)  # an owner's own list: every owner sees theirs
OWNER_OBJECT = rule(owner=OK, other_owner=404)  # one of "owner"'s records
STORE_LIST = rule(store_manager=OK, other_store_manager=OK)
STORE_OBJECT = rule(store_manager=OK, other_store_manager=404)
OUTLET_OBJECT = rule(outlet_partner=OK, other_outlet_partner=404)
BANK_LIST = rule(bank_officer=OK, other_bank_officer=OK)  # an officer's own list: every officer sees theirs
BANK_OBJECT = rule(bank_officer=OK, other_bank_officer=404)  # sent to "bank_officer"'s branch


@dataclass(frozen=True)
class Url:
    access: dict[str, Any]
    kwargs: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda world: {})
    methods: tuple[str, ...] = ("GET",)
    # POST data for principals who may act (refused principals post the same); built from the world.
    data: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda world: {})
    query: str = ""
    post_access: dict[str, Any] | None = None  # where POST answers differently from GET

    def expected(self, principal: str, method: str) -> Any:
        if method == "POST" and self.post_access is not None:
            return self.post_access[principal]
        return self.access[principal]
