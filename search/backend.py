"""Wagtail's database search backend, with bounded work on PostgreSQL.

The stock PostgreSQL backend orders matches by `ts_rank`, which PostgreSQL must compute for
every matching row before it can return the first page: 80,000 detoasted tsvectors for a common
word at 100,000 articles (docs/performance.md). `SearchBackend` is what WAGTAILSEARCH_BACKENDS
names; on PostgreSQL its compiler:

- counts no further than search/query.py lists, and ranks a result set that holds more among
  its newest matches (search/newest.py);
- ranks a result set counted in full in one query, each match's rank read from its entry;
- finds unordered matches (counts, the tiers' exclusions) in the index table alone;
- orders by the RUM index's `vector <=> query` (the reciprocal of a ts_rank-style rank, from
  the index) a search outside the tiers that asks for every match of a large set ranked, where
  the extension is installed (search/extensions.py).

Everything else (another database, autocomplete, fuzzy, `fields=`) is Wagtail's backend
unchanged.
"""

from django.contrib.postgres.search import SearchRank
from django.db import connections, transaction
from django.db.models import (
    CharField,
    Exists,
    F,
    FloatField,
    Func,
    OuterRef,
    Subquery,
)
from django.db.models.functions import Cast
from wagtail.search.backends import database
from wagtail.search.backends.database.postgres.postgres import (
    IndexEntry,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
    PostgresSearchResults,
)
from wagtail.search.query import PlainText
from wagtail.search.utils import get_content_type_pk

from home.expressions import InArray

from . import extensions
from .newest import KEY, NewestMatches

# At most this many matches (search/query.py counts up to as many) are ranked by ts_rank.
RANK_ALL_UP_TO = 1_000


