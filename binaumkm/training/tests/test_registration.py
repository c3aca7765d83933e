"""Registration rules and refusals, first-come seats, the waiting list and offers."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from binaumkm.core.models import AuditEntry, Kecamatan, Kelurahan
from binaumkm.training import services
from binaumkm.training.models import (
    BatchState,
    Pool,
    Registration,
    RegistrationStatus,
    SelectionMode,
    Tier,
    Topic,
)
from binaumkm.training.tests.factories import (
    BatchFactory,
    ProgrammeFactory,
    RegistrationFactory,
    close_window,
    owner_with_business,
)

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def refusal(fn) -> str:
    with pytest.raises(ValidationError) as info:
        fn()
    return " ".join(info.value.messages)


def register(user, batch, business, answers=()):
    return services.registration_create(actor=user, batch=batch, business=business, answers=answers)


def test_owner_registers_in_window_pending_with_audit_and_email(areas):
    user, business = owner_with_business()
    batch = BatchFactory(questions=["Produk utama Anda?"])
    r = register(user, batch, business, ["Keripik tempe"])
    assert r.status == S.PENDING and r.tier == Tier.NEW
    assert r.answers == [["Produk utama Anda?", "Keripik tempe"]]
    assert AuditEntry.objects.filter(action="training.registration.created", object_id=str(r.pk)).exists()
    assert len(mail.outbox) == 1 and "sudah kami terima" in mail.outbox[0].body


def test_register_twice_is_refused(areas):
    user, business = owner_with_business()
    batch = BatchFactory()
    register(user, batch, business)
    assert "sudah terdaftar di angkatan ini" in refusal(lambda: register(user, batch, business))


def test_register_outside_window_is_refused(areas):
    user, business = owner_with_business()
    draft = BatchFactory(state=BatchState.DRAFT)
    assert "belum dibuka untuk pendaftaran" in refusal(lambda: register(user, draft, business))
    later = BatchFactory(
        registration_opens_at=timezone.now() + datetime.timedelta(days=1),
        registration_closes_at=timezone.now() + datetime.timedelta(days=2),
    )
    assert "belum dibuka; dibuka pada" in refusal(lambda: register(user, later, business))
    closed = close_window(BatchFactory())
    assert "sudah ditutup pada" in refusal(lambda: register(user, closed, business))
    by_staff = BatchFactory(state=BatchState.CLOSED, closed_at=timezone.now())
    assert "sudah ditutup pada" in refusal(lambda: register(user, by_staff, business))


@pytest.mark.parametrize(
    ("batch_fields", "business_fields", "expected"),
    [
        ({}, {"verification": "baru"}, "belum terverifikasi"),
        ({"sectors": ["I"]}, {"kbli_section": "C"}, "hanya untuk sektor: I – Penyediaan Akomodasi"),
        ({"size_classes": ["kecil"]}, {"size_class": "mikro"}, "hanya untuk usaha skala: Kecil"),
        ({"statuses": ["stagnan"]}, {"status": "aktif"}, "hanya untuk usaha berstatus: Stagnan"),
    ],
)
def test_ineligible_business_is_told_which_rule(areas, batch_fields, business_fields, expected):
    user, business = owner_with_business(**business_fields)
    batch = BatchFactory(**batch_fields)
    assert expected in refusal(lambda: register(user, batch, business))


def test_kecamatan_rule_names_the_kecamatan(areas):
    user, business = owner_with_business(kelurahan=Kelurahan.objects.get(name="Kauman"))  # Pasar Kliwon
    batch = BatchFactory()
    batch.kecamatan.set([Kecamatan.objects.get(name="Laweyan")])
    assert "hanya untuk UMKM di kecamatan: Laweyan" in refusal(lambda: register(user, batch, business))


def test_new_to_topic_rule_and_tiers_from_history(areas):
    user, business = owner_with_business()
    old = BatchFactory(programme=ProgrammeFactory(topic=Topic.DIGITAL_MARKETING))
    RegistrationFactory(batch=old, business=business, status=S.ACCEPTED, completed=True)
    same_topic = BatchFactory(
        programme=ProgrammeFactory(topic=Topic.DIGITAL_MARKETING), new_to_topic_only=True
    )
    assert "sudah pernah lulus pelatihan bertopik “Pemasaran digital”" in refusal(
        lambda: register(user, same_topic, business)
    )
    other_topic = BatchFactory(programme=ProgrammeFactory(topic=Topic.PACKAGING))
    assert register(user, other_topic, business).tier == Tier.OTHER_TOPIC
    same_open = BatchFactory(programme=ProgrammeFactory(topic=Topic.DIGITAL_MARKETING))
    assert register(user, same_open, business).tier == Tier.SAME_TOPIC


def test_someone_elses_business_is_refused(areas):
    user, _mine = owner_with_business()
    _other, theirs = owner_with_business()
    with pytest.raises(PermissionDenied):
        register(user, BatchFactory(), theirs)


def test_answers_are_required(areas):
    user, business = owner_with_business()
    batch = BatchFactory(questions=["Produk utama?"])
    assert "Jawab semua pertanyaan" in refusal(lambda: register(user, batch, business, []))
    assert "Jawab pertanyaan “Produk utama?”" in refusal(lambda: register(user, batch, business, ["  "]))


def test_withdraw_before_close_and_register_again(areas):
    user, business = owner_with_business()
    batch = BatchFactory()
    r = register(user, batch, business)
    services.registration_cancel(actor=user, registration=r)
    r.refresh_from_db()
    assert r.status == S.CANCELLED
    again = register(user, batch, business)
    assert again.pk == r.pk and again.status == S.PENDING


def test_withdraw_after_close_pending_is_refused(areas):
    user, business = owner_with_business()
    batch = BatchFactory()
    r = register(user, batch, business)
    close_window(batch)
    assert "sedang diseleksi" in refusal(lambda: services.registration_cancel(actor=user, registration=r))


def test_first_come_first_served_then_waiting_list(areas):
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=2)
    results = []
    for _ in range(4):
        user, business = owner_with_business()
        results.append(register(user, batch, business))
    assert [r.status for r in results] == [S.ACCEPTED, S.ACCEPTED, S.WAITLISTED, S.WAITLISTED]
    assert results[0].pool == Pool.ORDER
    assert services.waitlist_position(results[2]) == 1 and services.waitlist_position(results[3]) == 2
    assert "daftar tunggu nomor 2" in mail.outbox[-1].body


def _fcfs_full(n_waiting=2):
    batch = BatchFactory(selection_mode=SelectionMode.FCFS, capacity=1)
    people = [owner_with_business() for _ in range(1 + n_waiting)]
    regs = [register(u, batch, b) for u, b in people]
    return batch, people, regs


def test_cancelled_seat_is_offered_to_next_with_deadline(areas):
    batch, people, (seat, first, second) = _fcfs_full()
    mail.outbox.clear()
    services.registration_cancel(actor=people[0][0], registration=seat)
    first.refresh_from_db()
    assert first.status == S.OFFERED
    expected = first.offered_at + datetime.timedelta(hours=48)
    assert first.offer_expires_at == expected
    assert any("Ada kursi kosong" in m.subject for m in mail.outbox)
    assert AuditEntry.objects.filter(action="training.offer.made", object_id=str(first.pk)).exists()
    services.offer_accept(actor=people[1][0], registration=first)
    first.refresh_from_db()
    assert (first.status, first.pool) == (S.ACCEPTED, Pool.WAITLIST)
    second.refresh_from_db()
    assert second.status == S.WAITLISTED


def test_declined_offer_passes_to_the_next(areas):
    batch, people, (seat, first, second) = _fcfs_full()
    services.registration_cancel(actor=people[0][0], registration=seat)
    first.refresh_from_db()
    services.offer_decline(actor=people[1][0], registration=first)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.DECLINED and second.status == S.OFFERED


def test_expired_offer_cannot_be_accepted_and_passes_on(areas):
    batch, people, (seat, first, second) = _fcfs_full()
    services.registration_cancel(actor=people[0][0], registration=seat)
    Registration.objects.filter(pk=first.pk).update(
        offer_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    message = refusal(lambda: services.offer_accept(actor=people[1][0], registration=first))
    assert "sudah kedaluwarsa" in message
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.EXPIRED and second.status == S.OFFERED  # the expiry was kept


def test_expiry_command_is_safe_to_run_repeatedly(areas):
    batch, people, (seat, first, second) = _fcfs_full()
    services.registration_cancel(actor=people[0][0], registration=seat)
    past = timezone.now() - datetime.timedelta(seconds=1)
    Registration.objects.filter(pk=first.pk).update(offer_expires_at=past)
    call_command("expire_training_offers")
    call_command("expire_training_offers")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == S.EXPIRED and second.status == S.OFFERED
    assert AuditEntry.objects.filter(action="training.offer.expired").count() == 1
    assert services.offer_expire(second.pk) is False  # not yet due


def test_expiry_is_scheduled_on_a_deferring_backend(areas, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    batch, people, (seat, first, second) = _fcfs_full()
    services.registration_cancel(actor=people[0][0], registration=seat)
    first.refresh_from_db()
    scheduled = DBTaskResult.objects.get(task_path__endswith="offer_expire_task")
    assert scheduled.run_after == first.offer_expires_at
    assert scheduled.args_kwargs["args"] == [first.pk]


def test_staff_priority_needs_reason_and_reorders_waiting_list(areas, staff_user):
    batch, people, (seat, first, second) = _fcfs_full()
    assert "Tulis alasan" in refusal(
        lambda: services.registration_set_priority(
            actor=staff_user, registration=second, priority=1, reason=""
        )
    )
    services.registration_set_priority(
        actor=staff_user, registration=second, priority=1, reason="Korban banjir, rekomendasi lurah"
    )
    entry = AuditEntry.objects.get(action="training.registration.priority_changed")
    assert entry.data["reason"] == "Korban banjir, rekomendasi lurah" and entry.changes["priority"] == [0, 1]
    second.refresh_from_db()
    first.refresh_from_db()
    assert services.waitlist_position(second) == 1 and services.waitlist_position(first) == 2
    services.registration_cancel(actor=people[0][0], registration=seat)
    second.refresh_from_db()
    assert second.status == S.OFFERED
    with pytest.raises(PermissionDenied):
        services.registration_set_priority(
            actor=people[1][0], registration=first, priority=5, reason="saya dulu"
        )


def test_priority_only_while_waiting(areas, staff_user):
    batch, people, (seat, first, second) = _fcfs_full()
    assert "hanya dapat diubah" in refusal(
        lambda: services.registration_set_priority(
            actor=staff_user, registration=seat, priority=1, reason="alasan kuat"
        )
    )
