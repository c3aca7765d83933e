"""The registry's search (issue 14 point 3): case- and accent-blind, word prefixes, best matches
first, owner names only when asked for and only those the actor may see, the other filters and the
capped count kept, the index followed on every write and used by the query, on SQLite and PostgreSQL."""

import dataclasses

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binaumkm.core import pagination
from binaumkm.core.testing import assert_constant_queries
from binaumkm.registry import search, selectors
from binaumkm.registry.models import Business

from .factories import BusinessFactory, OwnerFactory

pytestmark = pytest.mark.django_db
LIST = reverse("registry:business_list")
postgres_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL only")
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite only")


def found(client, **params):
    """The names the list shows, computed now: these tests write with factories and ``save()``,
    which leave no audit entry, so a list kept by core.freshness would not know of them."""
    cache.clear()
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [business.name for business in response.context["page_obj"]]


def test_search_forgives_case_and_accents_and_finds_word_prefixes(staff_client):
    BusinessFactory(name="Batik Sékar Arum")
    BusinessFactory(name="Kopi Gayo")
    assert found(staff_client, q="BATIK") == ["Batik Sékar Arum"]
    assert found(staff_client, q="sekar") == ["Batik Sékar Arum"]  # no accent typed
    assert found(staff_client, q="SÉKA ba") == ["Batik Sékar Arum"]  # prefixes of both words
    assert found(staff_client, q="kopi batik") == []  # every word must match
    assert found(staff_client, q="rum") == []  # a word's middle is no prefix


def test_better_matches_come_first(staff_client):
    first = BusinessFactory(name="Aneka Kerajinan Batik dan Seni Tari Kampung Kauman Lama")
    short = BusinessFactory(name="Batik Kauman")
    last = BusinessFactory(name="Kerajinan Batik Kampung Kauman Solo Baru Jaya Abadi")
    BusinessFactory(name="Warung Soto")
    ranked = found(staff_client, q="batik kauman")
    # The short name that is just the words first: not by name, nor newest, nor oldest first.
    assert ranked[0] == short.name and sorted(ranked) == sorted([first.name, short.name, last.name])


def test_a_common_word_beyond_the_rank_limit_lists_the_newest_first(staff_client, monkeypatch):
    monkeypatch.setattr(search, "BUSINESS_INDEX", dataclasses.replace(search.BUSINESS_INDEX, rank_limit=2))
    names = ["Aneka Kerajinan Batik dan Seni Tari Kampung Kauman Lama", "Batik Kauman", "Batik Sogan Laweyan"]
    for name in names:
        BusinessFactory(name=name)
    response = staff_client.get(LIST, {"q": "batik"})
    assert [b.name for b in response.context["page_obj"]] == names[::-1]  # 3 matches > 2: newest first
    assert response.context["page_obj"].paginator.count == 3
    assert found(staff_client, q="batik kauman") == [names[1], names[0]]  # 2 matches: ranked


def test_nib_prefix_and_reference_find_the_business(staff_client):
    wanted = BusinessFactory(name="Serabi Notosuman", nib="9120000000001")
    BusinessFactory(name="Serabi Lain", nib="8120000000002")
    assert found(staff_client, q="91200") == ["Serabi Notosuman"]
    assert found(staff_client, q=wanted.reference) == ["Serabi Notosuman"]  # "UMKM-000123"
    assert found(staff_client, q=f"umkm {wanted.pk}") == ["Serabi Notosuman"]


def test_owner_names_are_searched_only_when_asked_for(staff_client):
    BusinessFactory(name="Kopi Gayo", owner=OwnerFactory(full_name="Sri Wahyuni"))
    BusinessFactory(name="Wahyuni Laundry", owner=OwnerFactory(full_name="Budi Santoso"))
    assert found(staff_client, q="wahyuni") == ["Wahyuni Laundry"]  # the business name, not the owner
    assert found(staff_client, q="wahyuni", cari_di="pemilik") == ["Kopi Gayo"]
    assert found(staff_client, q="SRI wahy", cari_di="pemilik") == ["Kopi Gayo"]
    assert found(staff_client, q="wahyuni", cari_di="usaha") == ["Wahyuni Laundry"]
    # The form offers the choice; an unknown value is ignored (a business search), not a 500.
    assert 'name="cari_di"' in staff_client.get(LIST).content.decode()
    assert found(staff_client, q="wahyuni", cari_di="nik") == ["Wahyuni Laundry"]


def test_an_owner_searches_only_their_own_businesses(owner_user, client):
    mine = BusinessFactory(
        name="Batik Milik Saya", owner=OwnerFactory(user=owner_user, full_name="Rina Lestari")
    )
    BusinessFactory(name="Batik Orang Lain", owner=OwnerFactory(full_name="Rina Handayani"))
    assert list(selectors.business_list(actor=owner_user, filters={"q": "batik"})) == [mine]
    assert list(selectors.business_search_list(actor=owner_user, filters={"q": "batik"})) == [mine]
    by_owner = selectors.business_list(actor=owner_user, filters={"q": "rina", "cari_di": "pemilik"})
    assert list(by_owner) == [mine]
    client.force_login(owner_user)
    assert client.get(LIST, {"q": "batik"}).status_code in (403, 404)  # the staff list is not theirs


