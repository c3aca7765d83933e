"""The staff dashboard reads indexes, not the whole business table: its tallies by verification and
status and its oldest-pending list each walk an index (at 100,000 UMKM a table scan and a sort cost
50-60 ms each, where staff land after signing in)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from binaumkm.registry import selectors

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan"),
]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_the_oldest_pending_come_from_the_queue_index_without_a_sort(staff_user):
    pending = selectors.registry_summary(actor=staff_user)["pending"]
    text = plan(pending)
    assert "registry_business_queue_idx" in text
    assert "TEMP B-TREE" not in text


def test_the_tallies_are_one_pass_over_the_tally_index(staff_user):
    with CaptureQueriesContext(connection) as queries:
        selectors.registry_summary(actor=staff_user)
    (tally,) = [q["sql"] for q in queries if "GROUP BY" in q["sql"] and "registry_business" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {tally}")
        text = "\n".join(str(row[-1]) for row in cursor.fetchall())
    assert "COVERING INDEX registry_business_tally_idx" in text
    assert "TEMP B-TREE" not in text
