"""The parts of `make bench-search` about the indexes the extensions add and "Did you mean"
(search/management/commands/bench_search.py runs them after the search timings)."""

import random
from urllib.parse import urlencode

from django.db import connection
from django.test import Client

from home.benchmarks import time_interleaved, write_timings

from . import extensions
from .models import SearchWord
from .views import _did_you_mean


def index_report():
    """One line per index the article search adds to Wagtail's index table, with its size."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, pg_relation_size(quote_ident(indexname)::regclass) "
            "FROM pg_indexes WHERE indexname LIKE 'search\\_%%' ORDER BY indexname"
        )
        sizes = dict(cursor.fetchall())
        cursor.execute("SELECT pg_total_relation_size('search_searchword')")
        vocabulary = cursor.fetchone()[0]
    lines = ["Search indexes (MB):"]
    for name, size in sizes.items():
        lines.append(f"  {name:44} {size / 2**20:8,.1f}")
    rum = [m for m in extensions.DOCUMENT_MODELS if extensions.rum_index_name(m) in sizes]
    lines.append(
        f"RUM ranking: {'on for ' + ', '.join(rum) if rum else 'off (no rum extension)'}; "
        f"pg_trgm: {'on' if extensions.trigram_ready(connection) else 'off (difflib fallback)'}"
    )
    per_scope = {
        scope: SearchWord.objects.filter(scope=scope).count()
        for scope in ("title", "content", "author")
    }
    lines.append(
        f"Did-you-mean vocabulary: {per_scope} words, {vocabulary / 2**20:,.1f} MB with indexes"
    )
    return "\n".join(lines)


def misspell(word, rng):
    """A typo of the kinds readers make: a letter dropped, doubled or two swapped."""
    if len(word) < 4:
        return word + word[-1]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("drop", "swap", "double"))
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "swap":
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return word[:at] + word[at] + word[at:]


def misspelt_queries(mix):
    """Each query of the mix with one word misspelt, searched in its natural scope (surnames in
    Author, the others in Content) and in all scopes."""
    rng = random.Random(17)
    queries = []
    for kind, text in mix:
        words = text.split()
        at = rng.randrange(len(words))
        words[at] = misspell(words[at], rng)
        scope = "author" if kind == "author surname" else "content"
        queries.append((scope, " ".join(words), text))
    return queries


def measure_did_you_mean(stdout, mix, repeat):
    queries = misspelt_queries(mix)
    stdout.write(
        f"\nDid you mean: {len(queries)} misspelt queries (one word of each query above: a letter "
        "dropped, doubled or swapped), in their scope and in all scopes."
    )
    for label, scoped in (("their scope", True), ("all scopes", False)):
        params = [(scope if scoped else None, typed, meant) for scope, typed, meant in queries]

        def suggest(case):
            scope, typed, _ = case
            return int(_did_you_mean(typed.split(), scope, "relevance") is not None)

        runs, counts = time_interleaved(suggest, params, repeat=repeat)
        write_timings(stdout, f"did you mean, {label}", runs, counts)
        found = [
            (typed, _did_you_mean(typed.split(), scope, "relevance"), meant)
            for scope, typed, meant in params
        ]
        right = sum(1 for _, got, meant in found if got and got["query"].lower() == meant.lower())
        offered = sum(1 for _, got, _ in found if got)
        stdout.write(
            f"    offered for {offered} of {len(found)}, the intended query for {right}; e.g. "
            + ", ".join(f"{typed} → {got['query'] if got else '–'}" for typed, got, _ in found[:6])
        )
    client = Client(HTTP_HOST="localhost")

    def render(case):
        scope, typed, _ = case
        response = client.get("/search/?" + urlencode({"q": typed, "scope": scope}))
        assert response.status_code == 200, response.status_code
        return int("search-page__did-you-mean" in response.content.decode())

    runs, counts = time_interleaved(render, queries, repeat=repeat)
    write_timings(stdout, "results page (HTTP, render) of a misspelt query", runs, counts)
