"""The benchmark protocol. ``manage.py bench`` imports each app's ``bench`` module; functions
decorated with ``@benchmark`` set up their data (idempotently, in the bench database) and return
the measured value. Figures print as ``bench <name> <value> <unit>`` and go into docs/benchmarks.md.
"""

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

REGISTRY: dict[str, "Benchmark"] = {}


@dataclass
class Benchmark:
    name: str
    unit: str
    target: str
    fn: Callable[["BenchContext"], "float | dict[str, Figure]"]


@dataclass(frozen=True)
class Figure:
    """One of several figures a benchmark measures in one run (the web benchmark's ratios);
    ``note`` goes beside the value in docs/benchmarks.md."""

    value: float
    unit: str
    target: str = ""
    note: str = ""


def benchmark(name: str, *, unit: str, target: str = ""):
    """Register a benchmark: ``fn(ctx) -> value`` (or ``{name: Figure}`` for several figures from
    one run). ``target`` is the goal, e.g. '< 150'."""

    def decorator(fn):
        REGISTRY[name] = Benchmark(name=name, unit=unit, target=target, fn=fn)
        return fn

    return decorator


class BenchContext:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.notes: dict[str, str] = {}

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"  · {message}")

    @contextmanager
    def timer(self):
        """``with ctx.timer() as t: ...`` then ``t.seconds`` / ``t.ms``."""
        result = _Timer()
        started = time.perf_counter()
        try:
            yield result
        finally:
            result.seconds = time.perf_counter() - started

    @staticmethod
    def best_of(fn: Callable[[], object], runs: int = 5) -> float:
        """Best wall time in seconds over ``runs`` calls (after one warm-up call)."""
        fn()
        best = float("inf")
        for _ in range(runs):
            started = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - started)
        return best


class _Timer:
    seconds: float = 0.0

    @property
    def ms(self) -> float:
        return self.seconds * 1000


def bench_modules():
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    for app in settings.INSTALLED_APPS:
        if app.startswith("binaumkm.") and find_spec(f"{app}.bench"):
            import_module(f"{app}.bench")
    import_module("binaumkm.core.webbench")  # after the apps: it measures the pages they declared
    return REGISTRY
