"""What modules contribute to pages that gather every module (see docs/architecture.md, "AppConfig
hooks"): plain records, and one function that asks every app that provides a hook."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Todo:
    """One thing a user should do next, with where to do it."""

    label: str
    url: str
    due: datetime.datetime | datetime.date | None = None
    urgent: bool = False
    module: str = ""


@dataclass(frozen=True)
class TimelineEvent:
    """One touchpoint of a UMKM with the agency's programmes."""

    date: datetime.date | datetime.datetime
    kind: str  # the module, e.g. "pelatihan"
    label: str
    url: str = ""


@dataclass(frozen=True)
class FunnelStep:
    """A step of help a module gives: its name, label and the selector of the businesses helped."""

    name: str
    label: str
    businesses: Any  # callable(since: date | None) -> QuerySet of business ids


def collect(hook: str, *args: Any, **kwargs: Any) -> Iterator[tuple[str, Any]]:
    """(app label, result) for every app whose AppConfig provides ``hook``."""
    for config in apps.get_app_configs():
        method = getattr(config, hook, None)
        if method is not None:
            yield config.label, method(*args, **kwargs)
