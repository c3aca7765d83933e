"""Writes of reporting: the monthly snapshots (docs/reporting.md).

``snapshots_refresh`` rebuilds them set-wise: one INSERT … SELECT fills a working table with one row
per business (area, sector, size, baseline from the baseline year's turnover, the dates it was
verified and closed), one UPDATE per kind of help sets its bit from that module's ``outcome_steps``
selector, then one INSERT … SELECT per month groups the businesses registered by that month's end
into cells, reading each business's recent turnover through the (business, period) unique index.
Nothing loops over businesses or turnover rows in Python.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from binaumkm.core import audit, policy
from binaumkm.core.hooks import FunnelStep, collect
from binaumkm.registry.choices import BusinessStatus, Verification
from binaumkm.registry.models import Business, BusinessStatusChange, TurnoverReport

from .events import Event
from .models import BusinessProfile, Snapshot, SnapshotRun
from .months import add_months, month_start, months_between
from .recovery import Rule

PACK = 64  # see _month_insert
STALE_RUN = datetime.timedelta(hours=2)  # a run "running" longer than this died with its worker


def help_steps() -> list[FunnelStep]:
    """Every module's kinds of help (the ``outcome_steps`` hook), in app order; the position is the
    step's bit in ``Snapshot.help_bits``."""
    steps = [step for _label, found in collect("outcome_steps") for step in found]
    return steps[:62]  # a signed 64-bit integer holds the bits


def last_complete_month(today: datetime.date | None = None) -> datetime.date:
    return add_months(month_start(today or timezone.localdate()), -1)


def refresh_months(rule: Rule, today: datetime.date | None = None) -> list[datetime.date]:
    """The months a full refresh writes: from January after the baseline year to last month."""
    return months_between(datetime.date(rule.baseline_year + 1, 1, 1), last_complete_month(today))


@transaction.atomic
def snapshots_refresh_request(*, actor) -> SnapshotRun:
    """Staff's "perbarui" button: queue a full refresh for the worker (one at a time)."""
    policy.require(actor, "add", SnapshotRun)
    busy = SnapshotRun.objects.select_for_update().filter(
        state__in=[SnapshotRun.State.QUEUED, SnapshotRun.State.RUNNING],
        requested_at__gte=timezone.now() - STALE_RUN,
    )
    if busy.exists():
        raise ValidationError(_("Pembaruan snapshot sedang berjalan; tunggu sampai selesai."))
    run = SnapshotRun.objects.create(requested_by=actor, requested_at=timezone.now())
    audit.record(actor=actor, action=Event.SNAPSHOTS_REQUESTED, obj=run)

    def enqueue() -> None:
        from .tasks import snapshots_refresh_task

        snapshots_refresh_task.enqueue(run.pk)

    transaction.on_commit(enqueue)
    return run


def snapshots_refresh(
    *, actor=None, month: datetime.date | None = None, run: SnapshotRun | None = None,
    today: datetime.date | None = None,
) -> SnapshotRun:  # fmt: skip
    """Rebuild the snapshots of every month (``month`` None) or of one month. ``actor`` None: the
    scheduler. Each month is written in its own transaction (a page reads whole months; the run's
    progress is visible meanwhile); the run records the kinds of help the bits stand for. When the
    kinds of help changed since the last run, every month is rebuilt, so the bits mean one thing."""
    rule = Rule.from_settings()
    steps = help_steps()
    step_rows = [[bit, step.name, str(step.label)] for bit, step in enumerate(steps)]
    months = refresh_months(rule, today)
    if month is not None:
        previous = SnapshotRun.objects.filter(state=SnapshotRun.State.DONE).first()
        if previous is not None and previous.steps == step_rows:
            months = [month_start(month)]
    if run is None:
        run = SnapshotRun.objects.create(requested_by=actor, requested_at=timezone.now())
    _progress(run, state=SnapshotRun.State.RUNNING, started_at=timezone.now(), months_total=len(months),
              months_done=0, steps=step_rows)  # fmt: skip
    try:
        with transaction.atomic():
            _profiles_rebuild(rule, steps)
        for done, each in enumerate(months, start=1):
            with transaction.atomic():
                Snapshot.objects.filter(month=each).delete()
                _month_insert(each, rule)
            _progress(run, months_done=done)
        with transaction.atomic():
            BusinessProfile.objects.all().delete()  # a working copy: not kept between runs
            _progress(run, state=SnapshotRun.State.DONE, finished_at=timezone.now(),
                      first_month=months[0] if months else None, last_month=months[-1] if months else None)  # fmt: skip
            audit.record(
                actor=actor, action=Event.SNAPSHOTS_REFRESHED, obj=run,
                data={"months": len(months), "steps": [row[1] for row in step_rows]},
            )  # fmt: skip
    except Exception as error:
        _progress(run, state=SnapshotRun.State.FAILED, finished_at=timezone.now(), message=str(error)[:500])
        raise
    run.refresh_from_db()
    _module_lines_warm(run)
    return run