def test_the_other_filters_and_the_capped_count_stay(staff_client, monkeypatch):
    for n in range(4):
        BusinessFactory(name=f"Batik Tulis {n}")
    BusinessFactory(name="Batik Cap Tutup", status="tutup")
    assert found(staff_client, q="batik", status="tutup") == ["Batik Cap Tutup"]
    monkeypatch.setattr(pagination.CappedPaginator, "cap", 3)
    response = staff_client.get(LIST, {"q": "batik", "status": "aktif"})
    assert response.context["page_obj"].paginator.capped
    assert "lebih dari" in response.content.decode()


def test_the_export_and_other_modules_get_a_plain_queryset_narrowed_by_the_index(staff_user):
    BusinessFactory(name="Bengkel Jaya")
    BusinessFactory(name="Batik Jaya")
    qs = selectors.business_list(actor=staff_user, filters={"q": "jaya"})
    assert [b.name for b in qs] == ["Batik Jaya", "Bengkel Jaya"]  # by name, as without search
    assert qs.filter(name__startswith="Be").count() == 1  # still a queryset others can narrow


def test_the_index_follows_every_write(staff_client):
    business = BusinessFactory(name="Wedang Uwuh")
    assert found(staff_client, q="wedang") == ["Wedang Uwuh"]
    business.name = "Jamu Gendong"
    business.save()
    assert found(staff_client, q="wedang") == [] and found(staff_client, q="jamu") == ["Jamu Gendong"]
    Business.objects.filter(pk=business.pk).update(status="stagnan")  # a column outside the index
    assert found(staff_client, q="jamu") == ["Jamu Gendong"]
    owner = business.owner
    owner.full_name = "Ratna Dewi"
    owner.save()
    assert found(staff_client, q="ratna", cari_di="pemilik") == ["Jamu Gendong"]
    business.delete()
    assert found(staff_client, q="jamu") == []


def test_the_search_list_query_count_does_not_grow_with_rows(staff_client):
    def grow(n):
        for i in range(Business.objects.count(), n):
            BusinessFactory(name=f"Batik {i}")

    assert_constant_queries(lambda: found(staff_client, q="batik"), grow, small=10, large=60)
    assert_constant_queries(lambda: found(staff_client, q="uji", cari_di="pemilik"), grow, small=60, large=90)


@sqlite_only
def test_sqlite_answers_from_the_fts5_table(staff_client):
    BusinessFactory(name="Batik Kauman", owner=OwnerFactory(full_name="Sri Wahyuni"))
    for params in ({"q": "batik"}, {"q": "sri", "cari_di": "pemilik"}):
        with CaptureQueriesContext(connection) as queries:
            found(staff_client, **params)
        sql = " ".join(q["sql"] for q in queries.captured_queries)
        assert "_fts MATCH" in sql and "LIKE" not in sql
    assert found(staff_client, q="batk") == []  # no near-word index on SQLite: typos find nothing


@postgres_only
def test_postgresql_plans_use_the_full_text_and_trigram_indexes(staff_user):
    BusinessFactory(name="Batik Kauman", owner=OwnerFactory(full_name="Sri Wahyuni"))
    near, params = search.BUSINESS_INDEX._pg_near(["batk"])  # what a search with no full-text match runs
    queries = [
        (selectors.business_list(actor=staff_user, filters={"q": "batik"}), "registry_business_fts_idx"),
        (selectors.business_list(actor=staff_user, filters={"q": "sri", "cari_di": "pemilik"}), "registry_owner_fts_idx"),
        (Business.objects.extra(where=[near], params=params), "registry_business_trgm_idx"),
    ]  # fmt: skip
    with connection.cursor() as cursor:
        # A test table is tiny: ask for an index plan, and one through a bitmap (as GIN indexes are
        # read), or the planner may walk the name index and test each row's vector instead.
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        for qs, index in queries:
            sql, sql_params = qs.query.sql_with_params()
            cursor.execute(f"EXPLAIN {sql}", sql_params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert index in plan, plan


@postgres_only
def test_postgresql_keeps_the_search_columns_current_through_its_trigger():
    business = BusinessFactory(name="Kópi Gayo", instagram="kopigayo.solo")
    Business.objects.filter(pk=business.pk).update(name="Jamu Gendong")  # an update outside the model
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_text FROM registry_business WHERE id = %s", [business.pk])
        assert cursor.fetchone()[0].startswith("jamu gendong ")


@postgres_only
def test_postgresql_shows_near_words_when_no_word_matches(staff_client):
    BusinessFactory(name="Batik Laweyan")
    BusinessFactory(name="Kopi Gayo")
    BusinessFactory(name="Batik Kauman")
    assert found(staff_client, q="batik laweyan") == ["Batik Laweyan"]  # a match: no near words
    assert found(staff_client, q="batk laweyn") == ["Batik Laweyan"]  # a near word for each typed one
    assert found(staff_client, q="batk") == ["Batik Laweyan", "Batik Kauman"]
    assert found(staff_client, q="kauma") == ["Batik Kauman"]  # a prefix is a match, not a near word
    assert found(staff_client, q="gayoo") == ["Kopi Gayo"]
    assert found(staff_client, q="zzzzq") == []


def test_the_index_is_declared_once_with_the_migrations_columns():
    from importlib import import_module

    migration = import_module("binaumkm.registry.migrations.0012_search_index")
    installed = [(i.table, i.columns, i.trigram, i.stored) for i in migration.INDEXES]
    assert installed == [
        (i.table, i.columns, i.trigram, i.stored) for i in (search.BUSINESS_INDEX, search.OWNER_INDEX)
    ]
