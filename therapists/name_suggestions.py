"""“Did you mean …?” for a name search (`q`) that finds nothing or very little: each word of the
query is replaced by the closest word of a live profile's name, when one is close enough.

On PostgreSQL with pg_trgm (migration 0011 enables it and indexes `sort_name`, the name in lower
case, with a trigram GIN index), the candidates come from the database: per query word, the
names holding a word most alike by trigram word similarity (`%>`, the index answers it), in one
query. Elsewhere (SQLite, or PostgreSQL where the extension could not be created) the words of
every live name are read once per change of the directory (the facet counts' version,
counts.py) and compared in Python with RapidFuzz. Either way the suggestion is made of words
found in names, never of what the visitor typed, so it carries no markup.
"""

import re

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Value
from rapidfuzz import fuzz, process

from .counts import FACET_CACHE_SECONDS, FACET_CACHE_VERSION_KEY
from .models import TherapistProfilePage

# A name search finding fewer than this many therapists gets a suggestion.
FEW_RESULTS = 3
MAX_WORDS = 4  # longer queries are not names; they get no suggestion
CANDIDATES = 20  # names read per query word (PostgreSQL)
MIN_RATIO = 75  # RapidFuzz ratio (0-100) a replacement word must reach
WORD_SIMILARITY = 0.5  # pg_trgm word similarity a candidate name must reach
WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

_trigram_available = {}


def suggest_name(text):
    """The corrected query (the words of live names closest to the query's words), or None
    when no word needs correcting or none is close enough."""
    words = WORD_RE.findall(text or "")
    if not words or len(words) > MAX_WORDS:
        return None
    candidates = _candidate_words(words)
    corrected, changed = [], False
    for word in words:
        known = candidates.get(word.lower(), [])
        exact = next((name for name in known if name.lower() == word.lower()), None)
        if exact is not None:
            corrected.append(exact)
            continue
        best = process.extractOne(
            word.lower(),
            [name.lower() for name in known],
            scorer=fuzz.ratio,
            score_cutoff=MIN_RATIO,
        )
        if best is None:
            return None  # a word no name resembles: no correctly spelt query to offer
        corrected.append(known[best[2]])
        changed = True
    return " ".join(corrected) if changed else None


def _candidate_words(words):
    """{query word in lower case: [words of live names that may be meant]}"""
    if _has_trigram_index():
        return _trigram_candidates(words)
    vocabulary = _vocabulary()
    return {word.lower(): vocabulary for word in words}


def _name_words(name):
    return WORD_RE.findall(name)


def _trigram_candidates(words):
    """One query: for each word, the names holding the most alike words (the GIN index on
    sort_name answers `sort_name %> word`), best first."""
    live = TherapistProfilePage.objects.live().order_by()
    queries = [
        live.filter(TrigramWordSimilar(F("sort_name"), Value(word.lower())))
        .annotate(
            query_word=Value(word.lower()),
            similarity=TrigramWordSimilarity(Value(word.lower()), "sort_name"),
        )
        .order_by("-similarity", "pk")
        .values_list("query_word", "title")[:CANDIDATES]
        for word in words
    ]
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    found = {word.lower(): [] for word in words}
    with transaction.atomic(), connection.cursor() as cursor:
        # pg_trgm's default (0.6) misses a doubled letter in a short name ("Adda" for Ada).
        cursor.execute(f"SET LOCAL pg_trgm.word_similarity_threshold = {WORD_SIMILARITY}")
        rows = list(rows)
    for query_word, title in rows:
        for name_word in _name_words(title):
            if name_word not in found[query_word]:
                found[query_word].append(name_word)
    return found


def _vocabulary():
    """Every word of every live name (cached until the directory changes)."""
    version = cache.get_or_set(FACET_CACHE_VERSION_KEY, 1, None)
    key = f"therapists:name-words:{version}"
    words = cache.get(key)
    if words is None:
        titles = TherapistProfilePage.objects.live().values_list("title", flat=True)
        words = sorted({word for title in titles.iterator() for word in _name_words(title)})
        cache.set(key, words, FACET_CACHE_SECONDS)
    return words


def _has_trigram_index():
    """Whether this database has pg_trgm (asked once per connection's database)."""
    if connection.vendor != "postgresql":
        return False
    name = connection.settings_dict["NAME"]
    if name not in _trigram_available:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigram_available[name] = cursor.fetchone() is not None
    return _trigram_available[name]
