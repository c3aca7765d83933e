"""The snapshot refresh applies the recovery rule set-wise: the same hand-made cases as
test_recovery.py, counted per cell, and the same answer as the pure rule per business."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from binaumkm.core.audit import AuditEntry
from binaumkm.core.hooks import FunnelStep
from binaumkm.registry.models import Business, TurnoverReport
from binaumkm.reporting import services
from binaumkm.reporting.events import Event
from binaumkm.reporting.models import BusinessProfile, Snapshot, SnapshotRun
from binaumkm.reporting.recovery import Outcome, Rule, classify
from binaumkm.reporting.tests.conftest import MAY, NOV, OCT, TODAY, month


def totals(month, **filters):
    fields = ["registered", "verified", "closed", "no_baseline", "no_recent", "assessed", "recovered"]
    got = Snapshot.objects.filter(month=month, **filters).aggregate(**{f: Sum(f) for f in fields})
    return {f: got[f] or 0 for f in fields}


@pytest.mark.django_db
def test_refresh_counts_the_hand_made_cases(world):
    run = services.snapshots_refresh(today=TODAY)
    assert run.state == SnapshotRun.State.DONE
    assert (run.first_month, run.last_month, run.months_done) == (month(2026, 1), NOV, 11)
    assert totals(NOV) == {"registered": 8, "verified": 7, "closed": 1, "no_baseline": 3, "no_recent": 1,
                           "assessed": 3, "recovered": 2}  # fmt: skip
    assert totals(OCT)["registered"] == 7  # H registered in November
    # F closed on 10 June: recovered in May, counted apart from June on.
    assert totals(MAY, kbli_section="G")["recovered"] == 1
    assert totals(month(2026, 6), kbli_section="G") | {"registered": 1} == {
        "registered": 1, "verified": 1, "closed": 1, "no_baseline": 0, "no_recent": 0, "assessed": 0, "recovered": 0,
    }  # fmt: skip
    assert not BusinessProfile.objects.exists()  # the working table is not kept
    assert AuditEntry.objects.filter(action=Event.SNAPSHOTS_REFRESHED).count() == 1


@pytest.mark.django_db
def test_refresh_agrees_with_the_pure_rule_for_each_business(world):
    services.snapshots_refresh(today=TODAY)
    rule = Rule.from_settings()
    expected = dict.fromkeys(Outcome, 0)
    for business in Business.objects.all():
        reports = {r.period: r.turnover for r in business.turnover_reports.all()}
        baseline = [v for p, v in reports.items() if p.year == 2025]
        recent = [v for p, v in reports.items() if month(2026, 9) <= p <= NOV]
        expected[
            classify(baseline=baseline, recent=recent, closed=business.status == "tutup", rule=rule)
        ] += 1
    got = totals(NOV)
    assert (got["recovered"], got["assessed"] - got["recovered"], got["no_baseline"], got["no_recent"], got["closed"]) == (
        expected[Outcome.RECOVERED], expected[Outcome.NOT_RECOVERED], expected[Outcome.NO_BASELINE],
        expected[Outcome.NO_RECENT], expected[Outcome.CLOSED],
    )  # fmt: skip


@pytest.mark.django_db
def test_help_bits_come_from_the_outcome_steps(world, monkeypatch):
    helped = Business.objects.filter(name__in=["A", "C"]).values("pk")
    monkeypatch.setattr(services, "help_steps", lambda: [FunnelStep("x", "X", lambda since: helped)])
    run = services.snapshots_refresh(today=TODAY)
    assert run.steps == [[0, "x", "X"]]
    assert totals(NOV, help_bits=1) | {"verified": 0} == {
        "registered": 2, "verified": 0, "closed": 0, "no_baseline": 0, "no_recent": 0, "assessed": 2, "recovered": 1,
    }  # fmt: skip
    # bands: A and C average 10 jt → band 3 (5–15 jt) with the default edges
    assert set(Snapshot.objects.filter(month=NOV, help_bits=1).values_list("band", flat=True)) == {3}


@pytest.mark.django_db
def test_one_month_refresh_and_the_command(world):
    services.snapshots_refresh(today=TODAY)
    TurnoverReport.objects.filter(business__name="C", period=NOV).update(turnover=9_000_000)
    services.snapshots_refresh(month=NOV, today=TODAY)
    assert totals(NOV)["recovered"] == 3
    assert SnapshotRun.objects.first().months_done == 1
    call_command("refresh_snapshots", "--bulan", "2026-11")
    assert totals(NOV)["recovered"] == 3


@pytest.mark.django_db(transaction=True)
def test_staff_request_runs_in_the_background_and_one_at_a_time(world, staff_user, owner_user):
    run = services.snapshots_refresh_request(actor=staff_user)  # tests run tasks at once
    run.refresh_from_db()
    assert run.state == SnapshotRun.State.DONE and run.requested_by == staff_user
    assert AuditEntry.objects.filter(action=Event.SNAPSHOTS_REQUESTED).count() == 1
    SnapshotRun.objects.create(requested_at=timezone.now(), state=SnapshotRun.State.RUNNING)
    with pytest.raises(ValidationError, match="sedang berjalan"):
        services.snapshots_refresh_request(actor=staff_user)
    with pytest.raises(PermissionDenied):
        services.snapshots_refresh_request(actor=owner_user)
