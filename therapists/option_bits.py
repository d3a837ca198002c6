"""Which profiles have each option of Advanced Search, as bit sets (counts.py counts with them).

Counting in SQL took a query over every result's options: 120-650 ms for a whole state or the
whole directory at 50,000 profiles on a cold cache (make bench-directory), paid by the first
visitor of each large search after any change to the directory. Here each option's profiles are
one Python int whose bit n is set when profile n has the option, and a result set is another:
an option's count among the results is `(option & results).bit_count()`, a few microseconds.

The options' bits are read in two queries, once per change to the directory (the cache keeps
them with the directory's version, counts.py; the task worker reads them right after a change,
landing_cache.py) and once a day for the "accepting new clients" flag, whose cut-off moves with
the date.
"""

from collections import defaultdict

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, CharField, ExpressionWrapper, Value

from .facets import CHOICE_FACETS, FLAGS, VOCABULARY_FACETS
from .models import TherapistProfilePage

# A change to the directory replaces them sooner; the cut-off moves daily.
BITS_CACHE_SECONDS = 24 * 60 * 60


def bits_of(ids):
    """Profile ids as one int: bit n is set for id n."""
    ids = list(ids)
    if not ids:
        return 0
    buffer = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        buffer[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(buffer, "little")


def option_bits(version, accepting_since):
    """{key: bits} of every option and flag: (facet, option pk) for a vocabulary's options,
    "facet_value" for fixed options (counts.py's keys), the parameter for a flag."""
    # One key per cut-off, holding the version it was read at: each change replaces the
    # half a megabyte (50,000 profiles) rather than leaving a copy per version behind.
    key = f"therapists:option-bits:{accepting_since}"
    cached = cache.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    bits = {**_vocabulary_bits(), **_field_bits(accepting_since)}
    cache.set(key, (version, bits), BITS_CACHE_SECONDS)
    return bits


def _postgres():
    return connection.vendor == "postgresql"


def _vocabulary_bits():
    """Every vocabulary option's profiles, in one UNION query (grouped into arrays by
    PostgreSQL; row by row elsewhere)."""
    queries = []
    for facet in VOCABULARY_FACETS:
        kind = Value(facet.param, output_field=CharField())
        if facet.many:
            through, option = facet.through()
            rows = through.objects.all()
            profile = "therapistprofilepage_id"
        else:
            option = f"{facet.relation}_id"
            rows = TherapistProfilePage.objects.filter(**{f"{option}__isnull": False})
            profile = "pk"
        rows = rows.order_by().annotate(kind=kind)
        if _postgres():
            rows = rows.values("kind", option).annotate(ids=ArrayAgg(profile))
            queries.append(rows.values_list("kind", option, "ids"))
        else:
            queries.append(rows.values_list("kind", option, profile))
    union = queries[0].union(*queries[1:], all=True)
    by_option = defaultdict(list)
    if _postgres():
        for kind, option, ids in union:
            by_option[(kind, option)] = ids
    else:
        for kind, option, pk in union:
            by_option[(kind, option)].append(pk)
    return {key: bits_of(ids) for key, ids in by_option.items()}


def _field_conditions(accepting_since):
    conditions = {flag.param: flag.condition(accepting_since) for flag in FLAGS}
    for facet in CHOICE_FACETS:
        for value, _label in facet.choices:
            conditions[f"{facet.param}_{value}"] = facet.option_q(value)
    return conditions


def _field_bits(accepting_since):
    """The fixed options' and flags' profiles, in one query."""
    conditions = _field_conditions(accepting_since)
    profiles = TherapistProfilePage.objects.order_by()
    if _postgres():
        ids = profiles.aggregate(
            **{key: ArrayAgg("pk", filter=q, default=[]) for key, q in conditions.items()}
        )
        return {key: bits_of(ids[key]) for key in conditions}
    names = {f"has_{at}": key for at, key in enumerate(conditions)}
    flags = {
        name: ExpressionWrapper(conditions[key], output_field=BooleanField())
        for name, key in names.items()
    }
    by_key = defaultdict(list)
    for row in profiles.annotate(**flags).values("pk", *names):
        for name, key in names.items():
            if row[name]:
                by_key[key].append(row["pk"])
    return {key: bits_of(by_key[key]) for key in conditions}
