"""Reads of reporting, all from the monthly snapshots (``models.Snapshot``), each starting from
``policy.scope`` — for the outcome and funnel pages, the map and the leadership dashboard.

Every function answers in a fixed number of grouped queries, whatever the number of UMKM. ``month``
is the first day of a month present in the snapshots; ``kecamatan`` an id or None (the whole city).
Counts are of businesses; shares are ``stats.Share`` (k of n, with a Wilson interval). "Assessed":
not closed, with a baseline and a report in the recent window (docs/reporting.md).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext as _

from binaumkm.core import policy
from binaumkm.registry.choices import KbliSection, SizeClass

from .models import Snapshot, SnapshotRun
from .stats import Comparison, Share, Stratum, compare

COUNTS = ("registered", "verified", "closed", "no_baseline", "no_recent", "assessed", "recovered")
DIMENSIONS = {
    # dimension: (the cells' grouping field, its label field or None)
    "kecamatan": ("kelurahan__kecamatan__code", "kelurahan__kecamatan__name"),
    "kelurahan": ("kelurahan__code", "kelurahan__name"),
    "sector": ("kbli_section", None),
    "size": ("size_class", None),
}


def snapshot_runs(*, actor) -> dict[str, SnapshotRun | None]:
    """{"done": the latest finished refresh (its ``finished_at`` is the figures' "as of" time, its
    ``last_month`` the latest month), "latest": the latest refresh in any state (its progress)}."""
    runs = policy.scope(actor, "view", SnapshotRun)
    latest = runs.first()
    if latest is None or latest.state == SnapshotRun.State.DONE:  # the usual case: one query
        return {"done": latest, "latest": latest}
    return {"done": runs.filter(state=SnapshotRun.State.DONE).first(), "latest": latest}


def snapshot_months(*, actor) -> list[datetime.date]:
    """The months present in the snapshots, newest first."""
    return list(
        policy.scope(actor, "view", Snapshot).order_by("-month").values_list("month", flat=True).distinct()
    )


def help_kinds(run: SnapshotRun | None) -> list[tuple[int, str, str]]:
    """[(bit, step name, label)] of the kinds of help the snapshots' ``help_bits`` stand for; labels
    from the modules' hooks now (translated), else as stored at the refresh."""
    if run is None:
        return []
    from .services import help_steps

    labels = {step.name: str(step.label) for step in help_steps()}
    return [(bit, name, labels.get(name, label)) for bit, name, label in run.steps]


def _cells(actor, month: datetime.date, kecamatan: int | None = None) -> QuerySet[Snapshot]:
    cells = policy.scope(actor, "view", Snapshot).filter(month=month)
    return cells.filter(kelurahan__kecamatan_id=kecamatan) if kecamatan else cells


def _sums(**extra: Any) -> dict[str, Sum]:
    return {name: Sum(name) for name in COUNTS} | extra


def recovery_by(*, actor, month: datetime.date, dimension: str, kecamatan: int | None = None) -> list[dict]:
    """Rows per kecamatan, kelurahan, sector or size class: ``key``, ``label``, every count and
    ``share`` (recovered of assessed), in the dimension's order."""
    key, label = DIMENSIONS[dimension]
    fields = [key, label] if label else [key]
    rows = _cells(actor, month, kecamatan).values(*fields).annotate(**_sums()).order_by(key)
    names = dict(KbliSection.choices) if dimension == "sector" else dict(SizeClass.choices)
    result = []
    for row in rows:
        text = row[label] if label else str(names.get(row[key], row[key] or _("Belum diisi")))
        result.append({"key": row[key], "label": text, **{c: row[c] or 0 for c in COUNTS},
                       "share": Share(row["recovered"] or 0, row["assessed"] or 0)})  # fmt: skip
    return result


def recovery_total(*, actor, month: datetime.date, kecamatan: int | None = None) -> dict:
    """Every count over the city (or one kecamatan) for the month, and ``share``."""
    got = _cells(actor, month, kecamatan).aggregate(**_sums())
    totals = {c: got[c] or 0 for c in COUNTS}
    return totals | {"share": Share(totals["recovered"], totals["assessed"])}


def help_comparisons(*, actor, month: datetime.date, kecamatan: int | None = None) -> list[dict]:
    """Per kind of help: {"name", "label", "comparison": stats.Comparison} — the helped UMKM's share
    recovered against comparable UMKM not given that help, matched exactly on baseline band, sector
    and kecamatan (cell-weighted by the helped counts). One grouped query."""
    run = snapshot_runs(actor=actor)["done"]
    rows = (
        _cells(actor, month, kecamatan).filter(band__gt=0)
        .values("kelurahan__kecamatan_id", "kbli_section", "band", "help_bits")
        .annotate(n=Sum("assessed"), k=Sum("recovered")).order_by()
    )  # fmt: skip
    kinds = help_kinds(run)
    strata: dict[int, dict[tuple, list[int]]] = {
        bit: defaultdict(lambda: [0, 0, 0, 0]) for bit, _n, _l in kinds
    }
    for row in rows:
        stratum = (row["kelurahan__kecamatan_id"], row["kbli_section"], row["band"])
        for bit, _name, _label in kinds:
            counts = strata[bit][stratum]
            offset = 0 if row["help_bits"] & (1 << bit) else 2
            counts[offset] += row["n"] or 0
            counts[offset + 1] += row["k"] or 0
    result = []
    for bit, name, label in kinds:
        comparison: Comparison = compare(Stratum(*counts) for counts in strata[bit].values())
        result.append({"name": name, "label": label, "comparison": comparison})
    return result


