"""Did you mean: the closest correctly spelt query from the indexed vocabulary of a scope.

The vocabulary is `SearchWord`: every word (3–40 letters) of each scope's documents, with the
number of documents it occurs in, kept in step by search.documents. For each word of the query
that is not in the scope's vocabulary, the nearest vocabulary word replaces it: on PostgreSQL
with pg_trgm, the trigram-nearest words (a GiST index ordered by `<->`); elsewhere (SQLite, no
pg_trgm) difflib's ratio over the words of about the same length and first letter. Among equally
close words the more frequent wins ("slep": "sleep" before "slept"). A suggestion is offered only
when it is a different query that finds something, so a stale word never leads nowhere.
"""

import difflib
import re
from collections import Counter

from django.db import connection, transaction
from django.db.models import F
from django.db.models.functions import Length

from . import extensions
from .models import SCOPE_MODELS, SearchWord

# Words worth suggesting: letters only (no digits, no underscores), 3 to 40 of them.
VOCABULARY_WORD = re.compile(r"[^\W\d_]{3,40}")
# pg_trgm's similarity below which a word is not a plausible correction ("anxeity" → "anxiety"
# is 0.33; "okafr" → "okafor" 0.5).
MIN_SIMILARITY = 0.3
# difflib's ratio for the fallback ("slep" → "sleep" 0.89; "anxeity" → "anxiety" 0.86).
MIN_RATIO = 0.75
CANDIDATES = 20


def words_of(text):
    """{lower-case word: the form first written} of a document's text."""
    found = {}
    for word in VOCABULARY_WORD.findall(text):
        found.setdefault(word.lower(), word)
    return found


def count_changes(scope, old_texts, new_texts):
    """Apply to the scope's vocabulary the change from the old documents' texts to the new."""
    delta = Counter()
    display = {}
    for text in old_texts:
        delta.subtract(words_of(text).keys())
    for text in new_texts:
        found = words_of(text)
        delta.update(found.keys())
        display.update(found)
    delta = {word: change for word, change in delta.items() if change}
    if not delta:
        return
    with transaction.atomic():
        SearchWord.objects.bulk_create(
            [
                SearchWord(scope=scope, word=word, display=display[word], documents=0)
                for word, change in delta.items()
                if change > 0
            ],
            ignore_conflicts=True,
        )
        by_change = {}
        for word, change in delta.items():
            by_change.setdefault(change, []).append(word)
        for change, words in by_change.items():
            SearchWord.objects.filter(scope=scope, word__in=words).update(
                documents=F("documents") + change
            )
        SearchWord.objects.filter(scope=scope, documents__lte=0).delete()


def rebuild():
    """Recount every scope's vocabulary from its documents."""
    with transaction.atomic():
        SearchWord.objects.all().delete()
        for scope, model in SCOPE_MODELS.items():
            if connection.vendor == "postgresql":
                _rebuild_in_postgres(scope, model)
            else:
                counts, display = Counter(), {}
                for text in model.objects.values_list("text", flat=True).iterator():
                    found = words_of(text)
                    counts.update(found.keys())
                    for word, written in found.items():
                        display.setdefault(word, written)
                SearchWord.objects.bulk_create(
                    [
                        SearchWord(scope=scope, word=w, display=display[w], documents=n)
                        for w, n in counts.items()
                    ],
                    batch_size=2000,
                )


def _rebuild_in_postgres(scope, model):
    # ts_stat over the 'simple' configuration: every lower-case word and its document count,
    # computed by PostgreSQL without sending 100,000 texts to Python. Authors keep their capitals
    # (display) from the text itself.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchword (scope, word, display, documents) "
            "SELECT %s, word, word, ndoc FROM ts_stat(%s) "
            "WHERE word ~ '^[[:alpha:]]{3,40}$' ON CONFLICT DO NOTHING",
            [scope, f"SELECT to_tsvector('simple', text) FROM {model._meta.db_table}"],
        )
    if scope == "author":
        for text in model.objects.values_list("text", flat=True).distinct().iterator():
            for word, written in words_of(text).items():
                if written != word:
                    SearchWord.objects.filter(scope=scope, word=word).update(display=written)


def _vocabulary(scope):
    words = SearchWord.objects.all()
    return words.filter(scope=scope) if scope else words


def _nearest(word, scope):
    """The vocabulary word closest to `word` (lower case), or None."""
    if extensions.trigram_ready(connection):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, display, documents, similarity(word, %s) FROM search_searchword "
                f"WHERE {'scope = %s' if scope else 'TRUE'} ORDER BY word <-> %s LIMIT %s",
                [word, *([scope] if scope else []), word, CANDIDATES],
            )
            found = [(sim, docs, w, display) for w, display, docs, sim in cursor.fetchall()]
        found = [row for row in found if row[0] >= MIN_SIMILARITY]
    else:
        rows = (
            _vocabulary(scope)
            .annotate(length=Length("word"))
            .filter(word__startswith=word[:1], length__gte=len(word) - 2, length__lte=len(word) + 2)
            .values_list("word", "display", "documents")
        )
        found = []
        for candidate, display, docs in rows:
            ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
            if ratio >= MIN_RATIO:
                found.append((ratio, docs, candidate, display))
    if not found:
        return None
    best = max(found, key=lambda row: (round(row[0], 3), row[1], row[2]))
    return best[3]


def correction(words, scope, finds_something):
    """The query with each unknown word replaced by its nearest vocabulary word, when that is a
    different query and `finds_something(words)` says it has results; otherwise None."""
    corrected, changed = [], False
    for word in words:
        if not VOCABULARY_WORD.fullmatch(word):  # digits, short words: kept as typed
            corrected.append(word)
            continue
        # One query a word: a word of the vocabulary is its own nearest neighbour.
        nearest = _nearest(word.lower(), scope)
        if nearest is None:
            return None
        if nearest.lower() == word.lower():
            corrected.append(word)
        else:
            corrected.append(nearest)
            changed = True
    if not changed or not finds_something(corrected):
        return None
    return " ".join(corrected)
