"""Ranking a large result set among its newest matches (search/backend.py's compiler on
PostgreSQL; docs/search.md, "Bounded ranking on PostgreSQL").

A search that matches more than search/query.py lists (COUNT_UP_TO) is ranked among its newest
that many matches instead of all of them, and counted no further: the work is bounded by the
list, not by the number of matches (80,000 for a common word at 100,000 articles).
"""

import time

from django.contrib.postgres.search import SearchRank
from django.db import connections
from django.db.models import BigIntegerField, ExpressionWrapper, F, Value
from django.db.models.functions import Cast

from .models import SCOPE_OF, SearchWord

KEY = BigIntegerField()  # a search document's pk (its recency key) is its entry's object id
# What finding the newest matches costs per entry (µs, measured at 100,000 articles): checking
# an entry's vector, or reading a word's match from the GIN index (_walks).
WALK_COST = 15
GIN_COST = 1
# Below this many documents in a scope the GIN index is always cheap enough.
WALK_FROM_DOCUMENTS = 10_000
ESTIMATE_SECONDS = 300
_estimates = {}  # (database alias, table): (estimated rows, when read)


class NewestMatches:
    """Mixed into the PostgreSQL query compiler (search/backend.py), whose `_scope_entries`,
    `_matching_entries`, `_plain` and `_plain_query` it uses."""

    # Set by search/query.py Tiers when a result set is larger than it lists: rank only the
    # newest this many matches (the list ends there).
    newest_only = None
    _counts = None
    _newest_read = None

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
        expected = self._share_of_documents() * self._word_documents()[0]
        if self.queryset.query.where and expected <= limit:
            return None  # few, and the tiers' exclusions: counted through the documents
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return 0
        if expected > limit:
            # More than the list holds: the page is ranked among the newest `limit`, which
            # counting them reads once for both.
            return len(self._newest_matches(search_query, limit))
        # Every match counted in the index table alone: with LIMIT, PostgreSQL (which expects
        # any word in a third of the entries) would check entries one by one until it had
        # enough, all of them when few match; joined to the documents it hashed all of them.
        return min(self._matching_entries(search_query).count(), limit)

    def newest_keys(self, config, limit):
        """The keys of the newest `limit` matches, newest first, read as a cut tier's are;
        None where the search is not a plain one (search/query.py then uses the documents)."""
        if not self._plain_query():
            return None
        search_query = self.build_tsquery(self.query, config=config)
        if search_query is None:
            return []
        return [key for key, _rank in self._newest_matches(search_query, limit)]

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
        index's matches are intersected with the window's entries in that same index (a
        bitmap of each, about 1 µs a match). The window widens until it holds enough. The
        searched queryset's filters (the all-scope tiers' exclusions) apply, and ranks are
        computed for the rows returned alone."""
        depth = self._window(wanted)
        walk = self._walks(depth)
        while True:
            floor = None if depth is None else self._key_at(depth)
            rows = self._newest_entries(search_query, floor, wanted, walk and floor is not None)
            if len(rows) >= wanted or floor is None:
                return rows[:wanted]
            if walk and not rows:
                depth = None  # the estimate was wrong (a stop word?): the GIN index, whole
            else:
                depth *= 4  # the window held too few: widen it, from the GIN index
            walk = False

    def _newest_entries(self, search_query, floor, wanted, walk):
        """The matching entries from the newest back to `floor` (or all), newest first; those
        the searched queryset leaves out are dropped by id.

        Walking orders by the recency index's own expression, which no other query uses, so
        PostgreSQL never prefers it elsewhere; otherwise the order is by the plain key, which
        no index holds, so the matches come from the GIN index and the window from the recency
        index, as two bitmaps."""
        recency = ExpressionWrapper(Cast("object_id", KEY) + Value(0), output_field=KEY)
        if walk:
            entries = self._entries_of_model().filter(body=search_query)
            entries = entries.annotate(recency=recency).order_by("-recency")
        else:
            entries = self._matching_entries(search_query).annotate(
                doc_key=Cast("object_id", KEY), recency=recency
            )
            entries = entries.order_by("-doc_key")
        if floor is not None:
            entries = entries.filter(recency__gte=floor)
        entries = entries.annotate(_rank_=SearchRank(F("body"), search_query))
        entries = entries.values_list("doc_key", "_rank_")
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
        return self._scope_entries().annotate(doc_key=Cast("object_id", KEY))

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
        per_word = self._word_documents()[1]
        return bool(per_word) and window * WALK_COST < sum(per_word) * GIN_COST

    def _share_of_documents(self):
        """The estimated share of the searched documents that hold every word of the query
        (words taken as independent); 0 when unknown."""
        documents, per_word = self._word_documents()
        share = 1.0
        for count in per_word:
            share *= count / documents
        return share if per_word else 0.0

    def _word_documents(self):
        """(how many documents, how many hold each word of the query) from the vocabulary of
        "Did you mean" (search/spelling.py), once per search; no counts for a small scope
        (walking never pays there) or when a word is not in the vocabulary (a stop word, a
        word of another form)."""
        if self._counts is None:
            self._counts = (1, [])
            scope = SCOPE_OF.get(self.queryset.model)
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