def funnel(*, actor, month: datetime.date, kecamatan: int | None = None) -> dict:
    """Registered → verified → helped (any kind) → recovered (helped and recovered), with the drop
    at each step, and per kind of help: helped, assessed, recovered. ``steps``: [{"label", "count",
    "drop", "kept": share of the previous step}]; ``kinds``: [{"name", "label", "helped",
    "assessed", "recovered", "share"}]. One grouped query."""
    run = snapshot_runs(actor=actor)["done"]
    rows = list(
        _cells(actor, month, kecamatan).values("help_bits")
        .annotate(r=Sum("registered"), v=Sum("verified"), a=Sum("assessed"), k=Sum("recovered")).order_by()
    )  # fmt: skip
    registered = sum(row["r"] for row in rows)
    verified = sum(row["v"] for row in rows)
    helped = [row for row in rows if row["help_bits"]]
    counts = [
        (_("Terdaftar"), registered),
        (_("Terverifikasi"), verified),
        (_("Mendapat bantuan"), sum(row["r"] for row in helped)),
        (_("Pulih (dari yang dibantu)"), sum(row["k"] for row in helped)),
    ]
    steps, previous = [], None
    for label, count in counts:
        steps.append({"label": label, "count": count, "drop": None if previous is None else previous - count,
                      "kept": None if previous is None else Share(count, previous)})  # fmt: skip
        previous = count
    kinds = []
    for bit, name, label in help_kinds(run):
        mine = [row for row in rows if row["help_bits"] & (1 << bit)]
        assessed, recovered = sum(row["a"] for row in mine), sum(row["k"] for row in mine)
        kinds.append({"name": name, "label": label, "helped": sum(row["r"] for row in mine),
                      "assessed": assessed, "recovered": recovered, "share": Share(recovered, assessed)})  # fmt: skip
    return {"steps": steps, "kinds": kinds, "helped_assessed": sum(row["a"] for row in helped)}


def funnel_by_kecamatan(*, actor, month: datetime.date) -> list[dict]:
    """Per kecamatan: registered, verified, helped (any kind), recovered among the helped."""
    helped = ~Q(help_bits=0)
    rows = (
        _cells(actor, month).values("kelurahan__kecamatan__code", "kelurahan__kecamatan__name")
        .annotate(r=Sum("registered"), v=Sum("verified"), h=Sum("registered", filter=helped),
                  k=Sum("recovered", filter=helped))
        .order_by("kelurahan__kecamatan__code")
    )  # fmt: skip
    return [{"label": row["kelurahan__kecamatan__name"], "registered": row["r"] or 0,
             "verified": row["v"] or 0, "helped": row["h"] or 0, "recovered": row["k"] or 0}
            for row in rows]  # fmt: skip


def recovery_trend(*, actor, kecamatan: int | None = None) -> list[tuple[datetime.date, Share]]:
    """(month, recovered of assessed) for every month in the snapshots, oldest first."""
    cells = policy.scope(actor, "view", Snapshot)
    if kecamatan:
        cells = cells.filter(kelurahan__kecamatan_id=kecamatan)
    rows = cells.values("month").annotate(a=Sum("assessed"), k=Sum("recovered")).order_by("month")
    return [(row["month"], Share(row["k"] or 0, row["a"] or 0)) for row in rows]


def recovered_share_by_kelurahan(actor) -> dict[str, float]:
    """The map's "recovered %": per kelurahan code, recovered of assessed in the latest month (no
    UMKM assessed: no value)."""
    run = snapshot_runs(actor=actor)["done"]
    if run is None or run.last_month is None:
        return {}
    rows = (
        _cells(actor, run.last_month)
        .values("kelurahan__code")
        .annotate(a=Sum("assessed"), k=Sum("recovered"))
    )
    return {row["kelurahan__code"]: round(100 * row["k"] / row["a"], 1) for row in rows if row["a"]}


def outcome_report(*, actor, month: datetime.date, kecamatan: int | None = None) -> dict:
    """Everything the outcome page and its .xlsx show, in nine queries."""
    of = {"actor": actor, "month": month, "kecamatan": kecamatan}
    return {
        "total": recovery_total(**of),
        "help": help_comparisons(**of),
        **{dimension: recovery_by(dimension=dimension, **of) for dimension in DIMENSIONS},
        "trend": recovery_trend(actor=actor, kecamatan=kecamatan),
    }


def funnel_report(*, actor, month: datetime.date, kecamatan: int | None = None) -> dict:
    return {"funnel": funnel(actor=actor, month=month, kecamatan=kecamatan),
            "by_kecamatan": funnel_by_kecamatan(actor=actor, month=month)}  # fmt: skip


# The modules' lines are live figures (training coverage alone reads every registration: ~300 ms at
# 100,000), so each is computed once per snapshot run, user and language and kept until the next
# refresh — at most a day, or at once with "Perbarui sekarang". Each line still says its "as of".
LINES_KEPT_SECONDS = 24 * 3600


def module_lines(*, actor, run: SnapshotRun | None) -> list:
    """The ``leadership_lines`` of every module for ``actor``, as of the snapshot run ``run``."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from binaumkm.core.hooks import leadership_lines

    if run is None:
        return leadership_lines(actor)
    key = f"reporting:lines:{run.pk}:{actor.pk}:{get_language()}"
    return cache.get_or_set(key, lambda: leadership_lines(actor), LINES_KEPT_SECONDS) or []
