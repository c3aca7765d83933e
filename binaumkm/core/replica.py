"""Reads that may come from a PostgreSQL streaming read replica (``DATABASE_REPLICA_URL``).

Nothing goes to the replica by chance: only the read-only selectors that declare it — reports,
dashboards, open data, exports — wrap their querysets in ``on_replica``. Everything else, and every
write, stays on the primary (``ReplicaRouter``). A replica lags the primary by a moment, so a
session that has just written (a POST, PUT, PATCH or DELETE) reads from the primary for
``REPLICA_PIN_SECONDS`` after it (``ReadYourWritesMiddleware``): nobody sees their own change
missing. Without a replica configured every function here leaves the queryset as it is.
"""

from __future__ import annotations

import time
from contextvars import ContextVar
from typing import TypeVar

from django.conf import settings
from django.db.models import QuerySet

REPLICA = "replica"
PIN_COOKIE = "binaumkm_primary"
_pinned: ContextVar[bool] = ContextVar("binaumkm_primary_pinned", default=False)
Q = TypeVar("Q", bound=QuerySet)


def replica_alias() -> str:
    """Where a declared read-only read goes now: the replica, unless there is none or this
    request's session wrote a moment ago."""
    if REPLICA in settings.DATABASES and not _pinned.get():
        return REPLICA
    return "default"


def on_replica(queryset: Q) -> Q:
    """The declaration a read-only selector makes: this queryset may be read from the replica."""
    alias = replica_alias()
    return queryset if alias == "default" else queryset.using(alias)


def pin_seconds() -> int:
    return int(getattr(settings, "REPLICA_PIN_SECONDS", 10))


class ReadYourWritesMiddleware:
    """Reads of a session go to the primary during and for a while after its writes (a signed
    cookie holds until when), longer than the replica's lag."""

    WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if REPLICA not in settings.DATABASES:
            return self.get_response(request)
        until = request.get_signed_cookie(PIN_COOKIE, default="0", salt=PIN_COOKIE)
        writes = request.method in self.WRITES
        pinned = writes or float(until or 0) > time.time()
        token = _pinned.set(pinned)
        try:
            response = self.get_response(request)
        finally:
            _pinned.reset(token)
        if writes:
            response.set_signed_cookie(PIN_COOKIE, str(time.time() + pin_seconds()), salt=PIN_COOKIE,
                                       max_age=pin_seconds(), httponly=True, samesite="Lax",
                                       secure=request.is_secure())  # fmt: skip
        return response


class ReplicaRouter:
    """Writes, migrations and every undeclared read use the primary ("default"); the replica only
    serves what ``on_replica`` sent it, and holds the same tables."""

    def db_for_read(self, model, **hints):
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"
