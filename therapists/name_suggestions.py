"""“Did you mean …?” for a name search (`q`) that finds nothing or very little: each word of the
query is replaced by the closest word of a live profile's name, when one is close enough.

The words of every live name are read once per change of the directory (the facet counts'
version, counts.py), kept in Django's cache, and compared in Python with RapidFuzz: 0.1 ms a
suggestion at 50,000 profiles. A trigram index on the names (pg_trgm) was used until 2026-12-06;
it ranked every name sharing trigrams with the word, thousands for a common surname (14-160 ms),
and missed short names ("Grce"). The suggestion is made of words found in names, never of what
the visitor typed, so it carries no markup.
"""

import re

from django.core.cache import cache
from rapidfuzz import fuzz, process

from .counts import FACET_CACHE_SECONDS, FACET_CACHE_VERSION_KEY
from .models import TherapistProfilePage

# A name search finding fewer than this many therapists gets a suggestion.
FEW_RESULTS = 3
MAX_WORDS = 4  # longer queries are not names; they get no suggestion
MIN_RATIO = 75  # RapidFuzz ratio (0-100) a replacement word must reach
WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def suggest_name(text):
    """The corrected query (the words of live names closest to the query's words), or None
    when no word needs correcting or none is close enough."""
    words = WORD_RE.findall(text or "")
    if not words or len(words) > MAX_WORDS:
        return None
    written = _vocabulary()
    corrected, changed = [], False
    for word in words:
        if word.lower() in written:
            corrected.append(written[word.lower()])
            continue
        best = process.extractOne(
            word.lower(), written.keys(), scorer=fuzz.ratio, score_cutoff=MIN_RATIO
        )
        if best is None:
            return None  # a word no name resembles: no correctly spelt query to offer
        corrected.append(written[best[0]])
        changed = True
    return " ".join(corrected) if changed else None


def _name_words(name):
    return WORD_RE.findall(name)


def _vocabulary():
    """{word in lower case: the word as a name writes it} for every word of every live name
    (cached until the directory changes, so a suggestion compares, and builds nothing)."""
    version = cache.get_or_set(FACET_CACHE_VERSION_KEY, 1, None)
    key = f"therapists:name-spellings:{version}"
    words = cache.get(key)
    if words is None:
        titles = TherapistProfilePage.objects.live().values_list("title", flat=True)
        found = sorted({word for title in titles.iterator() for word in _name_words(title)})
        words = {word.lower(): word for word in found}
        cache.set(key, words, FACET_CACHE_SECONDS)
    return words
