"""Migration 0012 installs the search indexes on the database in use (SQLite: the FTS5 tables and
their triggers; PostgreSQL: the GIN full-text and trigram indexes) and removes them when reversed;
rows written while it was unapplied are found after it is applied again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from binaumkm.registry import selectors

from .factories import BusinessFactory, OwnerFactory

BEFORE = [("registry", "0011_dashboard_indexes")]
AFTER = [("registry", "0012_search_index")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def search_objects() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE name LIKE 'registry_business_fts%' "
                "OR name LIKE 'registry_owner_fts%'"
            )
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'registry_%_fts_idx' "
                "OR indexname LIKE 'registry_%_trgm_idx'"
            )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_the_search_migration_runs_backwards_and_forwards(staff_user):
    installed = search_objects()
    expected = (
        {"registry_business_fts", "registry_owner_fts"}
        | {f"registry_{t}_fts_{s}" for t in ("business", "owner") for s in ("ai", "ad", "au")}
        if connection.vendor == "sqlite"
        else {f"registry_{t}_{k}_idx" for t in ("business", "owner") for k in ("fts", "trgm")}
    )
    assert expected <= installed
    try:
        migrate(BEFORE)
        assert not search_objects() & expected
        BusinessFactory(name="Batik Ditulis Saat Mundur", owner=OwnerFactory(full_name="Tutik Rahayu"))
    finally:
        migrate(AFTER)
    assert search_objects() == installed
    assert [b.name for b in selectors.business_list(actor=staff_user, filters={"q": "ditulis"})] == [
        "Batik Ditulis Saat Mundur"
    ]
    by_owner = selectors.business_list(actor=staff_user, filters={"q": "tutik", "cari_di": "pemilik"})
    assert [b.name for b in by_owner] == ["Batik Ditulis Saat Mundur"]
