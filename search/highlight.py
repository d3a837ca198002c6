"""Excerpts with the matched words marked, computed in Python the same way on every database.

A word counts as matched when it starts with the stem of a query word (a light English suffix
strip), which mirrors what PostgreSQL's stemming matches closely enough for highlighting.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SUFFIXES = ("ingly", "edly", "ies", "ing", "ness", "ment", "ers", "ed", "es", "er", "ly", "s")
EXCERPT_WORDS = 36


def stems(words):
    result = set()
    for word in words:
        word = word.lower()
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                break
        result.add(word)
    return result


def _pattern(stem_set):
    """One regular expression for every word starting with one of the stems (longest first)."""
    alternatives = "|".join(re.escape(stem) for stem in sorted(stem_set, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE | re.UNICODE)


def highlight(text, stem_set):
    """The text, escaped, with every matching word in <mark>."""
    if not stem_set:
        return escape(text)
    out, last = [], 0
    for match in _pattern(stem_set).finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def excerpt(text, stem_set, length=EXCERPT_WORDS):
    """About `length` words of the text around its first match (else its start), marked.

    One regular-expression search finds the match, so a long article costs little."""
    if not text.strip():
        return ""
    found = _pattern(stem_set).search(text) if stem_set else None
    at = found.start() if found else 0
    before_words = length // 3
    # Words are short: a window of characters wide enough for the words we keep.
    before = text[max(0, at - before_words * 20) : at].split()
    if at > 0 and before and not text[at - 1].isspace():
        before = before[:-1]  # the match's own word, cut: it starts the "after" part
    before = before[-before_words:] if found else []
    after = text[at : at + length * 25].split()[: length - len(before)]
    start_index = text.rfind(before[0], 0, at) if before else at
    piece = " ".join(before + after)
    prefix = "… " if text[:start_index].strip() else ""
    consumed = at + len(" ".join(after))
    suffix = " …" if text[consumed:].strip() else ""
    return mark_safe(f"{prefix}{highlight(piece, stem_set)}{suffix}")
