"""Moved to ``services/matchmaking.py``. This name stays only for ``bench.py`` (being reworked for
issue 20 at the same time): delete it once the benchmark imports ``services.matchmaking``."""

from .services.matchmaking import compute, conf, load_candidates, load_needs, match_run_create

__all__ = ["compute", "conf", "load_candidates", "load_needs", "match_run_create"]
