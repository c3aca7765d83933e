"""Query parameters shared by the list endpoints."""

from __future__ import annotations

from ninja import Query

from .. import conf

CURSOR = Query(None, max_length=200, description="nilai 'next' dari halaman sebelumnya")
LIMIT = Query(
    conf.PAGE_SIZE, ge=1, le=conf.MAX_PAGE_SIZE, description="baris per halaman (paling banyak 100)"
)
ID = Query(None, ge=1, le=2**31 - 1)
