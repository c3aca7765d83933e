"""Which agreement and which terms apply to a sale on a given day. Pure: plain data in, no database.

Between one outlet and one UMKM agreements never overlap (``services.outlets``), so at most one is
in force on a day (``starts_on <= day <= ends_on``, no end = open). An agreement's terms (commission,
near-expiry handling) are versioned: the version in force on a day is the one with the latest
``effective_from`` on or before it; before the first version (or with no versions recorded) the
first version's terms / the agreement's own terms apply.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Dated(Protocol):
    starts_on: datetime.date
    ends_on: datetime.date | None


@dataclass(frozen=True)
class Terms:
    effective_from: datetime.date | None
    commission_bp: int
    expiry_handling: str
    expiry_discount_bp: int


T = TypeVar("T", bound=Dated)


def in_force(agreements: Iterable[T], day: datetime.date) -> T | None:
    """The agreement in force on ``day``, or None."""
    for agreement in agreements:
        if agreement.starts_on <= day and (agreement.ends_on is None or day <= agreement.ends_on):
            return agreement
    return None


def terms_on(versions: Sequence[Terms], day: datetime.date, default: Terms) -> Terms:
    """The terms in force on ``day``; ``versions`` in any order, ``default`` when there are none."""
    if not versions:
        return default
    ordered = sorted(versions, key=lambda v: v.effective_from or datetime.date.min)
    current = ordered[0]
    for version in ordered:
        if (version.effective_from or datetime.date.min) <= day:
            current = version
    return current
