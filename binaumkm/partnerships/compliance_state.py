"""The kept compliance of each store (``models.ComplianceState``): computed set-wise for the stores
whose row is missing or not current, read by the dashboard as one row per store.

Rows are dropped by signals (``signals.py``) when a store, one of its partnerships or one of its
UMKM changes, so a write anywhere — a service, the admin, an import — is seen on the next read; the
daily refresh (``manage.py compliance_refresh``) rolls every row to the new day so that the first
visitor of the morning does not wait for it."""

from __future__ import annotations

import datetime
import hashlib
import json

from django.db.models import QuerySet

from . import compliance, conf
from .models import ComplianceState, Store

FIELDS = [
    "as_of",
    "rules",
    "required",
    "active",
    "compliant",
    "since",
    "days_in_state",
    "days_out",
    "month_ends",
]


def rules_fingerprint() -> str:
    """What the judgement depends on besides the data: the minimum per store type, the start of
    the rule's history and the chart's months."""
    required = conf.min_partners_by_type()
    from .models import StoreType

    rules = {
        "min": {t: required(t) for t in StoreType.values},
        "start": conf.HISTORY_START.isoformat(),
        "months": conf.CHART_MONTHS,
    }
    return hashlib.sha256(json.dumps(rules, sort_keys=True).encode()).hexdigest()


def states_refresh(stores: QuerySet[Store], today: datetime.date) -> int:
    """Judge ``stores`` as of ``today`` and keep the result (five queries whatever their number);
    returns how many."""
    from .selectors import intervals_by_store

    rows = list(stores.order_by().values_list("pk", "store_type", "opened_on", "closed_on"))
    if not rows:
        return 0
    intervals = intervals_by_store(Store.objects.filter(pk__in=[pk for pk, *_ in rows]))
    required, history_start, rules = conf.min_partners_by_type(), conf.HISTORY_START, rules_fingerprint()
    days = compliance.month_ends(today, conf.CHART_MONTHS)
    states = []
    for pk, store_type, opened_on, closed_on in rows:
        store_intervals = intervals.get(pk, [])
        minimum = required(store_type)
        end = min(today, closed_on) if closed_on else today
        state = compliance.evaluate(
            store_intervals, required=minimum, start=max(opened_on, history_start), today=end
        )
        month_ends = {
            day.isoformat(): compliance.count_on(store_intervals, day) >= minimum
            for day in days
            if opened_on <= day and (closed_on is None or day < closed_on)
        }
        states.append(
            ComplianceState(
                store_id=pk, as_of=today, rules=rules, required=minimum, active=state.active,
                compliant=state.compliant, since=state.since, days_in_state=state.days_in_state,
                days_out=state.days_out_of_compliance, month_ends=month_ends,
            )
        )  # fmt: skip
    # Two first visitors of a day may both compute: the later write wins with the same figures.
    ComplianceState.objects.bulk_create(
        states, update_conflicts=True, unique_fields=["store"], update_fields=FIELDS, batch_size=500
    )
    return len(states)


def states_current(stores: QuerySet[Store], today: datetime.date) -> None:
    """Compute the rows of ``stores`` that are missing or not current (none, most of the day)."""
    stale = stores.exclude(compliance_state__as_of=today, compliance_state__rules=rules_fingerprint())
    if stale.exists():
        states_refresh(stale, today)


def states_drop(*, store_ids=None, business_id=None) -> None:
    """Forget the kept state of some stores (they are judged again on the next read)."""
    qs = ComplianceState.objects.all()
    if store_ids is not None:
        qs = qs.filter(store_id__in=store_ids)
    if business_id is not None:
        qs = qs.filter(store__partnerships__business_id=business_id)
    qs.delete()
