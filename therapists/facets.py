"""Advanced Search's options with their counts, and the caches behind them.

Facet counts take two queries whatever the data size: one UNION over the vocabularies and one
aggregate over the yes/no options. An any-of facet (profession, faith, gender, age, who attends)
counts over the results with its own selection left out, so ticking one option does not hide
the others; an all-of facet (issues, …) counts over the results themselves.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import CharField, Count, Q, Value

from .finder import (
    AGE_CHOICES,
    ALL_OF_FACETS,
    FLAG_FIELDS,
    FLAG_FILTERS,
    FOCUS_FILTERS,
    MODALITY_CHOICES,
    ONE_OF_FACETS,
    TAXONOMY_MODELS,
    accepting_q,
    through_table,
)
from .models import GENDER_CHOICES, TherapistProfilePage

# The order of the fieldsets in Advanced Search: (parameter, legend, several ticks widen).
FACET_ORDER = [
    ("issue", "Issues", False),
    ("age", "Client ages", True),
    ("modality", "Therapy for", True),
    ("profession", "Profession", True),
    ("approach", "Types of therapy", False),
    ("language", "Languages", False),
    ("insurance", "Insurance", False),
    ("faith", "Faith", True),
    ("identity", "Therapist identity", False),
    ("gender", "Therapist gender", True),
]
# The facets whose options are fixed (not a vocabulary), counted in the aggregate query.
FIXED_CHOICES = {"gender": GENDER_CHOICES, "age": AGE_CHOICES, "modality": MODALITY_CHOICES}
FACET_CACHE_SECONDS = 300
FACET_CACHE_VERSION_KEY = "therapists:facets:version"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    legend: str
    options: list
    any_of: bool = False  # several ticked options widen (profession, gender) or narrow

    @property
    def visible_options(self):
        return [option for option in self.options if option.count or option.selected]


def search_facets(search):
    """(facets, {flag: count}) for a DirectorySearch's current results (two queries).

    Counts over large result sets (the whole directory, a big state) are cached for a few
    minutes; publishing or unpublishing a profile starts afresh (signals.py).
    """
    data = search.data
    if isinstance(search.ids, list):
        counts, fixed = _counts(search)
    else:
        counts, fixed = cache_facet_counts(data, lambda: _counts(search))
    options = cached_taxonomy_options()  # [(kind, pk, slug, name)]
    facets = []
    for param, legend, any_of in FACET_ORDER:
        if param in FIXED_CHOICES:
            selected = set(data.get(param) or ())
            choices = [
                (value, label, fixed[f"{param}_{value}"]) for value, label in FIXED_CHOICES[param]
            ]
        else:
            selected = {option.slug for option in data.get(param) or ()}
            choices = [
                (slug, name, counts.get((param, pk), 0))
                for kind, pk, slug, name in options
                if kind == param
            ]
        facets.append(
            Facet(
                param,
                legend,
                [FacetOption(v, label, n, v in selected) for v, label, n in choices],
                any_of=any_of,
            )
        )
    return facets, {name: fixed[name] for name, _label in FLAG_FILTERS}


def _counts(search):
    counts = {(kind, pk): n for kind, pk, n in _option_counts(search)}
    return counts, _fixed_counts(search)


def _option_counts(search):
    """(facet, option pk, count) for every vocabulary facet, in one UNION query."""
    queries = []
    for param, relation, _model in ALL_OF_FACETS:
        through, target = through_table(relation)
        queries.append(
            through.objects.filter(therapistprofilepage_id__in=search.ids)
            .order_by()
            .values(target)
            .annotate(kind=Value(param, output_field=CharField()), n=Count("pk"))
            .values_list("kind", target, "n")
        )
    for param, field, _model in ONE_OF_FACETS:
        queries.append(
            TherapistProfilePage.objects.filter(
                pk__in=search.ids_without(param), **{f"{field}__isnull": False}
            )
            .order_by()
            .values(f"{field}_id")
            .annotate(kind=Value(param, output_field=CharField()), n=Count("pk"))
            .values_list("kind", f"{field}_id", "n")
        )
    return queries[0].union(*queries[1:], all=True)


def _fixed_counts(search):
    """Yes/no options (over the results) and gender, age and who attends: one query.

    The query runs over the results with every selected any-of option left out; each group
    then keeps the rows its own count needs (nothing extra when that is the whole base).
    """
    selected = [param for param in FIXED_CHOICES if search.data.get(param)]
    base = search.ids_without(*selected)

    def scope(leave_out):
        if set(selected) <= set(leave_out):
            return Q()
        return Q(pk__in=search.ids_without(*leave_out) if leave_out else search.ids)

    in_results = scope(())
    counts = {
        name: Count("pk", filter=in_results & Q(**{field: True}))
        for name, field in FLAG_FIELDS.items()
    }
    counts["accepting"] = Count("pk", filter=in_results & accepting_q(search.accepting_since))
    gender_scope = scope(("gender",))
    for value, _label in GENDER_CHOICES:
        counts[f"gender_{value}"] = Count("pk", filter=gender_scope & Q(gender=value))
    for param, fields in FOCUS_FILTERS.items():
        focus_scope = scope((param,))
        for value, field in fields.items():
            counts[f"{param}_{value}"] = Count("pk", filter=focus_scope & Q(**{field: True}))
    return TherapistProfilePage.objects.filter(pk__in=base).order_by().aggregate(**counts)


def cache_facet_counts(data, compute):
    """compute() cached under the search's own criteria and the directory's version."""
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
    key = f"therapists:facets:{version}:{digest}"
    cached = cache.get(key)
    if cached is None:
        cached = compute()
        cache.set(key, cached, FACET_CACHE_SECONDS)
    return cached


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
        model.objects.order_by()
        .annotate(kind=Value(param, output_field=CharField()))
        .values_list("kind", "pk", "slug", "name")
        for param, model in TAXONOMY_MODELS
    ]
    return queries[0].union(*queries[1:], all=True)
