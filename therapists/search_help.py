"""What the directory says when a search needs help: which place (or "did you mean"), and for
zero results, each active filter with a link that removes it and how many it would then find.

Each answer takes one query, whatever the number of places or filters.
"""

from dataclasses import dataclass, replace

from django.db.models import Count, Q

from .facets import FACETS, FLAGS
from .finder import criteria
from .forms import RADIUS_CHOICES, without_empty_values
from .models import PracticeLocation, TherapistProfilePage
from .states import STATE_NAMES

# Zero results list at most this many filters to remove (each is a count in one query).
MAX_RELAXATIONS = 15
# The parameters that narrow a search (the place aside).
FILTER_PARAMS = ["q", *(facet.param for facet in FACETS), *(f.param for f in FLAGS), "max_fee"]


@dataclass
class Suggestion:
    label: str  # what the link says
    url: str  # the query that does it
    count: int = 0


def query_url(request, **changes):
    """This search's query string with some parameters changed (None removes one)."""
    query = without_empty_values(request.GET).copy()
    query.pop("page", None)
    for name, value in changes.items():
        values = [str(item) for item in (value if isinstance(value, list) else [value])]
        if value is None or not values:
            query.pop(name, None)
        else:
            query.setlist(name, values)  # where the visitor had it, to read the same
    return "?" + query.urlencode() if query else "?"


def place_choices(request, question):
    """Links to each place of a PlaceQuestion, with how many therapists have an office there."""
    counts = (
        PracticeLocation.objects.filter(profile__live=True)
        .order_by()
        .aggregate(
            **{
                f"place_{number}": Count(
                    "profile",
                    distinct=True,
                    filter=Q(state=city.state, city_slug__in=city.as_place().city_slugs),
                )
                for number, city in enumerate(question.cities)
            }
        )
    )
    return [
        Suggestion(city.label, query_url(request, location=city.label), counts[f"place_{n}"])
        for n, city in enumerate(question.cities)
    ]


def relaxations(search, request):
    """Ways out of zero results: each active filter removed, a wider distance, online too.

    Advice only offers what is not chosen already: no wider distance past the widest, no
    "online" when it is ticked.
    """
    data = search.data
    place = data.get("location")
    options = []  # (Suggestion, the query's data with that change)
    if place is not None:
        where = STATE_NAMES.get(place.state, place.state)
        wider = [miles for miles in RADIUS_CHOICES if miles > data["radius"]]
        if place.point is not None and wider:
            options.append(
                (
                    Suggestion(
                        f"Search within {wider[0]} miles", query_url(request, radius=wider[0])
                    ),
                    {**data, "radius": wider[0]},
                )
            )
        if not data.get("online"):
            options.append(
                (
                    Suggestion(
                        f"Include therapists who see clients in {where} online",
                        query_url(request, online=1),
                    ),
                    {**data, "online": True},
                )
            )
        within = f"within {data['radius']} miles of " if place.point is not None else "in "
        options.append(
            (
                Suggestion(
                    f"Remove “Location: {within}{place.label}”",
                    query_url(request, location=None, radius=None, sort=None),
                ),
                {**data, "location": None},
            )
        )
    if data.get("q"):
        options.append(
            (
                Suggestion(f"Remove “Name: {data['q']}”", query_url(request, q=None)),
                {**data, "q": ""},
            )
        )
    for facet in FACETS:
        chosen = data.get(facet.param) or []
        for item in chosen:
            rest = [other for other in chosen if other != item]
            options.append(
                (
                    Suggestion(
                        f"Remove “{facet.noun}: {facet.label(item)}”",
                        query_url(request, **{facet.param: [facet.value(o) for o in rest]}),
                    ),
                    {**data, facet.param: rest},
                )
            )
    for flag in FLAGS:
        if data.get(flag.param):
            options.append(
                (
                    Suggestion(f"Remove “{flag.label}”", query_url(request, **{flag.param: None})),
                    {**data, flag.param: False},
                )
            )
    if data.get("max_fee") is not None:
        options.append(
            (
                Suggestion(
                    f"Remove “Session fee up to ${data['max_fee']:,}”",
                    query_url(request, max_fee=None),
                ),
                {**data, "max_fee": None},
            )
        )
    filters = [name for name in FILTER_PARAMS if data.get(name) not in (None, "", [], False)]
    options = options[:MAX_RELAXATIONS]
    if len(filters) >= 2:
        # Every single removal may still find nobody: offer them all at once.
        options.append(
            (
                Suggestion(
                    "Remove every filter but the place" if place else "Remove every filter",
                    query_url(request, **dict.fromkeys(filters)),
                ),
                {name: value for name, value in data.items() if name not in filters},
            )
        )
    if not options:
        return []
    counts = (
        TherapistProfilePage.objects.live()
        .order_by()
        .aggregate(
            **{
                f"without_{number}": _count_matching(changed, search.accepting_since)
                for number, (_suggestion, changed) in enumerate(options)
            }
        )
    )
    return [
        replace(suggestion, count=counts[f"without_{number}"])
        for number, (suggestion, _changed) in enumerate(options)
    ]


def _count_matching(data, accepting_since):
    conditions = criteria(data, accepting_since)
    return Count("pk", filter=Q(*conditions)) if conditions else Count("pk")
