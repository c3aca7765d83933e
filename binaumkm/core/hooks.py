"""What modules contribute to pages that gather every module (see docs/architecture.md, "AppConfig
hooks"): plain records, and one function that asks every app that provides a hook."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import freshness


@dataclass(frozen=True)
class Todo:
    """One thing a user should do next, with where to do it."""

    label: str
    url: str
    due: datetime.datetime | datetime.date | None = None
    urgent: bool = False
    module: str = ""

    @property
    def due_day(self) -> datetime.date | None:
        """The day it is due, in WIB (a deadline at 23.00 UTC is the next day in Solo)."""
        if isinstance(self.due, datetime.datetime):
            return timezone.localtime(self.due).date() if timezone.is_aware(self.due) else self.due.date()
        return self.due


@dataclass(frozen=True)
class TimelineEvent:
    """One touchpoint of a UMKM with the agency's programmes. ``url`` leads staff to the record,
    ``owner_url`` the owner (empty: the owner's timeline shows the event without a link)."""

    date: datetime.date | datetime.datetime
    kind: str  # the module, e.g. "pelatihan"
    label: str
    url: str = ""
    owner_url: str = ""

    @property
    def moment(self) -> datetime.datetime:
        """The date as an aware datetime (a date counts from its start, WIB), for ordering."""
        if isinstance(self.date, datetime.datetime):
            return self.date if timezone.is_aware(self.date) else timezone.make_aware(self.date)
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time.min))


@dataclass(frozen=True)
class FunnelStep:
    """A step of help a module gives: its name, label and the selector of the businesses helped."""

    name: str
    label: str
    businesses: Any  # callable(since: date | None) -> QuerySet of business ids


@dataclass(frozen=True)
class MapMetric:
    """A figure per kelurahan that a module offers to the map of the city (``core.maps``): its key
    (the ``?metrik=`` value), label, unit (a ``core.charts`` unit) and selector
    ``values(actor) -> {kelurahan code: value}``, answered in a few queries for every kelurahan."""

    key: str
    label: Any  # str or a lazy translation
    unit: str
    values: Any  # callable(actor) -> dict[str, int | float]
    description: Any = ""


@dataclass(frozen=True)
class PersonalData:
    """One table of what the agency holds about an owner, from one module's selectors (the owner's
    "Data saya" page and its downloads). ``keep_reason`` says why these records must outlive a
    deletion request (the law, an open settlement); empty: nothing obliges keeping them."""

    key: str  # e.g. "consignment.settlements"
    title: str
    columns: list[str]
    rows: list[list[Any]]
    keep_reason: str = ""


@dataclass(frozen=True)
class Place:
    """A place in the city where a product can be bought now (for the public catalogue): a modern
    store displaying it, or a hotel or souvenir centre holding it in consignment stock."""

    name: str
    kind: str  # readable: "Minimarket", "Hotel", "Pusat oleh-oleh"
    address: str
    kelurahan: str


@dataclass(frozen=True)
class Column:
    """One column of an open dataset. ``kind``: "area" (a code or name of a kecamatan/kelurahan),
    "period", "class" (a classification value), "count" (of businesses, seats, stores: suppressed
    below 5), "amount" (integer rupiah) or "percent"."""

    key: str
    label: Any  # str or a lazy translation
    kind: str
    unit: Any = ""


# The area columns every per-kecamatan dataset starts with (Kemendagri codes).
KECAMATAN_COLUMNS = (
    Column("kode_kecamatan", _("Kode kecamatan (Kemendagri)"), "area"),
    Column("kecamatan", _("Kecamatan"), "area"),
)


