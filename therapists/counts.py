"""Advanced Search's options with their counts, and the caches behind them.

Counting takes two queries whatever the data size: one UNION over the vocabularies and one
aggregate over the fixed options and the yes/no flags. An any-of facet (profession, faith, gender,
age, who attends) counts over the results with its own selection left out, so ticking one option
does not hide the others; an all-of facet (issues, …) counts over the results themselves. Which
facets there are, and how each filters, is facets.py.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import CharField, Count, Q, Value

from .facets import CHOICE_FACETS, FACETS, FLAGS, VOCABULARY_FACETS, ChoiceFacet
from .models import TherapistProfilePage

FACET_CACHE_SECONDS = 300
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
        by_option, fixed = cache_facet_counts(data, lambda: _count(matches))
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
    by_option = {(param, pk): n for param, pk, n in _option_counts(matches)}
    return by_option, _fixed_counts(matches)


def _option_counts(matches):
    """(facet, option pk, count) for every vocabulary facet, in one UNION query."""
    queries = []
    for facet in VOCABULARY_FACETS:
        kind = Value(facet.param, output_field=CharField())
        if facet.many:
            through, target = facet.through()
            queries.append(
                through.objects.filter(therapistprofilepage_id__in=matches.id_set)
                .order_by()
                .values(target)
                .annotate(kind=kind, n=Count("pk"))
                .values_list("kind", target, "n")
            )
        else:
            column = f"{facet.relation}_id"
            queries.append(
                TherapistProfilePage.objects.filter(
                    pk__in=matches.ids_without(facet.param),
                    **{f"{facet.relation}__isnull": False},
                )
                .order_by()
                .values(column)
                .annotate(kind=kind, n=Count("pk"))
                .values_list("kind", column, "n")
            )
    return queries[0].union(*queries[1:], all=True)


def _fixed_counts(matches):
    """The yes/no flags (over the results) and the fixed options (gender, age, who attends),
    in one query.

    The query runs over the results with every selected any-of option left out; each group
    then keeps the rows its own count needs (nothing extra when that is the whole base).
    """
    data = matches.search.data
    # All-of facets (accessibility) count over the results themselves, like the vocabularies.
    selected = [facet.param for facet in CHOICE_FACETS if facet.any_of and data.get(facet.param)]
    base = matches.ids_without(*selected)

    def scope(leave_out):
        if set(selected) <= set(leave_out):
            return Q()
        return Q(pk__in=matches.ids_without(*leave_out) if leave_out else matches.id_set)

    in_results = scope(())
    since = matches.search.accepting_since
    counts = {flag.param: Count("pk", filter=in_results & flag.condition(since)) for flag in FLAGS}
    for facet in CHOICE_FACETS:
        facet_scope = scope((facet.param,)) if facet.any_of else in_results
        for value, _label in facet.choices:
            counts[f"{facet.param}_{value}"] = Count(
                "pk", filter=facet_scope & facet.option_q(value)
            )
    return TherapistProfilePage.objects.filter(pk__in=base).order_by().aggregate(**counts)


def cache_facet_counts(data, compute):
    """compute() cached under the search's own criteria and the directory's version."""
    return cache_for_search(data, "facets", compute)


def cache_for_search(data, name, compute, keep=None):
    """compute() (this search's `name`: its counts, its total, its order) cached under the
    search's own criteria and the directory's version, forgotten as the counts are (signals.py).
    `keep(value)` says whether a fresh value is worth caching (default: always)."""
    key = _search_key(data, name)
    cached = cache.get(key)
    if cached is None:
        cached = compute()
        if keep is None or keep(cached):
            cache.set(key, cached, FACET_CACHE_SECONDS)
    return cached


def _search_key(data, name):
    version = cache.get_or_set(FACET_CACHE_VERSION_KEY, 1, None)
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
    version = cache.get_or_set(FACET_CACHE_VERSION_KEY, 1, None)
    key = f"therapists:options:{version}"
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
