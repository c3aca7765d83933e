"""snapshot_runs: the latest finished refresh and the latest in any state, one query when they are
the same run."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from binaumkm.reporting.models import SnapshotRun
from binaumkm.reporting.selectors import snapshot_runs


def at(day):
    return datetime.datetime(2026, 3, day, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_done_and_latest(staff_user):
    assert snapshot_runs(actor=staff_user) == {"done": None, "latest": None}
    done = SnapshotRun.objects.create(requested_at=at(1), state=SnapshotRun.State.DONE)
    with CaptureQueriesContext(connection) as queries:
        assert snapshot_runs(actor=staff_user) == {"done": done, "latest": done}
    assert len(queries) == 1
    running = SnapshotRun.objects.create(requested_at=at(2), state=SnapshotRun.State.RUNNING)
    assert snapshot_runs(actor=staff_user) == {"done": done, "latest": running}
    SnapshotRun.objects.create(requested_at=at(3), state=SnapshotRun.State.FAILED)
    newer = SnapshotRun.objects.create(requested_at=at(4), state=SnapshotRun.State.DONE)
    assert snapshot_runs(actor=staff_user) == {"done": newer, "latest": newer}
    failed = SnapshotRun.objects.create(requested_at=at(5), state=SnapshotRun.State.FAILED)
    assert snapshot_runs(actor=staff_user) == {"done": newer, "latest": failed}
