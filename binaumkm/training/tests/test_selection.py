"""The fair allocation as a service: inputs from the database, publish, reproducibility, refusals."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command

from binaumkm.core.models import AuditEntry, Kecamatan, Kelurahan
from binaumkm.registry.tests.factories import BusinessFactory
from binaumkm.training import services
from binaumkm.training.models import BatchState, Pool, Registration, RegistrationStatus, Tier
from binaumkm.training.tests.factories import (
    BatchFactory,
    ProgrammeFactory,
    RegistrationFactory,
    close_window,
    owner_with_business,
)

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def _kelurahan(kecamatan_name):
    return Kelurahan.objects.filter(kecamatan__name=kecamatan_name).order_by("code").first()


@pytest.fixture
def contest(areas):
    """A closed fair batch: 6 seats; eligible binaan 2:1 between Laweyan and Jebres; 8 applicants
    from Laweyan, 2 from Jebres, 2 from Banjarsari (no other eligible binaan there)."""
    batch = BatchFactory(capacity=6)
    laweyan, jebres, banjarsari = _kelurahan("Laweyan"), _kelurahan("Jebres"), _kelurahan("Banjarsari")
    BusinessFactory.create_batch(12, kelurahan=laweyan)
    BusinessFactory.create_batch(6, kelurahan=jebres)
    BusinessFactory.create_batch(3, kelurahan=banjarsari, verification="baru")  # not eligible: no share
    regs = [owner_with_business(kelurahan=laweyan) for _ in range(8)]
    regs += [owner_with_business(kelurahan=jebres) for _ in range(2)]
    regs += [owner_with_business(kelurahan=banjarsari) for _ in range(2)]
    for user, business in regs:
        services.registration_create(actor=user, batch=batch, business=business)
    return close_window(batch)


def test_inputs_count_eligible_binaan_per_kecamatan(contest):
    applicants, shares = services.allocation_inputs(contest)
    names = dict(Kecamatan.objects.values_list("pk", "name"))
    named = {names[k]: n for k, n in shares.items()}
    # 12 + 8 applicants' own businesses in Laweyan, 6 + 2 in Jebres, 2 verified in Banjarsari
    assert named == {"Laweyan": 20, "Jebres": 8, "Banjarsari": 2}
    assert len(applicants) == 12


def test_preview_writes_nothing_and_publish_stores_result(contest, staff_user):
    preview = services.allocation_preview(actor=staff_user, batch=contest, seed=77)
    assert Registration.objects.filter(status=S.PENDING).count() == 12
    mail.outbox.clear()
    result = services.allocation_publish(actor=staff_user, batch=contest, seed=77, digest=preview.digest)
    assert [p.id for p in result.selected] == [p.id for p in preview.selected]
    contest.refresh_from_db()
    assert contest.state == BatchState.ALLOCATED and contest.allocation_seed == 77
    accepted = Registration.objects.filter(status=S.ACCEPTED)
    assert set(accepted.values_list("id", flat=True)) == {p.id for p in result.selected}
    assert accepted.count() == 6 and Registration.objects.filter(status=S.WAITLISTED).count() == 6
    # Quotas of 6 seats by 20:8:2 -> 4, 2, 0 (largest remainder); each filled from its own kecamatan
    quotas = {k: v["target"] for k, v in contest.allocation_summary["kecamatan"].items()}
    names = dict(Kecamatan.objects.values_list("pk", "name"))
    assert {names[int(k)]: v for k, v in quotas.items()} == {"Laweyan": 4, "Jebres": 2, "Banjarsari": 0}
    for r in Registration.objects.all():
        assert r.rank and r.lottery_key is not None and r.kecamatan_id
        assert r.pool in ((Pool.KECAMATAN, Pool.OPEN) if r.status == S.ACCEPTED else ("",))
    entry = AuditEntry.objects.get(action="training.allocation.published")
    assert entry.data["seed"] == 77 and entry.data["accepted"] == 6
    # Everyone is told, in Indonesian
    assert len(mail.outbox) == 12
    assert sum("mendapat kursi" in m.body for m in mail.outbox) == 6
    assert sum("daftar tunggu nomor" in m.body for m in mail.outbox) == 6


def test_same_seed_reproduces_published_result(contest, staff_user):
    from binaumkm.core.allocation import allocate

    applicants, shares = services.allocation_inputs(contest)
    services.allocation_publish(actor=staff_user, batch=contest, seed=4242)
    published = list(Registration.objects.order_by("rank").values_list("id", "status"))
    # Re-running with the recorded seed on the same inputs gives the same order and the same seats.
    rerun = allocate(
        applicants,
        seats=contest.capacity,
        quotas=services.kecamatan_quota(contest.capacity, shares),
        seed=4242,
    )
    assert [(p.id, S.ACCEPTED if p.selected else S.WAITLISTED) for p in rerun.placements] == published
    contest.refresh_from_db()
    assert rerun.digest == contest.allocation_summary["digest"]


def test_second_run_is_refused_and_does_not_reshuffle(contest, staff_user):
    services.allocation_publish(actor=staff_user, batch=contest, seed=1)
    before = list(Registration.objects.order_by("id").values_list("status", "rank"))
    contest.refresh_from_db()
    for attempt in (
        lambda: services.allocation_publish(actor=staff_user, batch=contest, seed=2),
        lambda: services.allocation_preview(actor=staff_user, batch=contest, seed=2),
    ):
        with pytest.raises(ValidationError) as info:
            attempt()
        assert "sudah diumumkan" in info.value.messages[0] and "tidak diacak ulang" in info.value.messages[0]
    assert list(Registration.objects.order_by("id").values_list("status", "rank")) == before


def test_publish_refused_while_open_or_for_first_come(areas, staff_user):
    batch = BatchFactory()
    with pytest.raises(ValidationError, match="masih dibuka"):
        services.allocation_preview(actor=staff_user, batch=batch)
    fcfs = close_window(BatchFactory(selection_mode="urutan"))
    with pytest.raises(ValidationError, match="siapa cepat dia dapat"):
        services.allocation_preview(actor=staff_user, batch=fcfs)


def test_stale_preview_is_not_published(contest, staff_user):
    preview = services.allocation_preview(actor=staff_user, batch=contest, seed=5)
    Registration.objects.filter(pk=preview.placements[-1].id).update(priority=3)  # changed since preview
    with pytest.raises(ValidationError, match="berubah sejak pratinjau"):
        services.allocation_publish(actor=staff_user, batch=contest, seed=5, digest=preview.digest)
    assert Registration.objects.filter(status=S.PENDING).count() == 12


def test_tiers_from_training_history_decide_seats(areas, staff_user):
    kel = _kelurahan("Serengan")
    batch = BatchFactory(capacity=2, programme=ProgrammeFactory(topic="kemasan"))
    veteran_same = owner_with_business(kelurahan=kel)
    veteran_other = owner_with_business(kelurahan=kel)
    newcomers = [owner_with_business(kelurahan=kel) for _ in range(2)]
    RegistrationFactory(batch=BatchFactory(programme=ProgrammeFactory(topic="kemasan")), business=veteran_same[1],
                        status=S.ACCEPTED, completed=True)  # fmt: skip
    RegistrationFactory(batch=BatchFactory(programme=ProgrammeFactory(topic="ekspor")), business=veteran_other[1],
                        status=S.ACCEPTED, completed=True)  # fmt: skip
    for user, business in [veteran_same, veteran_other, *newcomers]:
        services.registration_create(actor=user, batch=batch, business=business)
    close_window(batch)
    for seed in (1, 2, 3):
        result = services.allocation_preview(actor=staff_user, batch=batch, seed=seed)
        assert {p.id for p in result.selected} == set(
            Registration.objects.filter(batch=batch, business__in=[b for _u, b in newcomers]).values_list(
                "id", flat=True
            )
        )
    services.allocation_publish(actor=staff_user, batch=batch, seed=9)
    tiers = dict(Registration.objects.filter(batch=batch).values_list("business_id", "tier"))
    assert tiers[veteran_same[1].pk] == Tier.SAME_TOPIC and tiers[veteran_other[1].pk] == Tier.OTHER_TOPIC
    waiting = services.waitlist(batch)
    assert [r.business_id for r in waiting] == [veteran_other[1].pk, veteran_same[1].pk]


def test_freed_seat_after_publish_goes_to_first_on_waiting_list(contest, staff_user):
    services.allocation_publish(actor=staff_user, batch=contest, seed=11)
    contest.refresh_from_db()
    head = services.waitlist(contest).first()
    seat = (
        Registration.objects.filter(batch=contest, status=S.ACCEPTED)
        .select_related("business__owner__user")
        .first()
    )
    services.registration_cancel(actor=seat.business.owner.user, registration=seat)
    head.refresh_from_db()
    assert head.status == S.OFFERED


def test_command_previews_and_publishes(contest, staff_user, capsys):
    call_command("allocate_training", str(contest.pk), "--seed", "12", "--as", staff_user.username)
    assert Registration.objects.filter(status=S.PENDING).count() == 12
    assert "kode undian 12" in capsys.readouterr().out
    call_command(
        "allocate_training", str(contest.pk), "--seed", "12", "--publish", "--as", staff_user.username
    )
    contest.refresh_from_db()
    assert contest.state == BatchState.ALLOCATED and contest.allocation_seed == 12


def test_explanation_names_tier_quota_and_position(contest, staff_user):
    from binaumkm.training.selectors import explanation

    services.allocation_publish(actor=staff_user, batch=contest, seed=3)
    accepted = Registration.objects.filter(status=S.ACCEPTED, pool=Pool.KECAMATAN).first()
    text = " ".join(explanation(accepted))
    assert "Tingkat prioritas 1" in text and "kuota Kecamatan" in text and "kode undian 3" in text
    waiting = services.waitlist(contest).first()
    text = " ".join(explanation(waiting))
    assert "Nomor daftar tunggu: 1." in text
