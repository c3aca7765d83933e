"""The pre-check of a whole group at once: the same rules as ``financing.eligibility``, evaluated a
rule at a time over columns of plain values instead of an applicant at a time, so 100,000 UMKM
against 5 schemes stays within seconds. Status only: the explanation of any one UMKM comes from
``eligibility.assess``, and a property test keeps both in agreement. Pure: no database."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .eligibility import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    NOT_YET,
    Context,
    Credit,
    Paper,
    Terms,
)

OK, LATER, NEVER = 0, 1, 2
STATUS = {OK: ELIGIBLE, LATER: NOT_YET, NEVER: NOT_ELIGIBLE}


@dataclass
class Columns:
    """What the rules read, one list per fact, in the applicants' order."""

    registered: list[int]
    months: list[int | None]
    facts: list[frozenset[str]]
    sizes: list[str]
    statuses: list[str]
    nik_in_city: list[bool]
    address_in_city: list[bool | None]  # a KK/KTP in the city (True), a verified one elsewhere (False)
    credits: list[frozenset[str]]  # families of active productive credits
    has_credit: list[bool]
    papers: list[frozenset[str]]  # kinds with a paper still valid


EMPTY: frozenset[str] = frozenset()


def columns(
    rows: Sequence[tuple],
    *,
    first_turnover: Mapping[int, Any],
    papers: Mapping[int, Mapping[str, Paper]],
    credits: Mapping[int, Sequence[Credit]],
    facts: Mapping[int, Mapping[str, Any]],
    ctx: Context,
) -> Columns:
    """The columns from the evidence rows (pk, verification, status, size_class, owner_id, nik,
    year_founded, binaan_since); most businesses have no papers, credits or facts: shared empties."""
    registered: list[int] = []
    months: list[int | None] = []
    fact_sets: list[frozenset[str]] = []
    sizes: list[str] = []
    statuses: list[str] = []
    in_city: list[bool] = []
    address: list[bool | None] = []
    credit_sets: list[frozenset[str]] = []
    has_credit: list[bool] = []
    kinds: list[frozenset[str]] = []
    prefix, today = ctx.city_nik_prefix, ctx.today
    founded_by: dict[int, datetime.date] = {}
    for pk, verification, status, size_class, owner_id, nik, year_founded, binaan_since in rows:
        registered.append(NEVER if status == "tutup" else OK if verification == "terverifikasi" else LATER)
        own = papers.get(pk)
        # eligibility.business_started, inlined: this loop runs for every business of the city.
        start = first_turnover.get(pk)
        if binaan_since and (start is None or binaan_since < start):
            start = binaan_since
        if year_founded:
            founded = founded_by.get(year_founded)
            if founded is None:
                founded = founded_by[year_founded] = min(datetime.date(year_founded, 12, 31), today)
            if start is None or founded < start:
                start = founded
        if own:
            for kind in ("nib", "sku"):
                paper = own.get(kind)
                if paper is not None and paper.issued_on and (start is None or paper.issued_on < start):
                    start = paper.issued_on
        if start is None:
            months.append(None)
        else:
            m = (today.year - start.year) * 12 + today.month - start.month - (today.day < start.day)
            months.append(m if m > 0 else 0)
        held = facts.get(pk)
        fact_sets.append(frozenset(name for name, value in held.items() if value) if held else EMPTY)
        sizes.append(size_class)
        statuses.append(status)
        in_city.append(nik.startswith(prefix))
        loans = credits.get(owner_id)
        credit_sets.append(frozenset(c.family for c in loans) if loans else EMPTY)
        has_credit.append(bool(loans))
        if own:
            identity = [own[k] for k in ("kk", "ktp") if k in own]
            address.append(True if any(p.address_in_city for p in identity)
                           else False if any(p.address_in_city is False and p.verified for p in identity) else None)  # fmt: skip
            kinds.append(
                frozenset(k for k, p in own.items() if p.expires_on is None or p.expires_on >= today)
            )
        else:
            address.append(None)
            kinds.append(EMPTY)
    return Columns(
        registered, months, fact_sets, sizes, statuses, in_city, address, credit_sets, has_credit, kinds
    )


def _min_months(c: Columns, rule: Mapping[str, Any]) -> list[int]:
    need = int(rule["months"])
    alt = rule.get("alt_months")
    alt_facts = frozenset(f for f in rule.get("alt_facts", ()) if f)
    if alt is None or not alt_facts:
        return [LATER if m is None or m < need else OK for m in c.months]
    alt = int(alt)
    return [
        LATER if m is None else OK if m >= need or (m >= alt and not alt_facts.isdisjoint(f)) else LATER
        for m, f in zip(c.months, c.facts, strict=True)
    ]


def _size_classes(c: Columns, rule: Mapping[str, Any]) -> list[int]:
    allowed = frozenset(rule.get("allowed") or ())
    return [OK if s in allowed else LATER if not s else NEVER for s in c.sizes]


def _statuses(c: Columns, rule: Mapping[str, Any]) -> list[int]:
    allowed = frozenset(rule.get("allowed") or ())
    return [OK if s in allowed else NEVER for s in c.statuses]


def _city_resident(c: Columns, rule: Mapping[str, Any]) -> list[int]:
    return [
        OK if nik or address is True else NEVER if address is False else LATER
        for nik, address in zip(c.nik_in_city, c.address_in_city, strict=True)
    ]


def _no_active_credit(c: Columns, rule: Mapping[str, Any]) -> list[int]:
    families = frozenset(rule.get("families") or ())
    if not families:
        return [NEVER if has else OK for has in c.has_credit]
    return [OK if families.isdisjoint(fams) else NEVER for fams in c.credits]


RULES = {
    "min_months": _min_months,
    "size_classes": _size_classes,
    "statuses": _statuses,
    "city_resident": _city_resident,
    "no_active_credit": _no_active_credit,
}


def statuses(c: Columns, terms: Terms) -> list[str]:
    """The status of every applicant of the columns for ``terms`` (no amount: the group pre-check)."""
    worst = list(c.registered)
    for rule in terms.rules:
        worst = list(map(max, worst, RULES[rule["kind"]](c, rule)))
    for group in terms.documents:
        if group.get("above") is not None:
            continue  # needed only above an amount, and a group has none
        kinds = frozenset(group.get("any") or ())
        worst = [w if w or not kinds.isdisjoint(p) else LATER for w, p in zip(worst, c.papers, strict=True)]
    return [STATUS[w] for w in worst]
