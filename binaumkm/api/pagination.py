"""Cursor pagination: stable order by primary key, an opaque cursor naming the last row seen, so a
page is one indexed range scan however deep the caller goes (no OFFSET) and rows added meanwhile
neither repeat nor vanish."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from . import conf


def encode(last_pk: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"after": last_pk}).encode()).decode().rstrip("=")


def decode(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        after = json.loads(raw)["after"]
    except (binascii.Error, ValueError, TypeError, KeyError, UnicodeDecodeError):
        after = None
    if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after < 2**63:
        raise HttpError(400, _("Kursor tidak sah: pakai nilai 'next' dari halaman sebelumnya."))
    return after


def page(qs: QuerySet, *, cursor: str | None, limit: int | None) -> tuple[list[Any], str | None]:
    """One page of ``qs`` (models, or ``values()`` dicts with "id") ordered by pk after ``cursor``:
    (rows, cursor of the next page or None)."""
    size = min(limit or conf.PAGE_SIZE, conf.MAX_PAGE_SIZE)
    qs = qs.order_by("pk")
    if cursor:
        qs = qs.filter(pk__gt=decode(cursor))
    rows = list(qs[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if not more:
        return rows, None
    last = rows[-1]
    return rows, encode(last["id"] if isinstance(last, dict) else last.pk)
