"""The fair booth allocation as a service: load the curated applications in a few queries, draw with
the shared engine (``core.allocation``: quotas by kecamatan and sector, first-timers first, rotation
last, curation score as weight), give each chosen applicant the booth that suits them
(``booths.assign``) as a time-limited offer, and put everyone else on the waiting list."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.accounts.models import User
from binaumkm.core import audit, policy
from binaumkm.core.allocation import Allocation, Applicant, Quota, allocate, largest_remainder, new_seed
from binaumkm.registry.selectors import business_eligible

from .. import curation
from ..booths import assign
from ..events import Event
from ..models import Application, Assignment, AssignmentState, Exhibition, Pool, State, Status, Tier, Venue
from .applications import _state_changed, dates
from .common import ensure_state, free_booths, lock_exhibition, offer_deadline, schedule_offer_expiry, when

EXHIBITED = (Status.ACCEPTED, Status.CHECKED_IN)


@dataclass
class Draw:
    """The engine's result with what the exhibition adds: the booth each chosen applicant is offered,
    the places each quota splits, and each applicant's tier and weight as drawn."""

    result: Allocation
    booths: dict[int, int]  # application id: booth id
    seats: int
    quota_seats: dict[str, int]
    tiers: dict[int, int]
    weights: dict[int, float]