class RumDistance(Func):
    """`vector <=> query`: RUM's distance, smaller is better; an index scan returns rows in its
    order when the vector expression is the index's."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


class RumSearchQueryCompiler(NewestMatches, PostgresSearchQueryCompiler):
    """Relevance searches with bounded work (module docstring). Where a caller asks for every
    match of a large set ranked, they are read from the RUM index in rank order, a few rows at a
    time (`_top`).

    The index scan must be on the index table alone: joined to the documents, PostgreSQL
    prefers to compute `<=>` on every matching row and sort (slower than `ts_rank`). So a page
    [start:stop] is found in two short queries: the entries in rank order (object id and
    `ts_rank`, whose reciprocal `<=>` is), then those ids' documents through the searched
    queryset (which applies its filters, such as the all-scope tiers' exclusions). Ranks repeat
    (a word's rank depends on how often it occurs), and ties go newest first, so the read goes
    on until the rank of the last row wanted has been passed; then everything read is sorted by
    (rank, recency) and cut."""

    # How many documents match, when the caller knows (search/query.py Tiers): up to
    # RANK_ALL_UP_TO, ranking them all with ts_rank is as fast, and reads no tie groups.
    known_matches = None

    def _uses_rum(self):
        return (
            (self.known_matches is None or self.known_matches > RANK_ALL_UP_TO)
            and self.order_by_relevance
            and self._plain_query()
            and not self.queryset.query.order_by
            and extensions.rum_index_ready(self.queryset.model, connections[self.queryset.db])
        )

    def _plain_query(self):
        """Plain words over the documents' one field: what the index table can answer."""
        return isinstance(self.query, PlainText) and self.fields is None

    def _plain(self, score_field):
        return self._plain_query() and score_field is None and not self.queryset.query.order_by

    def search(self, config, start, stop, score_field=None, backend=None):
        if stop is None and not start and self._plain(score_field):
            # Counting, or every match as a subquery (the all-scope tiers' exclusions): no
            # order is needed, so the matches are found in the index table alone.
            search_query = self.build_tsquery(self.query, config=config)
            if search_query is None:
                return self.queryset.none()
            return self._matching(search_query).order_by("-pk")
        if stop is not None and self.order_by_relevance and self._plain(score_field):
            few = self.known_matches is not None and self.known_matches <= RANK_ALL_UP_TO
            if self.newest_only or few:
                search_query = self.build_tsquery(self.query, config=config)
                if search_query is None:
                    return self.queryset.none()
                if self.newest_only:
                    return self._newest_ranked(search_query, start, stop)
                return self._all_ranked(search_query, start, stop)
        if not self._uses_rum():
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return self.queryset.none()
        if stop is None:  # every match from `start` on: in recency order, as counted
            return self._matching(search_query).order_by("-pk")[start:]
        # A list, not a queryset: the documents were read while ranking (one query fewer).
        return self._top(search_query, start, stop)

    def _matching(self, search_query):
        """The searched queryset's matches as `pk IN (the matching entries' object ids)`.

        Wagtail's backend joins every document to its entry (`object_id = id::varchar`) and
        filters the join; PostgreSQL then hashed all 100,000 documents of a scope for each
        count and each tier's exclusion, 100-190 ms of an all-scope search (make bench-search).
        The entries' partial GIN index finds the matches by itself, and a document's pk is its
        entry's object id."""
        return self.queryset.filter(pk__in=_keys(self._matching_entries(search_query)))

    def _scope_entries(self):
        """The searched model's entries in the index table."""
        return IndexEntry.objects.filter(content_type_id=get_content_type_pk(self.queryset.model))

    def _matching_entries(self, search_query):
        vector = F("title")._combine(F("body"), "||", False)  # the GIN indexes' expression
        return self._scope_entries().annotate(_vector_=vector).filter(_vector_=search_query)

    def matching_keys(self, config):
        """The matching documents' keys (a subquery) read from the index table alone, or None
        where the searched queryset has filters of its own. As the all-scope tiers' exclusions,
        `id IN (the documents whose entries match)` joined the scope's every document to the
        matches: 10 ms a tier at 100,000 articles (make bench-search)."""
        if not self._plain_query() or self.queryset.query.where:  # an order is moot here
            return None
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return _keys(IndexEntry.objects.none())
        return _keys(self._matching_entries(search_query))

    def matches_exist(self, config):
        """Whether anything matches, read from the matching entries, each looked up in the
        searched queryset by pk. As `pk IN (…) LIMIT 1` PostgreSQL walked the documents and
        compared each with every match: 50-175 ms for a common word ("Did you mean" checks
        that its suggestion finds something)."""
        if not self._plain(None):
            return self.search(config, None, None).order_by().exists()
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return False
        # PostgreSQL expects a third of the entries to hold any word (it has no statistics for
        # the vector expression), so it prefers walking the scope's entries until one matches:
        # the whole scope (200 ms) for a word it lacks. The GIN index's bitmap costs what the
        # matches number (under 20 ms for 96,000); each is then looked up by pk.
        document = self.queryset.order_by().filter(pk=Cast(OuterRef("object_id"), KEY))
        matches = self._matching_entries(search_query).filter(Exists(document))
        connection = connections[self.queryset.db]
        with transaction.atomic(using=self.queryset.db), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off")
            return matches.exists()

    def _entries(self, search_query):
        return (
            self._matching_entries(search_query)
            .annotate(_rank_=SearchRank(F("_vector_"), search_query))
            .order_by(RumDistance(F("_vector_"), search_query).asc())
            .values_list("object_id", "_rank_")
        )

    def _all_ranked(self, search_query, start, stop):
        """The documents ranked start..stop of a search known to match few (up to
        RANK_ALL_UP_TO), in one query: each match's rank read from its entry by key.
        Wagtail's backend joined every document of the scope to its entry and ranked the join
        (10 ms for a title tier of a few matches at 100,000 articles)."""
        keys = _keys(self._matching_entries(search_query))
        return list(
            self.queryset.filter(InArray(F("pk"), Subquery(keys)))
            .annotate(_rank_=self._rank(search_query))
            .order_by("-_rank_", "-pk")[start:stop]
        )

    def _entry(self, search_query):
        """The searched document's index entry when it matches (for subqueries)."""
        return self._scope_entries().filter(
            object_id=Cast(OuterRef("pk"), CharField()), body=search_query
        )

    def _rank(self, search_query):
        """A document's rank: `ts_rank` of its entry's `body`, the documents' text (their
        `title` column is empty, search/models.py), read by the unique (content type,
        object id) index."""
        rank = SearchRank(F("body"), search_query)
        return Subquery(self._entry(search_query).annotate(r=rank).values("r")[:1])

    def _top(self, search_query, start, stop):
        """The documents ranked start..stop, best first, ties newest first."""
        entries = self._entries(search_query)
        limit = max(4 * stop, 40)
        while True:
            rows = list(entries[:limit])
            ranks = {int(object_id): rank for object_id, rank in rows}
            documents = {document.pk: document for document in self.queryset.filter(pk__in=ranks)}
            kept = sorted((-ranks[pk], -pk) for pk in documents)
            if len(rows) < limit:  # every match read
                break
            if len(kept) >= stop and rows[-1][1] < -kept[stop - 1][0]:
                break  # read past every row ranked like the last one wanted
            limit *= 4
        return [documents[-negative_pk] for _, negative_pk in kept[start:stop]]


def _keys(entries):
    """The entries' documents' keys, as a subquery (a document's pk is its entry's object
    id)."""
    return entries.values(_key_=Cast("object_id", KEY))


class RumSearchResults(PostgresSearchResults):
    def count_up_to(self, limit):
        """How many match, up to `limit`, or None (search/query.py then counts as usual)."""
        compiler = self.query_compiler
        return compiler.count_up_to(compiler.get_config(self.backend), limit)

    def newest_keys(self, limit):
        """The keys of the newest `limit` matches, newest first (search/query.py, "Newest
        first" in all scopes), or None where the search is not a plain one."""
        compiler = self.query_compiler
        return compiler.newest_keys(compiler.get_config(self.backend), limit)

    def matching_keys(self):
        """The matching documents' keys as a subquery, or None (search/query.py)."""
        compiler = self.query_compiler
        return compiler.matching_keys(compiler.get_config(self.backend))

    def exists(self):
        """Whether anything matches (search/query.py uses it where a backend has it)."""
        return self.query_compiler.matches_exist(self.query_compiler.get_config(self.backend))


class RumPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = RumSearchQueryCompiler
    results_class = RumSearchResults


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    """Wagtail's database backend for the default database, with RUM ranking on PostgreSQL."""
    if connections["default"].vendor == "postgresql":
        return RumPostgresSearchBackend(params)
    return database.SearchBackend(params)