@dataclass(frozen=True)
class Dataset:
    """An open dataset a module publishes (the ``open_datasets()`` hook; ``binaumkm.opendata``
    releases and lists it). Metadata follows Satu Data Indonesia and the BPS indicator form; texts
    are lazy translations (Indonesian source, English in the module's catalogue). ``rows()`` returns
    aggregates only, one dict per row keyed by column key, small cells already suppressed
    (``core.small_cells``): never a row about one business or person."""

    key: str  # the slug, e.g. "umkm-binaan"
    title: Any
    concept: Any
    definition: Any
    method: Any  # formula / method of computation
    unit: Any
    classification: Any
    periodicity: Any
    level: str  # "kecamatan" or "kelurahan"
    columns: tuple[Column, ...]
    rows: Any  # callable() -> list[dict[str, Any]]
    keywords: tuple[str, ...] = ()
    module: str = ""


@dataclass(frozen=True)
class LeadershipLine:
    """One module's line on the leadership dashboard (the ``leadership_lines(user)`` hook): what it
    measures, the headline figure as written, a short detail, the time the figure holds for ("as
    of": the latest record it counts, or when it was computed) and the module's own report.
    ``order`` places it among the others (compliance 10, consignment 20 … exhibitions 70)."""

    key: str  # e.g. "compliance"
    label: Any  # str or a lazy translation
    value: str
    detail: str = ""
    as_of: datetime.datetime | datetime.date | None = None
    url: str = ""
    order: int = 100


def collect(hook: str, *args: Any, **kwargs: Any) -> Iterator[tuple[str, Any]]:
    """(app label, result) for every app whose AppConfig provides ``hook``."""
    for config in apps.get_app_configs():
        method = getattr(config, hook, None)
        if method is not None:
            yield config.label, method(*args, **kwargs)


def timeline(business: Any, since: datetime.date | None = None) -> list[TimelineEvent]:
    """Every module's touchpoints of one UMKM, newest first (ties: the module order)."""
    events = [event for _label, found in collect("timeline", business, since=since) for event in found]
    return sorted(events, key=lambda event: event.moment, reverse=True)


def todo_list(user: Any) -> list[Todo]:
    """Every module's to-do items for the user: urgent first, then by due date. Kept until any
    data changes (``core.freshness``): ten modules' queries are most of a home page's time."""
    key = f"todo:{user.pk}:{get_language()}:{timezone.localdate().isoformat()}"
    return freshness.remember(key, lambda: _todo_list(user))


def _todo_list(user: Any) -> list[Todo]:
    items = [item for _label, found in collect("todo_items", user) for item in found]
    far = datetime.date.max
    return sorted(items, key=lambda item: (not item.urgent, item.due_day or far))


def personal_data(owner: Any) -> list[PersonalData]:
    """Every module's records about one owner, in app order."""
    return [table for _label, found in collect("personal_data", owner) for table in found]


def where_to_buy(product_ids: list[int]) -> dict[int, list[Place]]:
    """Every module's places selling each product now: {product id: [Place]}, named in order."""
    places: dict[int, list[Place]] = {}
    for _label, found in collect("where_to_buy", product_ids):
        for product_id, items in found.items():
            places.setdefault(product_id, []).extend(items)
    return {pid: sorted(items, key=lambda place: place.name) for pid, items in places.items()}


def map_metrics(user: Any) -> dict[str, MapMetric]:
    """The map metrics the user may see, by key, in app order (registry's UMKM binaan first); each
    module offers only those its permissions allow."""
    return {metric.key: metric for _label, found in collect("map_metrics", user) for metric in found}


def open_datasets() -> dict[str, Dataset]:
    """Every module's open datasets by key, in app order."""
    found: dict[str, Dataset] = {}
    for label, datasets in collect("open_datasets"):
        for dataset in datasets:
            found[dataset.key] = dataset if dataset.module else _with_module(dataset, label)
    return found


def _with_module(dataset: Dataset, label: str) -> Dataset:
    from dataclasses import replace

    return replace(dataset, module=label)


def leadership_lines(user: Any) -> list[LeadershipLine]:
    """Every module's line for the leadership dashboard the user may see, in ``order``."""
    lines = [line for _label, found in collect("leadership_lines", user) for line in found]
    return sorted(lines, key=lambda line: (line.order, line.key))
