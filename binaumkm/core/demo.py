"""The demo-data protocol. ``manage.py seed_demo`` visits INSTALLED_APPS in order and calls
``seed(ctx)`` in each app's ``demo`` module. Each app seeds only its own data, deterministically
from ``ctx.rng(<app label>)``, and declares demo logins with ``ctx.add_login``.
"""

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

DEMO_PASSWORD = "binaumkm-demo"


@dataclass
class DemoContext:
    umkm: int = 3600
    seed: int = 2021
    today: datetime.date = None  # type: ignore[assignment]  # set in __post_init__
    stdout: Any = None
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def __post_init__(self):
        self.today = self.today or timezone.localdate()

    def rng(self, label: str) -> random.Random:
        """A generator per app, so adding data to one app does not change another's."""
        return random.Random(f"{self.seed}:{label}")

    def add_login(self, role_label: str, username: str, password: str = DEMO_PASSWORD) -> None:
        self.logins.append((str(role_label), username, password))

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    @property
    def scale(self) -> float:
        """Other apps scale their demo data to the registry size (3,600 = 1.0)."""
        return self.umkm / 3600


def demo_modules():
    from importlib import import_module
    from importlib.util import find_spec

    for app in settings.INSTALLED_APPS:
        if app.startswith("binaumkm.") and find_spec(f"{app}.demo"):
            yield app.rsplit(".", 1)[1], import_module(f"{app}.demo")


def seed(ctx):
    """Core's own demo step: the city's areas, which every other app's data refers to."""
    from .areas import areas_load
    from .models import Kelurahan

    if not Kelurahan.objects.exists():
        areas_load(actor=None, path=settings.BINAUMKM["AREA_FILE"], city_code=settings.BINAUMKM["CITY_CODE"])


def seed_apps(ctx, only=None):
    """Seed every app (or the labels in ``only``) in order, then refresh the planner's statistics.

    PostgreSQL plans from statistics autovacuum gathers later; right after a bulk load they still
    describe empty tables, and it once chose nested scans that ran for minutes (demo tests, a fresh
    demo server). ANALYZE inside the transaction counts its own rows, so it is safe in tests too.
    """
    for label, module in demo_modules():
        if only is None or label in only:
            module.seed(ctx)
    refresh_planner_statistics()


def refresh_planner_statistics():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
