"""Article search through Wagtail's search backend.

Each scope searches its own document model (search/models.py) without `fields=`, so the backend
matches and ranks with its index: on PostgreSQL the GIN-indexed tsvectors, on SQLite FTS5, on
Elasticsearch/OpenSearch their own index. A search with no scope ranks in tiers: articles whose
title matches first, then those whose authors match, then those whose text matches, each tier
best first by the backend's rank and ties newest first (the documents' primary key is a recency
key). "Newest first" orders the union of the three scopes by that key alone.
"""

import re

from wagtail.search.backends import get_search_backend

from .models import SCOPE_MODELS, AuthorDocument, ContentDocument, TitleDocument

SCOPES = {"title": "Title", "content": "Content", "author": "Author"}
SORTS = {"relevance": "Best match", "newest": "Newest first"}
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Words of a query: letters and digits of any script. Everything else (quotes, operators, SQL
# and LIKE metacharacters, punctuation) only separates words, so it never reaches a query.
WORD = re.compile(r"\w+", re.UNICODE)
# Control characters (NUL above all: PostgreSQL refuses it in any string) become spaces.
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Beyond this many matches an exclusion list is not built in Python (non-database backends).
MAX_EXCLUDED = 10_000
# Each tier is counted up to this many; beyond, the page says "More than N results", lists that
# many, and they are the best of the newest N matches: counting and ranking 80,000 matches of a
# common word took 100-500 ms at 100,000 articles (docs/performance.md).
COUNT_UP_TO = 200


def clean_query(raw):
    """(the query to search, its words, whether it was shortened) from the raw `q`."""
    text = " ".join(CONTROL.sub(" ", raw).split())
    shortened = False
    if len(text) > MAX_QUERY_LENGTH:
        cut = text[:MAX_QUERY_LENGTH]
        text = cut.rsplit(" ", 1)[0] if " " in cut else cut
        shortened = True
    words = [word.replace("_", " ").strip() for word in WORD.findall(text)]
    words = [word for word in words if word]
    if len(words) > MAX_TERMS:
        words = words[:MAX_TERMS]
        text = " ".join(words)
        shortened = True
    return text, words, shortened


def _match_ids(results):
    """The matching documents' ids as something `id__in=` accepts: a subquery on the database
    backends, a list for the others."""
    matching_keys = getattr(results, "matching_keys", None)  # search/backend.py's (PostgreSQL)
    keys = matching_keys() if matching_keys is not None else None
    if keys is not None:
        return keys
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().values("id")
    return [document.pk for document in results[:MAX_EXCLUDED]]


def _size(results):
    """(how many results, whether exact): on the database backends at most COUNT_UP_TO + 1 rows
    are counted (unordered: no rank is computed), and a larger set counts as COUNT_UP_TO."""
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is None:
        return results.count(), True
    count_up_to = getattr(results, "count_up_to", None)  # search/backend.py's, on PostgreSQL
    counted = count_up_to(COUNT_UP_TO + 1) if count_up_to is not None else None
    if counted is None:
        counted = get_queryset().order_by()[: COUNT_UP_TO + 1].count()
    return min(counted, COUNT_UP_TO), counted <= COUNT_UP_TO


class Tiers:
    """Several ranked result sets read as one list, each after the other (for Paginator).

    Each tier is counted up to COUNT_UP_TO. The first one that holds more ends the list: `exact`
    is False ("More than N results"), the tiers after it are left out, and it is ranked among
    its newest COUNT_UP_TO matches (search/backend.py) instead of all of them."""

    def __init__(self, parts):
        self.parts = parts
        self._counts = None
        self.exact = True
        self.among_newest = 0

    def counts(self):
        if self._counts is None:
            counts = []
            for part in self.parts:
                size, exact = _size(part)
                counts.append(size)
                if not exact:
                    self.exact = False
                    # Among how many newest matches the backend ranks it (PostgreSQL's), 0
                    # when among all of them: the page says so.
                    compiler = getattr(part, "query_compiler", None)
                    self.among_newest = size if hasattr(compiler, "newest_only") else 0
                    break
            self.parts = self.parts[: len(counts)]
            self._counts = counts
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("Tiers supports slices only")
        start, stop = key.start or 0, key.stop
        found = []
        offset = 0
        counts = self.counts()
        last = len(self.parts) - 1
        for at, (part, size) in enumerate(zip(self.parts, counts, strict=True)):
            if stop is not None and offset >= stop:
                break
            low = max(start - offset, 0)
            high = size if stop is None else min(stop - offset, size)
            if low < high:
                # The backend may rank a small set differently, and a cut one among its
                # newest matches (search/backend.py).
                compiler = getattr(part, "query_compiler", None)
                if hasattr(compiler, "known_matches"):
                    cut = at == last and not self.exact
                    compiler.known_matches = None if cut else size
                    compiler.newest_only = COUNT_UP_TO if cut else None
                found.extend(part[low:high])
            offset += size
        return found


class NewestOfAll:
    """Newest first (`sort=newest`) in all three scopes, counted up to COUNT_UP_TO like the
    tiers: each scope's newest COUNT_UP_TO + 1 matches (search/newest.py), merged. The
    documents of one article share its recency key; a key's title document stands for it.

    Counting the union of the three scopes' matches took 150-360 ms for a word in most texts
    at 100,000 articles (make bench-search); this reads at most 603 keys."""

    @classmethod
    def read(cls, parts):
        """The merged list, or None where a backend cannot read a scope's newest matches
        (search/backend.py's can, on PostgreSQL)."""
        found = []
        for part in parts:
            newest_keys = getattr(part, "newest_keys", None)
            keys = newest_keys(COUNT_UP_TO + 1) if newest_keys is not None else None
            if keys is None:
                return None
            found.append(keys)
        return cls(found)

    def __init__(self, newest_keys):
        """`newest_keys`: each scope's newest COUNT_UP_TO + 1 matching keys, newest first."""
        keys, cut_at = set(), None
        self.exact = True
        for found in newest_keys:
            keys.update(found)
            if len(found) > COUNT_UP_TO:
                # Older matches of this scope were not read: the list stops at its oldest.
                self.exact = False
                cut_at = max(cut_at or found[-1], found[-1])
        ordered = sorted((key for key in keys if cut_at is None or key >= cut_at), reverse=True)
        self.keys = ordered[:COUNT_UP_TO]
        self.exact = self.exact and len(ordered) <= COUNT_UP_TO

    def count(self):
        return len(self.keys)

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("NewestOfAll supports slices only")
        keys = self.keys[key]
        documents = TitleDocument.objects.defer("text").in_bulk(keys)
        return [documents[pk] for pk in keys if pk in documents]


class ArticleSearch:
    """One search: `results()` is a sliceable, countable list of search documents in order."""

    def __init__(self, words, scope=None, sort="relevance", backend=None):
        self.query = " ".join(words)
        self.scope = scope
        self.sort = sort
        self.backend = backend or get_search_backend()

    def _search(self, model, queryset=None, newest=False):
        # Results only need the article and the recency key; a content document's text is long.
        queryset = (model.objects.all() if queryset is None else queryset).defer("text")
        if newest:
            queryset = queryset.order_by("-id")
        return self.backend.search(
            self.query, queryset, operator="and", order_by_relevance=not newest
        )

    def finds_something(self):
        """Whether the search has at least one result: an unordered EXISTS on the database
        backends (ordered by recency with LIMIT 1, PostgreSQL walked every text looking for a
        word that is in none), the shortest documents first."""
        if not self.query:
            return False
        scopes = [self.scope] if self.scope else ["author", "title", "content"]
        for scope in scopes:
            results = self.backend.search(
                self.query,
                SCOPE_MODELS[scope].objects.all(),
                operator="and",
                order_by_relevance=False,
            )
            exists = getattr(results, "exists", None)  # search/backend.py's, on PostgreSQL
            get_queryset = getattr(results, "get_queryset", None)
            if exists is not None:
                found = exists()
            elif get_queryset is not None:
                found = get_queryset().order_by().exists()
            else:
                found = bool(results[:1])
            if found:
                return True
        return False

    def results(self):
        if not self.query:
            return Tiers([])
        newest = self.sort == "newest"
        if self.scope:
            return Tiers([self._search(SCOPE_MODELS[self.scope], newest=newest)])
        title = self._search(TitleDocument)
        author = self._search(AuthorDocument)
        content = self._search(ContentDocument)
        if newest:
            newest_of_all = NewestOfAll.read([title, author, content])
            if newest_of_all is not None:
                return newest_of_all
            # The documents of one article share its recency key, so the union is one query.
            union = TitleDocument.objects.filter(id__in=_match_ids(title))
            union = union | TitleDocument.objects.filter(id__in=_match_ids(author))
            union = union | TitleDocument.objects.filter(id__in=_match_ids(content))
            return union.order_by("-id")
        title_ids = _match_ids(title)
        author_ids = _match_ids(author)
        return Tiers(
            [
                title,
                self._search(AuthorDocument, AuthorDocument.objects.exclude(id__in=title_ids)),
                self._search(
                    ContentDocument,
                    ContentDocument.objects.exclude(id__in=title_ids).exclude(id__in=author_ids),
                ),
            ]
        )
