"""The fair allocation as a service: load applicants in one query, allocate in memory
(``training.allocation``), write the result in bulk, record and announce it."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import audit

from .. import conf, eligibility
from ..allocation import Allocation, Applicant, allocate, new_seed
from ..models import Batch, BatchState, Pool, Registration, RegistrationStatus
from .common import ensure_agency, lock_batch
from .registrations import when

WRITE_CHUNK = 500
_EMPTY: frozenset[str] = frozenset()


def ensure_can_allocate(batch: Batch) -> None:
    if not batch.is_fair:
        raise ValidationError(
            _("Tahap ini memakai cara «siapa cepat dia dapat»: kursi sudah dibagi saat pendaftaran.")
        )
    if batch.state in (BatchState.ALLOCATED, BatchState.FINISHED):
        raise ValidationError(
            _(
                "Hasil seleksi tahap ini sudah diumumkan pada %(when)s (benih %(seed)s) dan tidak diacak ulang."
            )
            % {"when": when(batch.allocated_at) if batch.allocated_at else "-", "seed": batch.allocation_seed}
        )
    if not batch.registration_has_closed():
        raise ValidationError(
            _("Pendaftaran masih dibuka sampai %(when)s; tutup pendaftaran dahulu.")
            % {"when": when(batch.registration_closes_at)}
        )


def allocation_inputs(batch: Batch) -> tuple[list[Applicant], dict[int, int]]:
    """The pending applicants as plain tuples, and each kecamatan's count of eligible binaan."""
    pending = batch.registrations.filter(status=RegistrationStatus.PENDING)
    done = eligibility.trained_topics(pending.values("business_id"))
    topic = batch.programme.topic
    weights = conf.LOTTERY_WEIGHTS
    applicants = [
        Applicant(pk, kecamatan, eligibility.tier_for(topic, done.get(business_id, _EMPTY)),
                  weights.get(status, 1.0), priority)
        for pk, business_id, kecamatan, status, priority in pending.order_by().values_list(
            "id", "business_id", "business__kelurahan__kecamatan_id", "business__status", "priority"
        )
    ]  # fmt: skip
    shares = dict(
        eligibility.eligible_businesses(batch)
        .order_by()
        .values("kelurahan__kecamatan_id")
        .annotate(n=Count("id"))
        .values_list("kelurahan__kecamatan_id", "n")
    )
    return applicants, shares


def allocation_preview(*, actor, batch: Batch, seed: int | None = None) -> Allocation:
    """What publishing with this seed would do; writes nothing."""
    ensure_agency(actor)
    ensure_can_allocate(batch)
    applicants, shares = allocation_inputs(batch)
    return allocate(
        applicants, seats=batch.capacity, shares=shares, seed=new_seed() if seed is None else seed
    )


def _chunks(rows: list, size: int):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _write_placements(rows: list[tuple]) -> None:
    """UPDATE many registrations with different values in one statement per chunk (a VALUES list
    joined on id; both SQLite ≥ 3.33 and PostgreSQL run UPDATE … FROM)."""
    qn = connection.ops.quote_name
    table = qn(Registration._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in _chunks(rows, WRITE_CHUNK):
            values = ",".join(["(%s,%s,%s,%s,%s,%s)"] * len(chunk))
            cursor.execute(
                f"WITH v(rid, tier, kec, pool, lkey, rnk) AS (VALUES {values}) "  # noqa: S608 - fixed names
                f"UPDATE {table} SET {qn('tier')} = CAST(v.tier AS integer), "
                f"{qn('kecamatan_id')} = CAST(v.kec AS bigint), {qn('pool')} = v.pool, "
                f"{qn('lottery_key')} = CAST(v.lkey AS double precision), {qn('rank')} = CAST(v.rnk AS integer) "
                f"FROM v WHERE {table}.{qn('id')} = v.rid",
                [value for row in chunk for value in row],
            )


def allocation_publish(*, actor, batch: Batch, seed: int, digest: str = "") -> Allocation:
    """Allocate with ``seed`` and publish: seats, waiting list, the seed and the summary are stored,
    logged and announced. A published batch is never allocated again."""
    ensure_agency(actor)
    with transaction.atomic():
        batch = lock_batch(batch)
        ensure_can_allocate(batch)
        applicants, shares = allocation_inputs(batch)
        result = allocate(applicants, seats=batch.capacity, shares=shares, seed=seed)
        if digest and digest != result.digest:
            raise ValidationError(
                _(
                    "Data pendaftar berubah sejak pratinjau dibuat; periksa pratinjau yang baru sebelum mengumumkan."
                )
            )
        of = {a.id: a for a in applicants}
        _write_placements(
            [(p.id, of[p.id].tier, of[p.id].kecamatan, p.pool, p.key, p.rank) for p in result.placements]
        )
        now = timezone.now()
        pending = batch.registrations.filter(status=RegistrationStatus.PENDING)
        accepted = pending.filter(pool__in=[Pool.KECAMATAN, Pool.OPEN]).update(
            status=RegistrationStatus.ACCEPTED, decided_at=now
        )
        waiting = pending.update(status=RegistrationStatus.WAITLISTED, decided_at=now)
        old_state = batch.state
        batch.state = BatchState.ALLOCATED
        batch.allocation_seed = seed
        batch.allocation_summary = {
            "digest": result.digest,
            "kecamatan": {str(k): v for k, v in result.summary.items()},
            "accepted": accepted,
            "waiting": waiting,
        }
        batch.allocated_at, batch.allocated_by = now, actor
        batch.closed_at = batch.closed_at or now
        batch.save()
        audit.record(
            actor=actor,
            action="training.allocation.published",
            obj=batch,
            changes={"state": [old_state, batch.state]},
            data={"seed": seed, "digest": result.digest, "accepted": accepted, "waiting": waiting},
        )
        transaction.on_commit(lambda: _enqueue_notifications(batch.pk))
    return result


def _enqueue_notifications(batch_id: int) -> None:
    from ..tasks import allocation_notify_task

    allocation_notify_task.enqueue(batch_id)


def allocation_notify(batch_id: int) -> int:
    """E-mail every applicant their result (the waiting list with its position)."""
    from .. import notifications
    from .common import waitlist

    batch = Batch.objects.select_related("programme").get(pk=batch_id)
    sent = 0
    related = ("business__owner__user",)
    for registration in batch.registrations.filter(status=RegistrationStatus.ACCEPTED).select_related(
        *related
    ):
        registration.batch = batch
        sent += notifications.send_status(registration)
    for position, registration in enumerate(waitlist(batch).select_related(*related), start=1):
        registration.batch = batch
        sent += notifications.send_status(registration, position=position)
    return sent
