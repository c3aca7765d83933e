"""Demo: the snapshots are refreshed once every module's demo data is in (reporting is the last app
in INSTALLED_APPS), so the outcome and funnel pages and the map's "recovered %" show something. The
recovery they show is the registry demo's simulation (docs/reporting.md, "Demo")."""

from .services import snapshots_refresh


def seed(ctx):
    snapshots_refresh()