def _module_lines_warm(run: SnapshotRun) -> None:
    """Compute the modules' dashboard lines of this refresh for everyone who may open the dashboard,
    in each language, so that their first view reads kept lines too (``selectors.module_lines``)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from .selectors import module_lines

    readers = get_user_model().objects.with_perm("reporting.view_outcomes", include_superusers=False)
    for user in readers.filter(is_active=True):
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                module_lines(actor=user, run=run)


def _progress(run: SnapshotRun, **fields: Any) -> None:
    SnapshotRun.objects.filter(pk=run.pk).update(**fields)
    for name, value in fields.items():
        setattr(run, name, value)


def _insert_select(table: str, columns: dict[str, str], queryset, params: list[Any] | None = None) -> None:
    """INSERT INTO table SELECT … FROM (the queryset) sub [GROUP BY …]: ``columns`` maps each target
    column to SQL over the queryset's columns, named ``sub.<name>`` (whatever order the ORM compiles
    them in); a trailing "GROUP BY" key in ``columns`` is appended as is. ``params`` come first."""
    sql, inner_params = queryset.query.sql_with_params()
    group = columns.pop("GROUP BY", "")
    # Keep the inner query whole (not flattened into the outer one), so its correlated subqueries run
    # once per row, not once per reference in the outer CASEs.
    if connection.vendor == "postgresql":
        sql += " OFFSET 0"
    elif connection.vendor == "sqlite":
        sql += " LIMIT -1"  # a subquery with LIMIT under an aggregate is never flattened
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
            f"SELECT {', '.join(columns.values())} FROM ({sql}) sub {group}",
            [*(params or []), *inner_params],
        )


def _profiles_rebuild(rule: Rule, steps: list[FunnelStep]) -> None:
    BusinessProfile.objects.all().delete()
    baseline = (
        TurnoverReport.objects.filter(business_id=OuterRef("pk"), period__year=rule.baseline_year)
        .order_by().values("business_id")
    )  # fmt: skip
    closing = BusinessStatusChange.objects.filter(
        business_id=OuterRef("pk"), new_status=BusinessStatus.CLOSED
    )
    rows = Business.objects.order_by().annotate(
        profile_id=F("pk"),
        base_sum=Coalesce(Subquery(baseline.annotate(s=Sum("turnover")).values("s")), Value(0)),
        base_n=Coalesce(Subquery(baseline.annotate(n=Count("pk")).values("n")), Value(0)),
        verified_when=Case(
            When(verification=Verification.VERIFIED, then=Coalesce(F("verified_at"), F("created_at"))), default=None
        ),
        # Closed now: since its latest change to "tutup" (registered closed: since registration). A
        # business closed once and reopened counts as open throughout (docs/reporting.md).
        closed_when=Case(
            When(status=BusinessStatus.CLOSED, then=Coalesce(
                Subquery(closing.order_by("-changed_at").values("changed_at")[:1]), F("created_at"))),
            default=None,
        ),
    ).values("profile_id", "kelurahan_id", "kbli_section", "size_class", "base_sum", "base_n", "created_at",
             "verified_when", "closed_when")  # fmt: skip
    _insert_select(
        BusinessProfile._meta.db_table,
        {
            "business_id": "sub.profile_id", "kelurahan_id": "sub.kelurahan_id", "kbli_section": "sub.kbli_section",
            "size_class": "sub.size_class", "base_sum": "sub.base_sum", "base_n": "sub.base_n", "band": "0",
            "help_bits": "0", "registered_at": "sub.created_at", "verified_at": "sub.verified_when",
            "closed_at": "sub.closed_when",
        },
        rows,
    )  # fmt: skip
    for bit, step in enumerate(steps):
        BusinessProfile.objects.filter(business_id__in=step.businesses(None)).update(
            help_bits=F("help_bits").bitor(1 << bit)
        )
    minimum = max(1, rule.min_baseline_months)
    bands = [
        When(base_sum__lt=F("base_n") * edge, then=Value(i)) for i, edge in enumerate(rule.bands, start=1)
    ]
    BusinessProfile.objects.filter(base_n__gte=minimum).update(
        band=Case(*bands, default=Value(len(rule.bands) + 1))
    )


def _month_insert(month: datetime.date, rule: Rule) -> None:
    """The cells of one month: businesses registered by its end (WIB), their state at its end and
    their turnover reported in the window of ``rule.recent_months`` months ending with it."""
    end = timezone.make_aware(datetime.datetime.combine(add_months(month, 1), datetime.time.min))
    recent = (
        TurnoverReport.objects.filter(
            business_id=OuterRef("business_id"), period__gte=add_months(month, 1 - min(rule.recent_months, PACK - 1)),
            period__lte=month,
        ).order_by().values("business_id")
    )  # fmt: skip
    # Sum and count in one probe of the (business, period) index: SUM × 64 + COUNT (a window holds
    # at most 63 months), unpacked by the outer query. Halves the work of the refresh.
    packed = ExpressionWrapper(Sum("turnover") * Value(PACK) + Count("pk"), output_field=BigIntegerField())
    rows = (
        BusinessProfile.objects.filter(registered_at__lt=end)
        .annotate(
            recent=Subquery(recent.annotate(packed=packed).values("packed")),
            is_verified=Case(When(verified_at__lt=end, then=Value(1)), default=Value(0)),
            is_closed=Case(When(closed_at__lt=end, then=Value(1)), default=Value(0)),
        )
        .values(
            "kelurahan_id",
            "kbli_section",
            "size_class",
            "band",
            "help_bits",
            "base_sum",
            "base_n",
            "recent",
            "is_verified",
            "is_closed",
        )  # fmt: skip
    )
    minimum, threshold = max(1, rule.min_baseline_months), int(rule.threshold_percent)
    open_ = "sub.is_closed = 0"
    based = f"{open_} AND sub.base_n >= {minimum:d}"
    assessed = f"{based} AND sub.recent IS NOT NULL"
    recent_sum, recent_n = f"(sub.recent / {PACK:d})", f"(sub.recent %% {PACK:d})"  # %%: the cursor's escape
    # The rule of recovery.is_recovered, in integers: recent avg ≥ threshold % of the baseline avg.
    recovered = f"{assessed} AND {recent_sum} * sub.base_n * 100 >= {threshold:d} * sub.base_sum * {recent_n}"
    keys = "sub.kelurahan_id, sub.kbli_section, sub.size_class, sub.band, sub.help_bits"
    _insert_select(
        Snapshot._meta.db_table,
        {
            "month": "%s", "kelurahan_id": "sub.kelurahan_id", "kbli_section": "sub.kbli_section",
            "size_class": "sub.size_class", "band": "sub.band", "help_bits": "sub.help_bits",
            "registered": "COUNT(*)", "verified": "SUM(sub.is_verified)", "closed": "SUM(sub.is_closed)",
            "no_baseline": f"SUM(CASE WHEN {open_} AND sub.base_n < {minimum:d} THEN 1 ELSE 0 END)",
            "no_recent": f"SUM(CASE WHEN {based} AND sub.recent IS NULL THEN 1 ELSE 0 END)",
            "assessed": f"SUM(CASE WHEN {assessed} THEN 1 ELSE 0 END)",
            "recovered": f"SUM(CASE WHEN {recovered} THEN 1 ELSE 0 END)",
            "GROUP BY": f"GROUP BY {keys}",
        },
        rows,
        params=[month.isoformat()],
    )  # fmt: skip
