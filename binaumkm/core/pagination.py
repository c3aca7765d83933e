from django.core.paginator import Page, Paginator


def paginate_by_ids(qs, page_number, *, per_page: int = 25) -> Page:
    """Count and slice primary keys first, then load only that page's rows with the queryset's
    joins. On large tables the count and the slice stay index-only; the page costs one more query."""
    page = Paginator(qs.values_list("pk", flat=True), per_page).get_page(page_number)
    ids = list(page.object_list)
    rows = qs.in_bulk(ids)
    page.object_list = [rows[pk] for pk in ids]
    return page
