from functools import cached_property
from typing import cast

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

# Up to this many rows a list shows its exact count; beyond it, "lebih dari 10.000": the count then
# stops after COUNT_CAP + 1 rows instead of scanning a million-row table on every page view.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A paginator whose count costs at most ``COUNT_CAP + 1`` rows (``capped`` says it stopped
    there; the pages after it are reached by narrowing the filter, not by paging)."""

    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):  # a ranked search knows its total already
            return min(len(self.object_list), self.cap + 1)
        return cast(QuerySet, self.object_list)[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def paginate_by_ids(qs, page_number, *, per_page: int = 25) -> Page:
    """Count and slice primary keys first, then load only that page's rows with the queryset's
    joins. On large tables the count and the slice stay index-only; the page costs one more query.
    A ranked search (``core.search.Ranked``) counts and loads its page by id itself."""
    if not isinstance(qs, QuerySet):
        return CappedPaginator(qs, per_page).get_page(page_number)
    page = CappedPaginator(qs.values_list("pk", flat=True), per_page).get_page(page_number)
    page.object_list = rows_by_ids(qs, list(page.object_list))
    return page


def rows_by_ids(qs: QuerySet, ids: list) -> list:
    """The rows of ``ids`` in that order, with the queryset's joins."""
    rows = qs.in_bulk(ids)
    return [rows[pk] for pk in ids]
