"""The fair allocation as a service: load applicants in one query, allocate in memory
(``core.allocation``), write the result in bulk, record and announce it."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.allocation import Allocation, Applicant, Placement, Quota, allocate, new_seed
from binaumkm.core.models import Kelurahan

from .. import conf, eligibility
from ..events import Event
from ..models import Batch, BatchState, Pool, Registration, RegistrationStatus, Tier
from .common import lock_batch
from .registrations import when


def ensure_can_allocate(batch: Batch) -> None:
    if not batch.is_fair:
        raise ValidationError(
            _("Angkatan ini memakai cara “siapa cepat dia dapat”: kursi sudah dibagi saat pendaftaran.")
        )
    if batch.state in (BatchState.ALLOCATED, BatchState.FINISHED):
        raise ValidationError(
            _(
                "Hasil seleksi angkatan ini sudah diumumkan pada %(when)s (kode undian %(seed)s) dan tidak diacak ulang."
            )
            % {"when": when(batch.allocated_at) if batch.allocated_at else "-", "seed": batch.allocation_seed}
        )
    if not batch.registration_has_closed():
        raise ValidationError(
            _("Pendaftaran masih dibuka sampai %(when)s; tutup pendaftaran dahulu.")
            % {"when": when(batch.registration_closes_at)}
        )


def allocation_inputs(batch: Batch) -> tuple[list[Applicant], dict[int | None, int]]:
    """The pending applicants as plain tuples, and each kecamatan's count of eligible binaan."""
    applicants, shares, _changed = _inputs(batch)
    return applicants, shares


def _inputs(batch: Batch) -> tuple[list[Applicant], dict[int | None, int], dict[int, tuple]]:
    """Also returns {registration id: (kecamatan id, tier)} for the few applicants whose business
    moved or whose training history changed since registering: publishing corrects them."""
    pending = batch.registrations.filter(status=RegistrationStatus.PENDING)
    done = eligibility.trained_topics(pending.values("business_id"))
    topic = batch.programme.topic
    weights = conf.lottery_weights()
    kecamatan_of = dict(Kelurahan.objects.values_list("pk", "kecamatan_id"))
    rows = pending.order_by().values_list(
        "id", "business_id", "business__kelurahan_id", "business__status", "priority", "kecamatan_id", "tier"
    )
    applicants, changed, new = [], {}, tuple.__new__  # tuple.__new__: no Python-level __new__ per row
    for pk, business_id, kelurahan, status, priority, stored_kecamatan, stored_tier in rows:
        kecamatan = kecamatan_of.get(kelurahan)
        tier = eligibility.tier_for(topic, done[business_id]) if business_id in done else Tier.NEW
        applicants.append(new(Applicant, (pk, (kecamatan,), tier, weights.get(status, 1.0), priority)))
        if stored_kecamatan != kecamatan or stored_tier != tier:
            changed[pk] = (kecamatan, tier)
    shares: dict[int | None, int] = dict(
        eligibility.eligible_businesses(batch)
        .order_by()
        .values("kelurahan__kecamatan_id")
        .annotate(n=Count("id"))
        .values_list("kelurahan__kecamatan_id", "n")
    )
    return applicants, shares, changed


def kecamatan_quota(seats: int, shares: dict[int | None, int]) -> list[Quota]:
    """Seats reserved per kecamatan in proportion to its eligible binaan (the one quota of training)."""
    return [Quota.proportional(Pool.KECAMATAN.value, seats, shares)]


def allocation_preview(*, actor: User, batch: Batch, seed: int | None = None) -> Allocation:
    """What publishing with this seed would do; writes nothing."""
    policy.require(actor, "change", batch)
    ensure_can_allocate(batch)
    applicants, shares = allocation_inputs(batch)
    return allocate(
        applicants,
        seats=batch.capacity,
        quotas=kecamatan_quota(batch.capacity, shares),
        seed=new_seed() if seed is None else seed,
    )


