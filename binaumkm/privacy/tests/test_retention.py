"""Retention: `manage.py apply_retention` anonymises owners whose businesses have all been closed
longer than the retention period; a dry run lists them and changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.registry.models import Business, BusinessStatusChange, Owner
from binaumkm.registry.tests.factories import BusinessFactory

from .conftest import NIK, settle_for

pytestmark = pytest.mark.django_db


def close(business, *, days_ago: int):
    Business.objects.filter(pk=business.pk).update(status="tutup")
    BusinessStatusChange.objects.create(
        business=business, old_status="aktif", new_status="tutup",
        changed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )  # fmt: skip


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def short_retention(settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "PRIVACY": {"RETENTION_DAYS_CLOSED_BUSINESS": 365}}


def test_dry_run_lists_and_changes_nothing_then_the_run_anonymises(owner, staff_user, short_retention):
    settlement = settle_for(owner, staff_user)
    close(owner.businesses.get(), days_ago=400)
    output = run("--dry-run")
    assert owner.reference in output and "akan dianonimkan" in output
    assert Owner.objects.get(pk=owner.pk).nik == NIK
    assert not AuditEntry.objects.filter(action="privacy.retention.applied").exists()

    output = run()
    owner.refresh_from_db()
    assert owner.nik.startswith("ANON") and owner.phone == "" and not owner.user.is_active
    assert settlement.lines.get().business.owner == owner  # the financial record stays
    entry = AuditEntry.objects.get(action="privacy.retention.applied", object_id=str(owner.pk))
    assert entry.actor is None and entry.data["days"] == 365
    assert "1 pemilik dianonimkan" in output
    assert owner.reference not in run("--dry-run")  # done once


def test_recently_closed_or_still_open_owners_are_kept(owner, short_retention):
    close(owner.businesses.get(), days_ago=100)
    second = BusinessFactory(owner__full_name="Budi")
    close(second, days_ago=800)
    BusinessFactory(owner=second.owner, name="Masih buka")
    output = run("--dry-run")
    assert "0 pemilik" in output
    run()
    assert Owner.objects.get(pk=owner.pk).nik == NIK
    assert not Owner.objects.filter(nik__startswith="ANON").exists()


def test_default_period_is_five_years(owner):
    close(owner.businesses.get(), days_ago=400)
    assert "0 pemilik" in run("--dry-run")
    BusinessStatusChange.objects.all().delete()
    close(owner.businesses.get(), days_ago=5 * 365 + 2)
    assert owner.reference in run("--dry-run")


def test_answered_requests_lose_their_text_after_their_own_period(owner, staff_user, settings):
    from binaumkm.privacy import services
    from binaumkm.privacy.models import DataRequest

    settings.BINAUMKM = {**settings.BINAUMKM, "PRIVACY": {"RETENTION_DAYS_FINISHED_REQUESTS": 30}}
    old = services.request_create(
        actor=owner.user, kind="koreksi", fields=["nik"], message="NIK saya 3372..."
    )
    services.request_complete(actor=staff_user, request=old, outcome="Diperbaiki.")
    DataRequest.objects.filter(pk=old.pk).update(handled_at=timezone.now() - datetime.timedelta(days=31))
    recent = services.request_create(actor=owner.user, kind="koreksi", message="Nama saya Sri")
    services.request_complete(actor=staff_user, request=recent, outcome="Diperbaiki.")

    assert f"{old.reference}: keterangan pemilik akan dihapus" in run("--dry-run")
    assert DataRequest.objects.get(pk=old.pk).message
    output = run()
    old.refresh_from_db()
    assert (old.message, old.fields, old.outcome, old.state) == ("", [], "Diperbaiki.", "selesai")
    assert DataRequest.objects.get(pk=recent.pk).message == "Nama saya Sri"
    assert AuditEntry.objects.filter(action="privacy.retention.applied", object_id=str(old.pk)).exists()
    assert "1 permintaan selesai" in output
    assert Owner.objects.get(pk=owner.pk).nik == NIK  # the owner's own period has not passed
