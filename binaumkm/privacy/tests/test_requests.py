"""Data requests: owners ask, staff handle them before the deadline; deletion anonymises the owner and
keeps the records the law requires (settled consignment), saying why."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from binaumkm.accounts.models import User
from binaumkm.consignment.models import Sale, Settlement, SettlementLine
from binaumkm.core.models import AuditEntry
from binaumkm.privacy import services
from binaumkm.privacy.models import RequestState
from binaumkm.registry.models import Business, Owner

from .conftest import NIK, PHONE, settle_for

pytestmark = pytest.mark.django_db


def test_owner_asks_for_deletion_with_the_legal_deadline(owner):
    before = timezone.now()
    r = services.request_create(actor=owner.user, kind="hapus", message="Usaha saya tutup")
    assert r.state == RequestState.NEW and r.owner == owner
    assert before + datetime.timedelta(hours=72) <= r.due_at <= timezone.now() + datetime.timedelta(hours=72)
    assert AuditEntry.objects.filter(action="privacy.request.created", object_id=str(r.pk)).exists()


def test_deadline_is_a_setting_per_kind(owner, settings):
    settings.BINAUMKM = {**settings.BINAUMKM, "PRIVACY": {"DEADLINE_HOURS_CORRECTION": 24}}
    r = services.request_create(actor=owner.user, kind="koreksi", message="Nama saya Sri Rahayu")
    assert abs((r.due_at - r.created_at) - datetime.timedelta(hours=24)) < datetime.timedelta(seconds=1)


def test_a_correction_must_say_what_is_wrong_and_one_open_request_per_kind(owner):
    with pytest.raises(ValidationError, match="Sebutkan data"):
        services.request_create(actor=owner.user, kind="koreksi", message=" ")
    services.request_create(actor=owner.user, kind="koreksi", fields=["full_name"], message="Sri R.")
    with pytest.raises(ValidationError, match="masih diproses"):
        services.request_create(actor=owner.user, kind="koreksi", message="lagi")


def test_only_owners_may_ask(staff_user):
    with pytest.raises(PermissionDenied):
        services.request_create(actor=staff_user, kind="hapus")


def test_staff_start_then_complete_a_correction_with_an_outcome(owner, staff_user):
    r = services.request_create(actor=owner.user, kind="koreksi", message="Nama saya Sri Rahayu")
    r = services.request_start(actor=staff_user, request=r)
    assert (r.state, r.handled_by) == ("diproses", staff_user)
    with pytest.raises(ValidationError):
        services.request_complete(actor=staff_user, request=r, outcome="")
    r = services.request_complete(actor=staff_user, request=r, outcome="Nama diperbaiki.")
    assert (r.state, r.outcome) == ("selesai", "Nama diperbaiki.")
    assert AuditEntry.objects.filter(action="privacy.request.started", object_id=str(r.pk)).exists()
    assert AuditEntry.objects.filter(action="privacy.request.completed", object_id=str(r.pk)).exists()
    with pytest.raises(ValidationError, match="sudah selesai"):
        services.request_reject(actor=staff_user, request=r, outcome="x")


def test_a_rejection_needs_a_reason(owner, staff_user):
    r = services.request_create(actor=owner.user, kind="hapus")
    with pytest.raises(ValidationError):
        services.request_reject(actor=staff_user, request=r, outcome=" ")
    r = services.request_reject(actor=staff_user, request=r, outcome="Masih ada pinjaman berjalan.")
    assert r.state == "ditolak"
    assert AuditEntry.objects.filter(action="privacy.request.rejected", object_id=str(r.pk)).exists()
    assert Owner.objects.get(pk=owner.pk).nik == NIK  # nothing anonymised


def test_owners_and_partners_cannot_process(owner):
    r = services.request_create(actor=owner.user, kind="hapus")
    with pytest.raises(PermissionDenied):
        services.request_complete(actor=owner.user, request=r, outcome="")


def test_deletion_anonymises_the_owner_and_keeps_settled_consignment_records(owner, staff_user):
    settlement = settle_for(owner, staff_user)
    user_pk = owner.user_id
    r = services.request_create(actor=owner.user, kind="hapus")
    r = services.request_complete(actor=staff_user, request=r, outcome="")

    owner.refresh_from_db()
    assert owner.full_name == f"({owner.reference})"
    assert owner.nik.startswith("ANON") and NIK not in owner.nik
    assert (owner.phone, owner.email, owner.gender) == ("", "", "")
    assert Business.objects.get(owner=owner).whatsapp == ""
    user = User.objects.get(pk=user_pk)
    assert not user.is_active and not user.has_usable_password()
    assert (user.phone, user.email, user.full_name) == (None, "", "")
    assert PHONE not in user.username
    # The settled consignment records stay, attached to the (now nameless) business.
    line = SettlementLine.objects.get(settlement=settlement)
    assert line.business.owner == owner and line.paid_on is not None
    assert Settlement.objects.get(pk=settlement.pk).state == "lunas"
    assert Sale.objects.filter(business__owner=owner).count() == 1
    # The outcome says what was kept and why.
    assert r.state == "selesai"
    assert "Rekap pembayaran titip jual" in r.outcome and "wajib disimpan" in r.outcome
    for code in ("privacy.owner.erased", "registry.owner.anonymised", "accounts.user.anonymised"):
        assert AuditEntry.objects.filter(action=code).exists(), code


def test_deletion_without_records_to_keep_says_so(owner, staff_user):
    r = services.request_create(actor=owner.user, kind="hapus")
    r = services.request_complete(actor=staff_user, request=r, outcome="Sesuai permintaan.")
    assert r.outcome.startswith("Sesuai permintaan.")
    assert "Tidak ada catatan yang wajib disimpan" in r.outcome


def test_deleted_owner_can_no_longer_log_in(owner, staff_user, client):
    r = services.request_create(actor=owner.user, kind="hapus")
    services.request_complete(actor=staff_user, request=r, outcome="")
    from binaumkm.core.testing import TEST_PASSWORD

    assert not client.login(username=PHONE, password=TEST_PASSWORD)
