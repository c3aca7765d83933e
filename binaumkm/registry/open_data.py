"""Open-data reads of the registry: public aggregates, never a row about one business or person.

These are deliberately not scoped to an actor (they are published to anyone), so they return only
counts, and any count below ``MIN_CELL`` businesses is suppressed (published as null) so that a small
cell cannot point at an identifiable business. No totals are published beside suppressed cells, so a
suppressed value cannot be recovered by subtraction. Used by the API's open-data endpoints and meant
for the open-data page as well.
"""

from __future__ import annotations

from typing import Literal

from django.db.models import Count, QuerySet

from binaumkm.core.models import Kecamatan, Kelurahan

from .models import Business
from .selectors import eligible_q

MIN_CELL = 5
Level = Literal["kecamatan", "kelurahan"]


def suppress(count: int, min_cell: int = MIN_CELL) -> int | None:
    """The count as published: None below ``min_cell`` (zero is not a small cell: nothing to identify)."""
    return None if 0 < count < min_cell else count


def binaan_counts_by_area(*, level: Level = "kecamatan", min_cell: int = MIN_CELL) -> list[dict]:
    """UMKM binaan (verified, not closed) per area and KBLI section:
    ``[{"area_code", "area_name", "kbli_section", "count" (None when suppressed), "suppressed"}]``,
    ordered by area code then section; one query."""
    prefix = "kelurahan__" if level == "kelurahan" else "kelurahan__kecamatan__"
    rows = (
        Business.objects.filter(eligible_q())
        .values(f"{prefix}code", f"{prefix}name", "kbli_section")
        .annotate(n=Count("id"))
        .order_by(f"{prefix}code", "kbli_section")
    )
    result = []
    for row in rows:
        count = suppress(row["n"], min_cell)
        result.append({
            "area_code": row[f"{prefix}code"], "area_name": row[f"{prefix}name"],
            "kbli_section": row["kbli_section"], "count": count, "suppressed": count is None,
        })  # fmt: skip
    return result


def areas() -> QuerySet[Kelurahan]:
    """Every kelurahan with its kecamatan, in code order (public reference data)."""
    return Kelurahan.objects.select_related("kecamatan").order_by("code")


def kecamatan_list() -> QuerySet[Kecamatan]:
    return Kecamatan.objects.order_by("code")
