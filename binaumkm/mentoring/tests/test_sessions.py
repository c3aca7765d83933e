"""Sessions: bounds and states, the owner's confirmation from home or by a one-time link that works
once and expires, and private notes kept out of every message to the owner."""

import datetime

import pytest
from django.core import mail, signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from binaumkm.core.models import AuditEntry
from binaumkm.mentoring import services
from binaumkm.mentoring.confirmation import make_token
from binaumkm.mentoring.events import Event
from binaumkm.mentoring.models import ConfirmedVia, EngagementState

from .factories import EngagementFactory, MentorFactory

pytestmark = pytest.mark.django_db
SECRET = "Pemilik tampak kurang serius"


@pytest.fixture
def engagement(owned_business, mentor, programme):
    return EngagementFactory(business=owned_business, mentor=mentor, programme=programme)


def data(**overrides):
    return {"held_on": timezone.localdate(), "mode": "kunjungan", "minutes": 90, "topics": ["pembukuan"],
            "summary": "Menyusun buku kas sederhana.", "private_notes": SECRET, "next_steps": "Isi buku kas",
            **overrides}  # fmt: skip


def test_recording_updates_contact_and_visit_and_mails_the_owner_a_link_without_the_notes(engagement, mentor):
    visit = timezone.localdate() + datetime.timedelta(days=7)
    session = services.session_record(
        actor=mentor.user, engagement=engagement, data=data(next_visit_on=visit)
    )
    engagement.refresh_from_db()
    assert engagement.last_contact_on == timezone.localdate() and engagement.next_visit_on == visit
    assert session.mentor == mentor and session.confirm_nonce
    (message,) = mail.outbox
    assert message.to == ["sri@example.com"] and "Menyusun buku kas" in message.body
    assert SECRET not in message.body and "/pendampingan/konfirmasi/" in message.body
    entry = AuditEntry.objects.get(action=Event.SESSION_RECORDED)
    assert SECRET not in str(entry.data) and SECRET not in str(entry.changes)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("minutes", 0, "Durasi 1 sampai 600 menit."),
        ("minutes", 601, "Durasi 1 sampai 600 menit."),
        ("held_on", timezone.localdate() + datetime.timedelta(days=1), "tidak boleh di masa depan"),
        ("summary", " ", "Tulis ringkasan"),
        ("mode", "surat", "Pilih cara sesi."),
        ("topics", ["sulap"], "Topik tidak dikenal."),
    ],
)
def test_bad_sessions_are_refused_per_field(engagement, mentor, field, value, message):
    with pytest.raises(ValidationError) as exc:
        services.session_record(actor=mentor.user, engagement=engagement, data=data(**{field: value}))
    assert message in exc.value.message_dict[field][0]


def test_the_database_bounds_minutes_too(engagement):
    from django.db import IntegrityError, transaction

    from .factories import SessionFactory

    for minutes in (0, 601):
        with pytest.raises(IntegrityError), transaction.atomic():
            SessionFactory(engagement=engagement, minutes=minutes)


def test_sessions_only_while_intake_or_active_and_only_by_the_own_mentor_or_staff(
    engagement, mentor, staff_user
):
    with pytest.raises(PermissionDenied):
        services.session_record(actor=MentorFactory().user, engagement=engagement, data=data())
    assert services.session_record(actor=staff_user, engagement=engagement, data=data()).mentor == mentor
    engagement.state = EngagementState.ON_HOLD
    engagement.save()
    with pytest.raises(ValidationError, match="asesmen awal atau aktif"):
        services.session_record(actor=mentor.user, engagement=engagement, data=data())


def test_the_owner_confirms_once_from_home(engagement, mentor, owner_user):
    session = services.session_record(actor=mentor.user, engagement=engagement, data=data())
    with pytest.raises(PermissionDenied):
        services.session_confirm(actor=mentor.user, session=session)
    confirmed = services.session_confirm(actor=owner_user, session=session)
    assert confirmed.confirmed_via == ConfirmedVia.HOME and confirmed.confirm_nonce == ""
    with pytest.raises(ValidationError, match="sudah dikonfirmasi"):
        services.session_confirm(actor=owner_user, session=session)
    assert AuditEntry.objects.filter(action=Event.SESSION_CONFIRMED, actor=owner_user).exists()


def test_another_owner_cannot_confirm(engagement, mentor, areas):
    from binaumkm.accounts.roles import Role
    from binaumkm.core.testing import make_user

    session = services.session_record(actor=mentor.user, engagement=engagement, data=data())
    with pytest.raises(PermissionDenied):
        services.session_confirm(actor=make_user(Role.OWNER, username="lain"), session=session)


def test_the_link_works_once(engagement, mentor):
    session = services.session_record(actor=mentor.user, engagement=engagement, data=data())
    token = make_token(session.pk, session.confirm_nonce)
    confirmed = services.session_confirm_by_link(token=token)
    assert confirmed.confirmed_via == ConfirmedVia.LINK
    assert AuditEntry.objects.filter(action=Event.SESSION_CONFIRMED, actor__isnull=True).exists()
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.session_confirm_by_link(token=token)


def test_a_link_expires_and_a_forged_one_is_refused(engagement, mentor, monkeypatch):
    session = services.session_record(actor=mentor.user, engagement=engagement, data=data())
    token = make_token(session.pk, session.confirm_nonce)
    later = timezone.now() + datetime.timedelta(days=8)
    monkeypatch.setattr(signing.time, "time", lambda: later.timestamp())
    with pytest.raises(ValidationError, match="kedaluwarsa"):
        services.session_confirm_by_link(token=token)
    monkeypatch.undo()
    with pytest.raises(ValidationError, match="tidak sah"):
        services.session_confirm_by_link(token=token[:-2] + "xx")
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.session_confirm_by_link(token=make_token(session.pk, "tebakan"))
    session.refresh_from_db()
    assert session.confirmed_at is None