def months_before(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 - months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def tiers_for(exhibition: Exhibition, business_ids) -> dict[int, int]:
    """{business id: tier}: never exhibited (1), exhibited before (2), exhibited within the rotation
    window before this exhibition's first day (3). "Exhibited" = accepted a booth at another
    exhibition that started before this one."""
    first, _last = dates(exhibition)
    first = first or timezone.localdate()
    starts = dict(
        Venue.objects.order_by()
        .values("exhibition_id")
        .annotate(first=Min("start_date"))
        .values_list("exhibition_id", "first")
    )
    last: dict[int, datetime.date] = {}
    rows = (
        Application.objects.filter(business_id__in=business_ids, status__in=EXHIBITED)
        .exclude(exhibition=exhibition)
        .values_list("business_id", "exhibition_id")
    )
    for business, other in rows:
        start = starts.get(other)
        if start is not None and start < first and (business not in last or start > last[business]):
            last[business] = start
    window = months_before(first, exhibition.rotation_months) if exhibition.rotation_months else None
    return {b: Tier.ROTATION if window and d >= window else Tier.RETURNING for b, d in last.items()}


def _draw_tier(exhibition: Exhibition, tier: int) -> int:
    """The tier the draw uses: without first-timer priority, first-timers and returning exhibitors
    share tier 1; rotation always comes last."""
    if tier == Tier.ROTATION:
        return 3
    return int(tier) if exhibition.first_timer_priority else 1


def quota_seats(seats: int, percent: int) -> int:
    return (seats * percent + 50) // 100  # rounded half up


def _inputs(exhibition: Exhibition):
    rows = list(
        exhibition.applications.filter(status=Status.CURATED)
        .order_by()
        .values_list("id", "business_id", "business__kelurahan__kecamatan_id", "sector", "curation_score")
    )
    tier_of = tiers_for(
        exhibition, exhibition.applications.filter(status=Status.CURATED).values("business_id")
    )
    applicants, tiers, weights, kecamatan = [], {}, {}, {}
    for pk, business, kec, sector, score in rows:
        tier = tier_of.get(business, Tier.NEW)
        weight = curation.lottery_weight(score) if exhibition.curation_weighted else 1.0
        tiers[pk], weights[pk], kecamatan[pk] = tier, weight, kec
        applicants.append(Applicant(pk, (kec, sector), _draw_tier(exhibition, tier), weight))
    booths = free_booths(exhibition)
    seats = len(booths)
    kec_seats = quota_seats(seats, exhibition.kecamatan_quota_percent)
    sector_seats = quota_seats(seats, exhibition.sector_quota_percent)
    shares = dict(
        business_eligible().order_by().values("kelurahan__kecamatan_id").annotate(n=Count("id"))
        .values_list("kelurahan__kecamatan_id", "n")
    )  # fmt: skip
    sectors = list(exhibition.target_sectors or sorted({row[3] for row in rows}))
    quotas = [
        Quota.proportional(Pool.KECAMATAN.value, kec_seats, shares),
        Quota(Pool.SECTOR.value, largest_remainder(sector_seats, dict.fromkeys(sectors, 1))),
    ]
    return (
        applicants,
        quotas,
        booths,
        tiers,
        weights,
        kecamatan,
        {"kecamatan": kec_seats, "sektor": sector_seats},
    )


def ensure_can_allocate(exhibition: Exhibition) -> None:
    if exhibition.allocation_seed is not None:
        raise ValidationError(
            _(
                "Hasil alokasi pameran ini sudah diumumkan pada %(when)s (kode undian %(seed)s) dan tidak diacak ulang."
            )
            % {
                "when": when(exhibition.allocated_at) if exhibition.allocated_at else "-",
                "seed": exhibition.allocation_seed,
            }
        )
    ensure_state(exhibition, State.ALLOCATION)


def _draw(exhibition: Exhibition, seed: int) -> tuple[Draw, dict[int, int]]:
    applicants, quotas, booths, tiers, weights, kecamatan, seats_by_quota = _inputs(exhibition)
    if not booths:
        raise ValidationError(_("Tidak ada booth yang bebas untuk dibagi."))
    result = allocate(applicants, seats=len(booths), quotas=quotas, seed=seed)
    wishes_of = {
        a.id: a
        for a in Application.objects.filter(pk__in=[p.id for p in result.selected]).only(
            "id", "preferred_venue_id", "needs_electricity", "sector"
        )
    }
    from .common import wish_of

    wishes = [wish_of(wishes_of[p.id]) for p in result.selected]
    draw = Draw(result, assign(wishes, booths), len(booths), seats_by_quota, tiers, weights)
    return draw, kecamatan


def allocation_preview(*, actor: User, exhibition: Exhibition, seed: int | None = None) -> Draw:
    """What publishing with this seed would do; writes nothing."""
    policy.require(actor, "change", exhibition)
    ensure_can_allocate(exhibition)
    return _draw(exhibition, new_seed() if seed is None else seed)[0]


def allocation_publish(*, actor: User, exhibition: Exhibition, seed: int, digest: str = "") -> Draw:
    """Draw with ``seed`` and publish: offers with their booths, the waiting list, the seed and the
    summary are stored, logged and announced. A published allocation is never drawn again."""
    policy.require(actor, "change", exhibition)
    with transaction.atomic():
        exhibition = lock_exhibition(exhibition)
        ensure_can_allocate(exhibition)
        draw, kecamatan = _draw(exhibition, seed)
        result = draw.result
        if digest and digest != result.digest:
            raise ValidationError(
                _(
                    "Data pendaftar atau booth berubah sejak pratinjau dibuat; periksa pratinjau yang baru sebelum mengumumkan."
                )
            )
        now = timezone.now()
        _write_placements(
            [
                (p.id, Status.OFFERED if p.selected else Status.WAITLISTED, p.pool, p.rank, p.key,
                 draw.tiers[p.id], draw.weights[p.id], kecamatan[p.id])
                for p in result.placements
            ],
            decided_at=now,
        )  # fmt: skip
        venue_of = {b.id: b.venue_id for b in free_booths(exhibition)}
        deadline = offer_deadline(exhibition, now)
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(application_id=app_id, booth_id=booth_id, venue_id=venue_of[booth_id],
                           state=AssignmentState.HELD, offered_at=now, expires_at=deadline)
                for app_id, booth_id in draw.booths.items()
            ]
        )  # fmt: skip
        offered, waiting = len(result.selected), len(result.waiting)
        old = exhibition.state
        exhibition.state = State.CONFIRMED
        exhibition.allocation_seed = seed
        exhibition.allocation_summary = {
            "digest": result.digest,
            "seats": draw.seats,
            "quota_seats": draw.quota_seats,
            "kecamatan": {str(k): v for k, v in result.summary[Pool.KECAMATAN].items()},
            "sektor": {str(k): v for k, v in result.summary[Pool.SECTOR].items()},
            "tiers": {str(t): list(v) for t, v in result.by_tier.items()},
            "offered": offered,
            "waiting": waiting,
        }
        exhibition.allocated_at, exhibition.allocated_by = now, actor
        exhibition.save()
        _state_changed(actor, exhibition, old)
        audit.record(
            actor=actor,
            action=Event.ALLOCATION_PUBLISHED,
            obj=exhibition,
            data={"seed": seed, "digest": result.digest, "offered": offered, "waiting": waiting},
        )
        chosen = Application.objects.filter(pk__in=draw.booths).select_related("business", "exhibition")
        audit.record_many(
            actor=actor, action=Event.OFFER_MADE, objs=chosen, data={"expires_at": deadline.isoformat()}
        )
        ids = [a.pk for a in assignments]
        transaction.on_commit(partial(_after_publish, exhibition.pk, ids))
    return draw


