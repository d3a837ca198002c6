"""Advanced Search's options with their counts, and the caches behind them.

Counting is bit arithmetic over each option's profiles (option_bits.py: two queries once per
change to the directory) and the results' ids, whatever the data size. An any-of facet
(profession, faith, gender, age, who attends) counts over the results with its own selection left
out, so ticking one option does not hide the others; an all-of facet (issues, …) counts over the
results themselves. Which facets there are, and how each filters, is facets.py.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import CharField, Value

from .facets import CHOICE_FACETS, FACETS, FLAGS, VOCABULARY_FACETS, ChoiceFacet
from .option_bits import bits_of, option_bits

FACET_CACHE_SECONDS = 300
# How long the landing page's entries may last where the cache is shared (cache_for_search).
LASTING_SECONDS = 24 * 60 * 60
# Counts over at least this many results are cached (a common surname, a state, everyone);
# below it they cost a few milliseconds and are computed each time.
CACHE_FROM = 500
FACET_CACHE_VERSION_KEY = "therapists:facets:version"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetCounts:
    """One facet of Advanced Search as shown: its options with their counts."""

    name: str
    legend: str
    options: list
    any_of: bool = False  # several ticked options widen (profession, gender) or narrow

    @property
    def visible_options(self):
        return [option for option in self.options if option.count or option.selected]


@dataclass
class Counts:
    """What count_facets() returns: the facets in order, and how many results each yes/no
    flag (online, accepting, …) would keep."""

    facets: list
    flags: dict


def count_facets(matches):
    """The counts for a DirectorySearch's Matches (two queries, or none from the cache).

    Counts over large result sets (CACHE_FROM results or more: the whole directory, a big
    state, a common surname) are cached for a few minutes; publishing or unpublishing a
    profile starts afresh (signals.py).
    """
    data = matches.search.data
    if matches.fetched and len(matches.ids) < CACHE_FROM:
        by_option, fixed = _count(matches)
    else:
        by_option, fixed = cache_facet_counts(
            data, lambda: _count(matches), lasting=not matches.search.narrows
        )
    options = cached_taxonomy_options()  # [(param, pk, slug, name)]
    facets = []
    for facet in FACETS:
        if isinstance(facet, ChoiceFacet):
            selected = set(data.get(facet.param) or ())
            choices = [
                (value, label, fixed[f"{facet.param}_{value}"]) for value, label in facet.choices
            ]
        else:
            selected = {option.slug for option in data.get(facet.param) or ()}
            choices = [
                (slug, name, by_option.get((facet.param, pk), 0))
                for param, pk, slug, name in options
                if param == facet.param
            ]
        facets.append(
            FacetCounts(
                facet.param,
                facet.legend,
                [FacetOption(v, label, n, v in selected) for v, label, n in choices],
                any_of=facet.any_of,
            )
        )
    return Counts(facets, {flag.param: fixed[flag.param] for flag in FLAGS})


def _count(matches):
    """(counts by vocabulary option, counts of the fixed options and flags) from the options'
    bit sets (option_bits.py): a fetch of the result ids at most, no counting in SQL."""
    search = matches.search
    bits = option_bits(current_version(), search.accepting_since)
    results = bits_of(_result_ids(matches))
    without = {}

    def over(facet):
        # An any-of facet counts over the results with its own selection left out.
        if not (facet.any_of and search.data.get(facet.param)):
            return results
        if facet.param not in without:
            ids = search.filtered(exclude=(facet.param,)).values_list("pk", flat=True)
            without[facet.param] = bits_of(ids)
        return without[facet.param]

    vocabularies = {facet.param: facet for facet in VOCABULARY_FACETS}
    by_option = {
        key: (option & over(vocabularies[key[0]])).bit_count()
        for key, option in bits.items()
        if isinstance(key, tuple)  # (facet, option pk): a vocabulary's option
    }
    fixed = {flag.param: (bits[flag.param] & results).bit_count() for flag in FLAGS}
    for facet in CHOICE_FACETS:
        scope = over(facet)
        for value, _label in facet.choices:
            key = f"{facet.param}_{value}"
            fixed[key] = (bits[key] & scope).bit_count()
    return by_option, fixed


def _result_ids(matches):
    if matches.fetched:
        return matches.ids
    rows = getattr(matches.results, "rows", None)  # everyone, in order (LoadedResults)
    if rows is not None:
        return [pk for pk, _distance in rows]
    return matches.ids.values_list("pk", flat=True)


def cache_facet_counts(data, compute, lasting=False):
    """compute() cached under the search's own criteria and the directory's version."""
    return cache_for_search(data, "facets", compute, lasting=lasting)


def cache_for_search(data, name, compute, keep=None, lasting=False):
    """compute() (this search's `name`: its counts, its total, its order) cached under the
    search's own criteria and the directory's version, forgotten as the counts are (signals.py).
    `keep(value)` says whether a fresh value is worth caching (default: always).

    `lasting` (the landing page's order and counts): where the cache is shared (Redis), kept
    until the directory changes rather than five minutes, in one entry that holds its version
    (each change replaces it). Recomputing everyone's order took 100-150 ms (make
    bench-directory), which a quiet site's visitors met every five minutes; the task worker
    recomputes it after a change (landing_cache.py). A process's own memory keeps the five
    minutes: another process's changes reach it no sooner."""
    if lasting and _shared_cache():
        key, version = _search_key(data, name, "lasting"), current_version()
        cached = cache.get(key)
        if cached is not None and cached[0] == version:
            return cached[1]
        value = compute()
        if keep is None or keep(value):
            cache.set(key, (version, value), LASTING_SECONDS)
        return value
    key = _search_key(data, name, current_version())
    cached = cache.get(key)
    if cached is None:
        cached = compute()
        if keep is None or keep(cached):
            cache.set(key, cached, FACET_CACHE_SECONDS)
    return cached


def _shared_cache():
    return not isinstance(caches["default"], LocMemCache)


def current_version():
    """The directory's version: any change to it starts every cache below afresh."""
    return cache.get_or_set(FACET_CACHE_VERSION_KEY, 1, None)


def _search_key(data, name, version):
    criteria = sorted(
        (
            name,
            sorted(str(getattr(v, "pk", v)) for v in value)
            if isinstance(value, list)
            else str(getattr(value, "label", value)),
        )
        for name, value in data.items()
        if name != "sort"
    )
    digest = hashlib.sha256(repr(criteria).encode()).hexdigest()[:32]
    return f"therapists:{name}:{version}:{digest}"


def forget_facet_counts():
    """Start counting afresh: a profile was published, unpublished or deleted."""
    try:
        cache.incr(FACET_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(FACET_CACHE_VERSION_KEY, 1, None)


def cached_taxonomy_options():
    """taxonomy_options(), sorted, kept until a profile or an option changes (signals.py)."""
    key = f"therapists:options:{current_version()}"
    options = cache.get(key)
    if options is None:
        options = sorted(taxonomy_options(), key=lambda row: (row[0], row[3].lower()))
        cache.set(key, options, FACET_CACHE_SECONDS)
    return options


def taxonomy_options():
    """(facet, pk, slug, name) of every option of every taxonomy, in one UNION query."""
    queries = [
        facet.model.objects.order_by()
        .annotate(kind=Value(facet.param, output_field=CharField()))
        .values_list("kind", "pk", "slug", "name")
        for facet in VOCABULARY_FACETS
    ]
    return queries[0].union(*queries[1:], all=True)