PLACEMENT_TABLE = "training_placement_tmp"


def _group(changed: dict[int, tuple]) -> dict[tuple, list[int]]:
    groups: dict[tuple, list[int]] = {}
    for pk, values in changed.items():
        groups.setdefault(values, []).append(pk)
    return groups


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _write_placements(placements: list[Placement], *, decided_at: datetime.datetime) -> None:
    """Write every placement in one UPDATE joined to a temporary table filled by executemany with
    the placements themselves: on 100,000 rows several times faster than chunked UPDATEs (SQLite
    ≥ 3.33 and PostgreSQL both run UPDATE … FROM)."""
    qn = connection.ops.quote_name
    table, tmp = qn(Registration._meta.db_table), qn(PLACEMENT_TABLE)
    accepted, waiting = RegistrationStatus.ACCEPTED.value, RegistrationStatus.WAITLISTED.value
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {tmp}")
        id_type = "integer" if connection.vendor == "sqlite" else "bigint"  # SQLite: the rowid itself
        cursor.execute(  # the columns of allocation.Placement, in order
            f"CREATE TEMPORARY TABLE {tmp} (rid {id_type} PRIMARY KEY, sel boolean, pool varchar(15), "
            "rnk integer, lkey double precision)"
        )
        if connection.vendor == "postgresql":  # COPY: executemany sends 100,000 statements
            with cursor.cursor.copy(f"COPY {tmp} (rid, sel, pool, rnk, lkey) FROM STDIN") as copy:
                for placement in placements:
                    copy.write_row(placement)
        else:
            cursor.executemany(f"INSERT INTO {tmp} VALUES (%s, %s, %s, %s, %s)", placements)
        cursor.execute(
            f"UPDATE {table} SET {qn('status')} = CASE WHEN p.sel THEN %s ELSE %s END, {qn('pool')} = p.pool, "  # noqa: S608
            f"{qn('rank')} = p.rnk, {qn('lottery_key')} = p.lkey, {qn('decided_at')} = %s "
            f"FROM {tmp} AS p WHERE {table}.{qn('id')} = p.rid",
            [accepted, waiting, connection.ops.adapt_datetimefield_value(decided_at)],
        )
        cursor.execute(f"DROP TABLE {tmp}")


def allocation_publish(*, actor: User, batch: Batch, seed: int, digest: str = "") -> Allocation:
    """Allocate with ``seed`` and publish: seats, waiting list, the seed and the summary are stored,
    logged and announced. A published batch is never allocated again."""
    policy.require(actor, "change", batch)
    with transaction.atomic():
        batch = lock_batch(batch)
        ensure_can_allocate(batch)
        applicants, shares, changed = _inputs(batch)
        result = allocate(
            applicants, seats=batch.capacity, quotas=kecamatan_quota(batch.capacity, shares), seed=seed
        )
        if digest and digest != result.digest:
            raise ValidationError(
                _(
                    "Data pendaftar berubah sejak pratinjau dibuat; periksa pratinjau yang baru sebelum mengumumkan."
                )
            )
        now = timezone.now()
        _write_placements(result.placements, decided_at=now)
        for (kecamatan, tier), ids in _group(changed).items():
            for chunk in _chunks(ids, 5000):
                Registration.objects.filter(pk__in=chunk).update(kecamatan_id=kecamatan, tier=tier)
        accepted, waiting = len(result.selected), len(result.waiting)
        old_state = batch.state
        batch.state = BatchState.ALLOCATED
        batch.allocation_seed = seed
        batch.allocation_summary = {
            "digest": result.digest,
            "kecamatan": {str(k): v for k, v in result.summary[Pool.KECAMATAN].items()},
            "accepted": accepted,
            "waiting": waiting,
        }
        batch.allocated_at, batch.allocated_by = now, actor
        batch.closed_at = batch.closed_at or now
        batch.save()
        audit.record(
            actor=actor,
            action=Event.ALLOCATION_PUBLISHED,
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
