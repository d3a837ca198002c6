"""Excerpts with the matched words marked, computed in Python the same way on every database.

A word counts as matched when it starts with the stem of a query word (a light English suffix
strip), which mirrors what PostgreSQL's stemming matches closely enough for highlighting.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SUFFIXES = ("ingly", "edly", "ies", "ing", "ness", "ment", "ers", "ed", "es", "er", "ly", "s")
TOKEN = re.compile(r"\w+", re.UNICODE)
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


def _matches(token, stem_set):
    token = token.lower()
    return any(token.startswith(stem) for stem in stem_set)


def highlight(text, stem_set):
    """The text, escaped, with every matching word in <mark>."""
    if not stem_set:
        return escape(text)
    out, last = [], 0
    for match in TOKEN.finditer(text):
        if _matches(match.group(), stem_set):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def excerpt(text, stem_set, length=EXCERPT_WORDS):
    """About `length` words of the text around its first match (else its start), marked."""
    words = text.split()
    if not words:
        return ""
    first = 0
    if stem_set:
        for position, word in enumerate(words):
            if any(_matches(token, stem_set) for token in TOKEN.findall(word)):
                first = position
                break
    start = max(0, first - length // 3)
    end = min(len(words), start + length)
    start = max(0, min(start, end - length))
    piece = " ".join(words[start:end])
    html = highlight(piece, stem_set)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(words) else ""
    return mark_safe(f"{prefix}{html}{suffix}")
