"""Wagtail's database search backend, ranking top-k inside a RUM index on PostgreSQL.

The stock PostgreSQL backend orders matches by `ts_rank`, which PostgreSQL must compute for
every matching row before it can return the first page: 80,000 detoasted tsvectors for a common
word at 100,000 articles (docs/performance.md). The RUM extension keeps each word's positions in
the index and returns rows ordered by `vector <=> query` (the reciprocal of a ts_rank-style rank,
computed from the index), so the first page costs about what a rare word costs.

`SearchBackend` is what WAGTAILSEARCH_BACKENDS names: on PostgreSQL with the RUM index of the
searched model (search/extensions.py creates it where the extension is available) relevance
searches order by `<=>`, ties newest first (`-pk`, the recency key) as before. On PostgreSQL a
plain search's unordered matches (counts, subqueries) come from the index table alone, with or
without RUM. Everything else (another database, autocomplete, fuzzy, `fields=`) is Wagtail's
backend unchanged.
"""

import time

from django.contrib.postgres.search import SearchRank
from django.db import connections, transaction
from django.db.models import (
    BigIntegerField,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Subquery,
    Value,
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

from . import extensions
from .models import SCOPE_MODELS, SearchWord

KEY = BigIntegerField()  # a search document's pk (its recency key) is its entry's object id
# At most this many matches (search/query.py counts up to as many) are ranked by ts_rank.
RANK_ALL_UP_TO = 1_000
# What finding the newest matches costs per entry (µs, measured at 100,000 articles): checking
# an entry's vector, or reading a word's match from the GIN index (search/backend.py _walks).
WALK_COST = 15
GIN_COST = 1
# Below this many documents in a scope the GIN index is always cheap enough.
WALK_FROM_DOCUMENTS = 10_000
ESTIMATE_SECONDS = 300
_estimates = {}  # (database alias, table): (estimated rows, when read)


class RumDistance(Func):
    """`vector <=> query`: RUM's distance, smaller is better; an index scan returns rows in its
    order when the vector expression is the index's."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


class RumSearchQueryCompiler(PostgresSearchQueryCompiler):
    """Relevance searches read the RUM index in rank order, a few rows at a time.

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
    # Set by search/query.py Tiers when a result set is larger than it lists: rank only the
    # newest this many matches (the list ends there).
    newest_only = None
    _counts = None
    _newest_read = None

    def _uses_rum(self):
        return (
            (self.known_matches is None or self.known_matches > RANK_ALL_UP_TO)
            and self.order_by_relevance
            and self.fields is None
            and isinstance(self.query, PlainText)
            and not self.queryset.query.order_by
            and extensions.rum_index_ready(self.queryset.model, connections[self.queryset.db])
        )

    def _plain(self, score_field):
        return (
            isinstance(self.query, PlainText)
            and self.fields is None
            and score_field is None
            and not self.queryset.query.order_by
        )

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
        entries = self._matching_entries(search_query)
        return self.queryset.filter(pk__in=entries.values(_key_=Cast("object_id", KEY)))

    def _matching_entries(self, search_query):
        vector = F("title")._combine(F("body"), "||", False)
        return (
            IndexEntry.objects.filter(content_type_id=get_content_type_pk(self.queryset.model))
            .annotate(_vector_=vector)
            .filter(_vector_=search_query)
        )

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
        return list(
            self._matching(search_query)
            .annotate(_rank_=self._rank(search_query))
            .order_by("-_rank_", "-pk")[start:stop]
        )

    def _entry(self, search_query):
        """The searched document's index entry when it matches (for subqueries)."""
        return IndexEntry.objects.filter(
            content_type_id=get_content_type_pk(self.queryset.model),
            object_id=Cast(OuterRef("pk"), CharField()),
            body=search_query,
        )

    def _rank(self, search_query):
        """A document's rank: `ts_rank` of its entry's `body`, the documents' text (their
        `title` column is empty, search/models.py), read by the unique (content type,
        object id) index."""
        rank = SearchRank(F("body"), search_query)
        return Subquery(self._entry(search_query).annotate(r=rank).values("r")[:1])

    def _newest_ranked(self, search_query, start, stop):
        """The documents ranked start..stop among the newest `newest_only` matches, best first,
        ties newest first."""
        found = self._newest_matches(search_query, max(self.newest_only, stop))
        found.sort(key=lambda row: (-row[1], -row[0]))
        keys = [key for key, _rank in found[start:stop]]
        documents = self.queryset.in_bulk(keys)
        return [documents[key] for key in keys if key in documents]

    def count_up_to(self, config, limit):
        """How many documents match, counting no further than `limit`; None when the usual
        count (the GIN index's matches, search/query.py) is the cheaper way."""
        if not self._plain(None):
            return None
        walk = self._walks(self._window(limit))
        if not walk and self.queryset.query.where:
            return None  # the tiers' exclusions: counted through the documents
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return 0
        if walk:
            return len(self._newest_matches(search_query, limit))
        # Every match counted in the index table alone: with LIMIT, PostgreSQL (which expects
        # any word in a third of the entries) would check entries one by one until it had
        # enough, all of them when few match; joined to the documents it hashed all of them.
        return min(self._matching_entries(search_query).count(), limit)

    def _newest_matches(self, search_query, wanted):
        # Counting them (count_up_to) read them already: a page reuses them.
        read_wanted, read = self._newest_read or (0, [])
        if wanted <= read_wanted or len(read) < read_wanted:
            return read[:wanted]
        self._newest_read = (wanted, self._read_newest_matches(search_query, wanted))
        return self._newest_read[1]

    def _read_newest_matches(self, search_query, wanted):
        """[(key, rank)] of the newest `wanted` matches in the searched queryset, newest first.

        They are found in a window of the newest documents sized from how many documents hold
        the words ("Did you mean"'s vocabulary counts them). When most documents match, the
        scope's entries are walked back from the newest (`search_<model>_entry_recency`,
        migration 0008), each checked (a few hundred, about 15 µs each); otherwise the GIN
        index's matches within the window are kept (about 1 µs a match). The window widens
        until it holds enough. The searched queryset's filters (the all-scope tiers'
        exclusions) apply, and ranks are computed for the rows returned alone."""
        depth = self._window(wanted)
        walk = self._walks(depth)
        while True:
            floor = None if depth is None else self._key_at(depth)
            rows = (
                self._walk(search_query, floor, wanted)
                if walk and floor is not None
                else self._gin_window(search_query, floor, wanted)
            )
            if len(rows) >= wanted or floor is None:
                return rows[:wanted]
            if walk and not rows:
                depth = None  # the estimate was wrong (a stop word?): the GIN index, whole
            else:
                depth *= 4  # the window held too few: widen it, from the GIN index
            walk = False

    def _gin_window(self, search_query, floor, wanted):
        window = self._matching(search_query)
        if floor is not None:
            window = window.filter(pk__gte=floor)
        return list(
            window.annotate(_rank_=self._rank(search_query))
            .order_by("-pk")
            .values_list("pk", "_rank_")[:wanted]
        )

    def _walk(self, search_query, floor, wanted):
        """The entries from the newest back to `floor`, checked one by one (ordered by the
        recency index's own expression, which no other query uses, so PostgreSQL never
        prefers it elsewhere); those the searched queryset leaves out are dropped by id."""
        recency = ExpressionWrapper(Cast("object_id", KEY) + Value(0), output_field=KEY)
        entries = (
            self._entries_of_model()
            .annotate(recency=recency)
            .filter(body=search_query, recency__gte=floor)
            .annotate(_rank_=SearchRank(F("body"), search_query))
            .order_by("-recency")
            .values_list("doc_key", "_rank_")
        )
        filtered = bool(self.queryset.query.where)
        limit = wanted + wanted // 10 + 10 if filtered else wanted
        while True:
            rows = list(entries[:limit])
            if not filtered:
                return rows
            kept = set(
                self.queryset.filter(pk__in=[key for key, _ in rows]).values_list("pk", flat=True)
            )
            found = [row for row in rows if row[0] in kept]
            if len(found) >= wanted or len(rows) < limit:
                return found
            limit *= 2

    def _entries_of_model(self):
        return IndexEntry.objects.filter(
            content_type_id=get_content_type_pk(self.queryset.model)
        ).annotate(doc_key=Cast("object_id", KEY))

    def _window(self, wanted):
        """How many of the newest documents should hold `wanted` matches."""
        return int(wanted / max(self._share_of_documents(), 0.001) * 1.25) + 20

    def _key_at(self, depth):
        """The key of the depth-th newest document (None: there are fewer)."""
        keys = self.queryset.model.objects.order_by("-pk").values_list("pk", flat=True)
        return next(iter(keys[depth - 1 : depth]), None)

    def _walks(self, window):
        """Whether checking each of `window` newest entries costs less than reading every
        match of each word from the GIN index (about 15 and 1 µs an entry, measured at
        100,000 articles: docs/performance.md)."""
        per_word = self._per_word_documents()
        return bool(per_word) and window * WALK_COST < sum(per_word) * GIN_COST

    def _share_of_documents(self):
        """The estimated share of the searched documents that hold every word of the query
        (words taken as independent); 0 when unknown."""
        documents, per_word = self._word_documents()
        share = 1.0
        for count in per_word:
            share *= count / documents
        return share if per_word else 0.0

    def _per_word_documents(self):
        return self._word_documents()[1]

    def _word_documents(self):
        """(how many documents, how many hold each word of the query) from the vocabulary of
        "Did you mean" (search/spelling.py), once per search; no counts for a small scope
        (walking never pays there) or when a word is not in the vocabulary (a stop word, a
        word of another form)."""
        if self._counts is None:
            self._counts = (1, [])
            scope = {model: name for name, model in SCOPE_MODELS.items()}.get(self.queryset.model)
            words = {word.lower() for word in self.query.query_string.split()}
            documents = _documents_estimate(self.queryset.model, self.queryset.db)
            if scope is None or not words or documents < WALK_FROM_DOCUMENTS:
                return self._counts
            counts = dict(
                SearchWord.objects.filter(scope=scope, word__in=words).values_list(
                    "word", "documents"
                )
            )
            if len(counts) == len(words) and all(counts.values()):
                self._counts = (max(documents, *counts.values()), list(counts.values()))
        return self._counts

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


def _documents_estimate(model, alias):
    """The planner's estimate of a table's rows, read at most every few minutes per process
    (counting 100,000 rows took 13 ms)."""
    key = (alias, model._meta.db_table)
    now = time.monotonic()
    known = _estimates.get(key)
    if known is None or now - known[1] > ESTIMATE_SECONDS:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [key[1]])
            row = cursor.fetchone()
        known = _estimates[key] = (max(row[0] if row else 0, 0), now)
    return known[0]


class RumSearchResults(PostgresSearchResults):
    def count_up_to(self, limit):
        """How many match, up to `limit`, or None (search/query.py then counts as usual)."""
        compiler = self.query_compiler
        return compiler.count_up_to(compiler.get_config(self.backend), limit)

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
