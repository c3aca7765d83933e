"""Ranked full-text search over a model's text columns, the same call on both databases.

SQLite (the embedded default) keeps an FTS5 table beside the model's table, filled by triggers, so
bulk inserts are indexed too; PostgreSQL keeps a GIN index over an unaccented ``tsvector`` of the
same columns. Both fold case and accents and match word prefixes ("bati" finds "Batik"). An app
installs an index from a migration (``TextIndex.install`` in ``RunPython``) and searches with
``TextIndex.filter(queryset, text)``, which keeps the queryset's own filters in the same query and
orders by relevance. ``highlight`` marks the matched words in escaped text for the page.

On PostgreSQL an index may also keep a trigram index (``pg_trgm``) over the same folded text
(``trigram=True``): when no row has the words, the search shows the rows with words close to them
("batk" finds "Batik"). SQLite has no such index; there a search finds whole words and word
prefixes only.

At a million rows a common word matches hundreds of thousands; ranking them all took seconds on
PostgreSQL. So results are ranked when at most ``rank_limit`` rows match (on PostgreSQL at most
``RANK_LIMIT`` when the index sets none), else the newest come first; the count stops at
``COUNT_CAP`` + 1, and the list then says "more than 10,000" and asks to narrow the filter.

``matching`` is the unranked form, a plain queryset filter for callers that keep their own order
(exports, other modules). Used by the catalogue's listings and the registry's businesses and
owners.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .pagination import COUNT_CAP

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: "Kopi Gayo Décafé" -> "kopi gayo decafe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def terms(text: str) -> list[str]:
    """The words a search looks for: folded, at most ``MAX_TERMS``, each cut to a sane length."""
    found = []
    for word in WORD.findall(fold(text or "")):
        word = word.strip("_")[:MAX_TERM_LENGTH]
        if word and word not in found:
            found.append(word)
    return found[:MAX_TERMS]


@dataclass(frozen=True)
class TextIndex:
    """A full-text index over ``columns`` of ``table`` (whose primary key is ``id``)."""

    table: str
    columns: tuple[str, ...]
    trigram: bool = False  # PostgreSQL only: also a pg_trgm index for near words (typos)
    # PostgreSQL only: keep the folded text and its tsvector in two columns a trigger fills, instead of
    # index expressions. Each row checked or ranked then costs a read, not a call of unaccent() and
    # to_tsvector() (~16 us a row: half a second to walk 30,000 rows at a million).
    stored: bool = False
    # Rank only when at most this many rows match; more (a common word), the newest come first.
    # None: SQLite ranks every match, PostgreSQL up to RANK_LIMIT (see the module docstring).
    rank_limit: int | None = None

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"

    # --- installing (from a migration) ----------------------------------------------------------------

    def install(self, schema_editor) -> None:
        run = schema_editor.execute
        if schema_editor.connection.vendor == "sqlite":
            cols = ", ".join(self.columns)
            new = ", ".join(f"new.{c}" for c in self.columns)
            old = ", ".join(f"old.{c}" for c in self.columns)
            fts = self.fts_table
            run(
                f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{self.table}', content_rowid='id', "
                "tokenize='unicode61 remove_diacritics 2')"
            )
            delete = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old});"
            insert = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new});"
            run(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {self.table} BEGIN {insert} END")
            run(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {self.table} BEGIN {delete} END")
            # Only a change of an indexed column re-indexes the row (a status change does not).
            run(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {self.table} BEGIN {delete} {insert} END")
            run(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        elif schema_editor.connection.vendor == "postgresql":
            run("CREATE EXTENSION IF NOT EXISTS unaccent")
            # unaccent() is only STABLE; an index expression needs an IMMUTABLE function.
            run(
                "CREATE OR REPLACE FUNCTION binaumkm_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE "
                "PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent', $1) $$"
            )
            if self.stored:
                self._install_pg_columns(run)
            vector, folded = (
                ("search_vector", "search_text") if self.stored else (self._pg_vector(), self._pg_folded())
            )
            run(f"CREATE INDEX {self.table}_fts_idx ON {self.table} USING gin ({vector})")
            if self.trigram:
                run("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                run(f"CREATE INDEX {self.table}_trgm_idx ON {self.table} USING gin ({folded} gin_trgm_ops)")
        else:  # pragma: no cover - the project supports these two databases
            raise NotImplementedError(schema_editor.connection.vendor)

    def uninstall(self, schema_editor) -> None:
        if schema_editor.connection.vendor == "sqlite":
            for suffix in ("ai", "ad", "au"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {self.fts_table}_{suffix}")
            schema_editor.execute(f"DROP TABLE IF EXISTS {self.fts_table}")
        elif schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {self.table}_fts_idx")
            schema_editor.execute(f"DROP INDEX IF EXISTS {self.table}_trgm_idx")
            if self.stored:
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {self.table}_search_fill ON {self.table}")
                schema_editor.execute(f"DROP FUNCTION IF EXISTS {self.table}_search_fill()")
                schema_editor.execute(f"ALTER TABLE {self.table} DROP COLUMN IF EXISTS search_vector, "
                                      "DROP COLUMN IF EXISTS search_text")  # fmt: skip

    def _install_pg_columns(self, run) -> None:
        """``search_text`` (folded) and ``search_vector`` columns, unknown to Django's models (its
        inserts leave them to the trigger), filled by a trigger on every insert and on every update
        of an indexed column, and filled now for the rows already there."""
        table = self.table
        folded = f"lower(binaumkm_unaccent({self._pg_joined('NEW')}))"
        run(f"ALTER TABLE {table} ADD COLUMN search_text text, ADD COLUMN search_vector tsvector")
        run(
            f"CREATE FUNCTION {table}_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"NEW.search_text := {folded}; "
            "NEW.search_vector := to_tsvector('simple'::regconfig, NEW.search_text); RETURN NEW; END $$"
        )
        run(
            f"CREATE TRIGGER {table}_search_fill BEFORE INSERT OR UPDATE OF {', '.join(self.columns)} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_search_fill()"
        )
        first = self.columns[0]  # naming an indexed column in SET fires the trigger: one pass, one rule
        run(f"UPDATE {table} SET {first} = {first}")

    # --- searching ----------------------------------------------------------------------------------------

    def _pg_joined(self, row: str = "") -> str:
        return " || ' ' || ".join(f"coalesce({row or self.table}.{c}, '')" for c in self.columns)

    def _pg_vector(self) -> str:
        if self.stored:
            return f"{self.table}.search_vector"
        return f"to_tsvector('simple'::regconfig, binaumkm_unaccent({self._pg_joined()}))"

    def _pg_folded(self) -> str:
        """The text the trigram index holds: lower case, no accents (as ``fold``)."""
        if self.stored:
            return f"{self.table}.search_text"
        return f"lower(binaumkm_unaccent({self._pg_joined()}))"

    def _pg_tsquery(self, words: list[str]) -> str:
        return " & ".join(f"{word}:*" for word in words)

    def _pg_match(self, words: list[str]) -> tuple[str, list[str]]:
        """The WHERE clause and its parameter: every word as a prefix (the GIN full-text index)."""
        return f"{self._pg_vector()} @@ to_tsquery('simple'::regconfig, %s)", [self._pg_tsquery(words)]

    def _pg_near(self, words: list[str]) -> tuple[str, list[str]]:
        """Rows with a word close to each typed one: pg_trgm's word similarity ``<%`` (at least 0.6),
        answered by the trigram index."""
        return " AND ".join(f"%s <%% {self._pg_folded()}" for _word in words), list(words)

    def _sqlite_match(self, words: list[str]) -> str:
        return " ".join(f'"{word}"*' for word in words)

    def matching_ids(self, text: str, *, using: str = "default") -> RawSQL | None:
        """A subquery of the ids of the rows matching ``text`` as ``filter`` finds them (None: no
        words), for ``pk__in`` / ``owner__in``. Raw SQL over the bare table so that it stays valid
        when Django nests it (table aliases inside subqueries would not reach ``extra`` clauses)."""
        words = terms(text)
        if not words:
            return None
        if connections[using].vendor == "sqlite":
            fts = self.fts_table
            return RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [self._sqlite_match(words)])
        where, params = self._pg_match(words)
        return RawSQL(f"SELECT id FROM {self.table} WHERE {where}", params)

    def matching(self, queryset: QuerySet, text: str) -> QuerySet:
        """``queryset`` narrowed to the rows matching ``text``, in the queryset's own order (no
        ranking): for callers that keep their order, such as an export."""
        ids = self.matching_ids(text, using=queryset.db)
        return queryset if ids is None else queryset.filter(pk__in=ids)

    def filter(self, queryset: QuerySet, text: str) -> QuerySet | Ranked:
        """``queryset`` narrowed to rows matching every word of ``text`` (as prefixes), best first.
        No words: the queryset unchanged."""
        words = terms(text)
        if not words:
            return queryset
        if connections[queryset.db].vendor == "sqlite":
            return RankedSqlite(queryset, self, self._sqlite_match(words))
        return RankedPostgres(queryset, self, words)


RANK_LIMIT = COUNT_CAP  # PostgreSQL ranks up to this many matches unless the index says fewer


class Ranked:
    """Search results best first, as a Paginator takes them: ``count``, slices (a page's rows are
    loaded by id with the queryset's related rows), ``ordered``. One class per database below."""

    ordered = True
    queryset: QuerySet

    def count(self) -> int:
        raise NotImplementedError

    def __getitem__(self, index):
        raise NotImplementedError

    def __len__(self) -> int:
        return self.count()

    def _load(self, ids: list[int]) -> list:
        """The rows of ``ids`` in that order, with the queryset's related rows (no filters again:
        the ids passed them a moment ago in the same request)."""
        rows = self.queryset.model._base_manager.filter(pk__in=ids)
        rows.query.select_related = self.queryset.query.select_related
        found = {
            row.pk: row
            for row in rows.prefetch_related(*getattr(self.queryset, "_prefetch_related_lookups", ()))
        }
        return [found[pk] for pk in ids if pk in found]

    def __iter__(self):
        return iter(self[:])


class RankedSqlite(Ranked):
    """SQLite search results for a Paginator, from one pass over the full-text hits.

    One query drives from the FTS5 hits, keeps those that pass the queryset's filters, ranks only
    those (bm25 is the costly part: ranking every hit of a common word before filtering took most
    of a second at 100,000 rows) and returns their ids best first with their total (a window
    count), up to ``WINDOW`` ids; a page then loads its rows by id. Counting separately made SQLite
    run the filters twice, and counting the join made it run the full-text query once per row.

    With the index's ``rank_limit`` a first, cheaper pass takes the filtered hits newest first (the
    FTS5 rowid backwards, no bm25) up to the lists' count cap: 10 ms for 22,000 hits of "batik" at
    100,000 businesses where ranking them took 55 ms. More than ``rank_limit``: that pass is the
    result; fewer: they are ranked as above."""

    WINDOW = 5000  # ids kept from the pass: 250 pages of 20; pages beyond run their own query

    def __init__(self, queryset: QuerySet, index: TextIndex, match: str):
        self.queryset, self.index, self.match = queryset, index, match
        self._ids: list[int] | None = None
        self._total = 0
        self._hits: list[int] | None = None

    def _matched(self) -> QuerySet:
        fts, table = self.index.fts_table, self.index.table
        where = [f"{fts}.rowid = {table}.id", f"{fts} MATCH %s"]
        return self.queryset.order_by().extra(tables=[fts], where=where, params=[self.match])

    def _ranked(self) -> QuerySet:
        fts = self.index.fts_table
        return (
            self._matched()
            .annotate(
                search_rank=RawSQL(f"{fts}.rank", []), search_total=Window(Count("pk"))
            )  # bm25: lower is better
            .order_by("search_rank", "pk")
            .values_list("pk", "search_total")
        )

    def _newest(self) -> QuerySet:
        return self._matched().extra(order_by=[f"-{self.index.fts_table}.rowid"]).values_list("pk", flat=True)

    def _fetch(self, qs: QuerySet) -> list[tuple]:
        # A plain cursor: thousands of ids need none of the ORM's per-value converters.
        sql, params = qs.query.sql_with_params()
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _window(self) -> list[int]:
        if self._ids is None:
            rows = self._fetch(self._ranked()[: self.WINDOW])
            self._ids = [pk for pk, _total in rows]
            self._total = rows[0][1] if rows else 0
        return self._ids

    def _too_many(self) -> bool:
        """More matches than the index ranks (then ``_hits`` holds them, newest first)."""
        if self.index.rank_limit is None:
            return False
        if self._hits is None:
            self._hits = [pk for (pk,) in self._fetch(self._newest()[: COUNT_CAP + 1])]
        return len(self._hits) > self.index.rank_limit

    def count(self) -> int:
        if self._too_many():
            return len(self._hits or ())
        self._window()
        return self._total

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        newest = self._too_many()
        ids = (self._hits or []) if newest else self._window()
        if stop is not None and stop <= len(ids):
            return self._load(ids[start:stop])
        if newest:
            return self._load(list(self._newest()[start:stop]))
        return self._load([pk for pk, _total in self._ranked()[start:stop]])


class RankedPostgres(Ranked):
    """PostgreSQL search results: a capped count of the full-text matches (at most ``COUNT_CAP`` +
    1), then each page's ids ranked by ``ts_rank`` when the matches fit under the rank limit, else
    the newest first; with no match at all and a trigram index, the rows with near words, most
    similar first (from the first ``NEAR_LIMIT`` candidates the trigram index offers)."""

    NEAR_LIMIT = 1000

    def __init__(self, queryset: QuerySet, index: TextIndex, words: list[str]):
        self.queryset, self.index, self.words = queryset, index, words
        self._total: int | None = None
        self._near: list[int] | None = None

    def _matched(self) -> QuerySet:
        where, params = self.index._pg_match(self.words)
        return self.queryset.extra(where=[where], params=params)

    def _walked(self) -> QuerySet:
        """More than ``COUNT_CAP`` matches (1 row in 100 at a million): newest first, walking the
        primary key backwards and checking each row finds a page within a few thousand rows. "IS
        TRUE" keeps the planner off the GIN index, whose estimate for a prefix is 50 times too low
        (it would collect and sort 200,000 rows instead). The list's own order, by name, would first
        walk every name that sorts before the word."""
        where, params = self.index._pg_match(self.words)
        return self.queryset.extra(where=[f"({where}) IS TRUE"], params=params).order_by("-pk")

    def _near_ids(self) -> list[int]:
        if self._near is None:
            where, params = self.index._pg_near(self.words)
            candidates = self.queryset.order_by().extra(where=[where], params=params)
            # Ids first, then ranked in a second query: the raw clauses name the bare table, which a
            # subquery would rename.
            ids = list(candidates.values_list("pk", flat=True)[: self.NEAR_LIMIT])
            folded = self.index._pg_folded()
            similarity = RawSQL(
                " + ".join(f"word_similarity(%s, {folded})" for _word in self.words), self.words
            )
            ranked = self.queryset.model._base_manager.filter(pk__in=ids).annotate(near=similarity)
            self._near = list(ranked.order_by("-near", "pk").values_list("pk", flat=True))
        return self._near

    def count(self) -> int:
        if self._total is None:
            self._total = self._matched().order_by()[: COUNT_CAP + 1].count()
            if not self._total and self.index.trigram:
                self._total = len(self._near_ids())
        return self._total

    def _ids(self, start: int, stop: int | None) -> list[int]:
        if self.count() and self._near is not None:
            return self._near[start:stop]
        limit = RANK_LIMIT if self.index.rank_limit is None else self.index.rank_limit
        if self.count() > COUNT_CAP:
            matched = self._walked()
        elif self.count() > limit:
            matched = self._matched().order_by("-pk")  # up to 10,000 rows from the index, sorted
        else:
            tsquery = "to_tsquery('simple'::regconfig, %s)"
            # Normalisation 1 divides by the log of the length: a short name that is the word ranks
            # first, as bm25 ranks it on SQLite.
            rank = RawSQL(
                f"ts_rank({self.index._pg_vector()}, {tsquery}, 1)", [self.index._pg_tsquery(self.words)]
            )
            matched = self._matched().annotate(search_rank=rank).order_by("-search_rank", "pk")
        return list(matched.values_list("pk", flat=True)[start:stop])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        return self._load(self._ids(index.start or 0, index.stop))


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with each word starting with one of ``words`` (folded) wrapped in <mark>."""
    if not words:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    out: list[str] = []
    position = 0
    for found in WORD.finditer(text):
        if any(fold(found.group()).startswith(word) for word in words):
            out.append(escape(text[position : found.start()]))
            out.append(f"<mark>{escape(found.group())}</mark>")
            position = found.end()
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above