PLACEMENT_TABLE = "exhibitions_placement_tmp"
COLUMNS = ("status", "pool", "rank", "lottery_key", "tier", "weight", "kecamatan_id")


def _write_placements(rows: list[tuple], *, decided_at: datetime.datetime) -> None:
    """Write every applicant's result in one UPDATE joined to a temporary table of the rows (as
    training does): Django's ``bulk_update`` builds a CASE per row and field, 20 times slower here."""
    qn = connection.ops.quote_name
    table, tmp = qn(Application._meta.db_table), qn(PLACEMENT_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {tmp}")
        id_type = "integer" if connection.vendor == "sqlite" else "bigint"  # SQLite: the rowid itself
        cursor.execute(
            f"CREATE TEMPORARY TABLE {tmp} (aid {id_type} PRIMARY KEY, st varchar(15), pl varchar(15), "
            "rnk integer, lkey double precision, tr smallint, wt double precision, kec bigint)"
        )
        if connection.vendor == "postgresql":  # COPY: executemany sends a statement per row
            with cursor.cursor.copy(f"COPY {tmp} (aid, st, pl, rnk, lkey, tr, wt, kec) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {tmp} VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
        sets = ", ".join(
            f"{qn(c)} = p.{v}"
            for c, v in zip(COLUMNS, ("st", "pl", "rnk", "lkey", "tr", "wt", "kec"), strict=True)
        )
        cursor.execute(
            f"UPDATE {table} SET {sets}, {qn('decided_at')} = %s FROM {tmp} AS p WHERE {table}.{qn('id')} = p.aid",  # noqa: S608
            [connection.ops.adapt_datetimefield_value(decided_at)],
        )
        cursor.execute(f"DROP TABLE {tmp}")


def _after_publish(exhibition_id: int, assignment_ids: list[int]) -> None:
    from ..tasks import allocation_notify_task

    allocation_notify_task.enqueue(exhibition_id)
    for pk in assignment_ids:
        schedule_offer_expiry(pk)


def allocation_notify(exhibition_id: int) -> int:
    """E-mail every offer, and each waiting applicant their position."""
    from .. import notifications

    sent = 0
    held = Assignment.objects.filter(application__exhibition_id=exhibition_id, state=AssignmentState.HELD)
    for pk in held.values_list("pk", flat=True):
        sent += notifications.offer_made(pk)
    waiting = Application.objects.filter(exhibition_id=exhibition_id, status=Status.WAITLISTED).order_by(
        "rank", "id"
    )
    for position, pk in enumerate(waiting.values_list("pk", flat=True), start=1):
        sent += notifications.status_changed(pk, position=position)
    return sent
