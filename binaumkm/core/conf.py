"""Settings in one place: site-wide values and each app's tunables, read through one helper.

Site-wide values (city, agency, site address) live in ``settings.BINAUMKM``. An app declares its
tunables with their defaults in ``<app>/conf.py``::

    DEFAULTS = {"OFFER_HOURS": 48}
    __getattr__ = app_settings("TRAINING", DEFAULTS)

and reads them as ``conf.OFFER_HOURS``. Each value is looked up when read (so tests may override
settings), first in ``settings.BINAUMKM["TRAINING"]``, then in the environment variable
``BINAUMKM_TRAINING_OFFER_HOURS`` (parsed as the default's type: number, date, JSON for lists and
dicts), else the default.
"""

from __future__ import annotations

import datetime
import json
import os
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings


def site() -> dict[str, Any]:
    """The city and agency: names, address, contacts, site address (``settings.BINAUMKM``)."""
    values: dict[str, Any] = settings.BINAUMKM
    return values


def site_url(path: str = "") -> str:
    """An absolute link to this system (for e-mails, WhatsApp texts and documents)."""
    return str(settings.BINAUMKM["SITE_URL"]).rstrip("/") + path


def _parse(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "ya", "on")
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    if isinstance(default, datetime.date):
        return datetime.date.fromisoformat(raw)
    if isinstance(default, list | dict | tuple):
        return json.loads(raw)
    return raw


def app_settings(app: str, defaults: Mapping[str, Any]) -> Callable[[str], Any]:
    """A module ``__getattr__`` resolving the app's tunables (see the module docstring)."""
    prefix = f"BINAUMKM_{app}_"

    def resolve(name: str) -> Any:
        if name not in defaults:
            raise AttributeError(name)
        overrides: dict[str, Any] = site().get(app, {})
        if name in overrides:
            return overrides[name]
        raw = os.environ.get(prefix + name)
        return _parse(raw, defaults[name]) if raw is not None else defaults[name]

    return resolve


# The house's own tunables: e-mail delivery through the worker (``core.tasks``).
MAIL = app_settings("MAIL", {"ATTEMPTS": 6, "RETRY_MINUTES": 2})
