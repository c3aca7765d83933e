"""Who may see outcomes and refresh the snapshots (see ``core.policy``): agency staff and admins by
default (the leadership reads with an agency account); a city may grant it to other roles."""

from binaumkm.core.policy import Grant, ModelPolicy

from .models import Snapshot, SnapshotRun

VIEW = "reporting.view_outcomes"
REFRESH = "reporting.refresh_snapshots"

POLICIES = [
    ModelPolicy(Snapshot, view=Grant(VIEW)),
    ModelPolicy(SnapshotRun, view=Grant(VIEW), add=Grant(REFRESH)),
]
