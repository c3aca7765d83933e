"""Results kept until the data they come from changes.

Every change a user makes goes through a service that writes an audit entry in the same
transaction (``core.audit``), so the newest audit entry's id is a version of all the data: a result
gathered from several modules (an owner's to-do list, a popular search) is kept in the cache under
that version and computed again as soon as anything changes — a user sees their own change on the
next page, and so does everyone else. Two reads cost what keeping it saves: the version (one lookup
at the end of the audit table's primary key) and the cache.

What no audit entry marks shows within ``ttl`` seconds instead: writes that are not audited (a
worker's sweep of expired offers), the passing of time (a deadline that passes), and on PostgreSQL
the rare pair of transactions that commit out of the order of their entries' ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextvars import ContextVar
from functools import cached_property
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connections, router
from django.db.models import QuerySet
from django.utils.functional import SimpleLazyObject

from .models import AuditEntry
from .pagination import COUNT_CAP, rows_by_ids

T = TypeVar("T")
_MISSING = object()
# How late what no audit entry marks may show (an unaudited write, a deadline passing): the default
# time to live of every kept result.
KEEP_SECONDS = 60
_NO_FILTER: tuple[Any, ...] = (None, "", [], ())


# Within a request (``RequestScopeMiddleware``) the version is read once and shared by every kept
# result of the page; an audit entry written meanwhile drops it (``changed``), so a request that
# writes and then reads still sees its own change.
_scope: ContextVar[dict | None] = ContextVar("binaumkm_freshness_scope", default=None)


def data_version() -> int:
    """The newest audit entry's id (0 before any), read where the data itself is read."""
    scope = _scope.get()
    if scope is not None and "version" in scope:
        return scope["version"]
    table = connections[router.db_for_read(AuditEntry)]
    with table.cursor() as cursor:
        cursor.execute(f"SELECT MAX(id) FROM {AuditEntry._meta.db_table}")  # noqa: S608 - our table
        (newest,) = cursor.fetchone()
    if scope is not None:
        scope["version"] = newest or 0
    return newest or 0


def changed() -> None:
    """An audit entry was written (``core.audit``): the request's next read of the version asks again."""
    scope = _scope.get()
    if scope is not None:
        scope.pop("version", None)


class RequestScopeMiddleware:
    """One read of the data version per request, shared by the page's kept results."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _scope.set({})
        try:
            return self.get_response(request)
        finally:
            _scope.reset(token)


def digest(values: dict[str, Any]) -> str:
    """A short stable name for a set of filters (model instances by their primary key). Only the
    values that filter nothing are left out: 0 and False name a filter (a price up to Rp0)."""
    described = sorted(
        (name, str(getattr(value, "pk", value))) for name, value in values.items() if value not in _NO_FILTER
    )
    return hashlib.sha256(repr(described).encode()).hexdigest()[:32]


def remember(key: str, compute: Callable[[], T], *, ttl: int = KEEP_SECONDS, version: int | None = None) -> T:
    """``compute()``, kept under ``key`` until the data changes or ``ttl`` seconds pass. The key
    names everything else the result depends on (the user, the language, the day)."""
    versioned = f"fresh:{key}:{data_version() if version is None else version}"
    found = cache.get(versioned, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    cache.set(versioned, value, ttl)
    return value


class Remembered:
    """Results as a Paginator takes them (``count``, slices), each part kept by ``remember`` under
    ``key`` with one version read: a popular search is ranked once per change of the data, not once
    per visitor. ``results`` makes the queryset (or ranked search); a page's rows are kept whole,
    with their related rows."""

    ordered = True

    def __init__(
        self, results: Callable[[], Any], key: str, *, ttl: int = KEEP_SECONDS, version: int | None = None
    ):
        self._results, self.key, self.ttl = results, key, ttl
        self.version = data_version() if version is None else version

    @cached_property
    def results(self):
        """The queryset or ranked search, built only when something kept has to be computed."""
        return self._results()

    def count(self) -> int:
        return remember(f"{self.key}:count", self._count, ttl=self.ttl, version=self.version)

    def _count(self) -> int:
        if isinstance(self.results, QuerySet):  # as CappedPaginator counts a list: up to the cap
            return self.results[: COUNT_CAP + 1].count()
        return self.results.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        # Read only when the page is drawn: a page whose drawing is kept too (``{% cache %}`` with
        # ``key`` and ``version``) never loads its rows.
        return SimpleLazyObject(
            lambda: remember(
                f"{self.key}:{index.start}:{index.stop}",
                lambda: self._rows(index),
                ttl=self.ttl,
                version=self.version,
            )
        )

    def _rows(self, index: slice) -> list:
        if not isinstance(self.results, QuerySet):
            return list(self.results[index])
        # As core.pagination.paginate_by_ids: the page's ids from the index, then those rows.
        return rows_by_ids(self.results, list(self.results.values_list("pk", flat=True)[index]))

    def __iter__(self):
        return iter(self[:])
