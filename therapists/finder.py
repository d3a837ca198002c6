"""Turn the directory's validated query into database queries: results, distances, facets.

Everything is filtered in the database. A place with a point (ZIP or city) first narrows
practice locations to a bounding box (indexed on latitude/longitude), then keeps those within
the exact great-circle distance. Facet counts take one query per facet whatever the data size.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from wagtail.images import get_image_model

from .geo import bounding_box, distance_miles
from .models import (
    GENDER_CHOICES,
    Approach,
    Identity,
    Insurer,
    Issue,
    Language,
    PracticeLocation,
    Profession,
    TherapistProfilePage,
)

CARD_PHOTO_FILTER = "fill-160x160"

# (query parameter, profile relation, taxonomy model) for the many-valued filters, where
# ticking several options means "all of them".
ALL_OF_FACETS = [
    ("issue", "issues", Issue),
    ("approach", "approaches", Approach),
    ("language", "languages", Language),
    ("insurance", "insurers", Insurer),
    ("identity", "identities", Identity),
]
# The order of the fieldsets in Advanced Search: (parameter, legend, several ticks widen).
FACET_ORDER = [
    ("issue", "Issues", False),
    ("profession", "Profession", True),
    ("approach", "Types of therapy", False),
    ("language", "Languages", False),
    ("insurance", "Insurance", False),
    ("identity", "Therapist identity", False),
    ("gender", "Therapist gender", True),
]
TAXONOMY_MODELS = [(param, model) for param, _relation, model in ALL_OF_FACETS] + [
    ("profession", Profession)
]
# Up to this many matches, their ids are fetched once and reused (LoadedResults).
MATERIALISE_LIMIT = 3000
FLAG_FILTERS = [
    ("online", "Online sessions"),
    ("in_person", "In-person sessions"),
    ("sliding_scale", "Sliding scale fees"),
    ("accepting", "Accepting new clients"),
]


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


def _profile_ids(queryset):
    return queryset.values("profile_id")


class DirectorySearch:
    def __init__(self, cleaned_data, accepting_since):
        self.data = cleaned_data
        self.place = cleaned_data.get("location")
        self.accepting_since = accepting_since
        self._ids = None
        self.flag_counts = {}

    @property
    def point(self):
        return self.place.point if self.place else None

    def _place_q(self):
        place = self.place
        serves_state_online = Q(
            pk__in=TherapistProfilePage.online_states.through.objects.filter(
                state_id=place.state
            ).values("therapistprofilepage_id")
        )
        if place.point is None:
            here = Q(pk__in=_profile_ids(PracticeLocation.objects.filter(state=place.state)))
        else:
            radius = self.data["radius"]
            min_lat, max_lat, min_lng, max_lng = bounding_box(place.point, radius)
            nearby = (
                PracticeLocation.objects.filter(
                    latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
                )
                .annotate(distance=distance_miles(place.point))
                .filter(distance__lte=radius)
            )
            here = Q(pk__in=_profile_ids(nearby))
            if place.kind == "city":
                # Everyone in the city counts, even past the radius from its centre.
                in_city = PracticeLocation.objects.filter(
                    state=place.state, city_slug=place.city_slug
                )
                here |= Q(pk__in=_profile_ids(in_city))
        if self.data.get("online"):
            # Online therapists licensed for the state are as good as near.
            return Q(offers_online=True) & (here | serves_state_online)
        return here

    def filtered(self, exclude=()):
        """Live profiles matching every criterion but those named in `exclude`."""
        data = self.data
        queryset = TherapistProfilePage.objects.live()
        if self.place is not None:
            queryset = queryset.filter(self._place_q())
        if data.get("q"):
            queryset = queryset.filter(pk__in=name_matches(data["q"]))
        for param, relation, _model in ALL_OF_FACETS:
            for option in data.get(param) or ():
                queryset = queryset.filter(**{relation: option.pk})
        if data.get("profession") and "profession" not in exclude:
            queryset = queryset.filter(profession__in=[o.pk for o in data["profession"]])
        if data.get("gender") and "gender" not in exclude:
            queryset = queryset.filter(gender__in=data["gender"])
        if data.get("online"):
            queryset = queryset.filter(offers_online=True)
        if data.get("in_person"):
            queryset = queryset.filter(offers_in_person=True)
        if data.get("sliding_scale"):
            queryset = queryset.filter(sliding_scale=True)
        if data.get("accepting"):
            queryset = queryset.filter(self._accepting_q())
        if data.get("max_fee") is not None:
            queryset = queryset.filter(fee_min__lte=data["max_fee"])
        return queryset

    def _accepting_q(self):
        return accepting_q(self.accepting_since)

    def _ordered(self):
        """Matching profiles in result order, with `distance` when there is a point."""
        queryset = self.filtered()
        if self.point is not None:
            nearest = (
                PracticeLocation.objects.filter(profile=OuterRef("pk"), latitude__isnull=False)
                .annotate(distance=distance_miles(self.point))
                .order_by("distance")
                .values("distance")[:1]
            )
            queryset = queryset.annotate(distance=Subquery(nearest))
        else:
            queryset = queryset.annotate(distance=Value(None, output_field=FloatField()))
        if self.data["sort"] == "distance" and self.point is not None:
            return queryset.order_by(F("distance").asc(nulls_last=True), "sort_name", "pk")
        return queryset.order_by("sort_name", "pk")

    def results(self):
        """The ordered results as a sequence for the paginator (a fixed number of queries).

        Usually (up to MATERIALISE_LIMIT matches) one query fetches every match's id and
        distance in order; a page then loads only its own profiles, and the facet counts
        reuse the ids instead of running the search again. Larger result sets stay queries.
        """
        if self.narrows:
            rows = list(self._ordered().values_list("pk", "distance")[: MATERIALISE_LIMIT + 1])
            if len(rows) <= MATERIALISE_LIMIT:
                self._ids = [pk for pk, _distance in rows]
                return LoadedResults(rows, self.accepting_since)
        self._ids = self.filtered().values("pk")
        return with_card_data(annotate_accepting(self._ordered(), self.accepting_since))

    @property
    def narrows(self):
        """Whether any criterion is given (without one, every live profile matches)."""
        # Empty taxonomy choices are empty querysets: bool() on them runs no query.
        return any(
            bool(value) for name, value in self.data.items() if name not in ("sort", "radius")
        )

    @property
    def ids(self):
        """The matching profiles' ids: a list, or a subquery for large result sets."""
        if self._ids is None:
            self.results()
        return self._ids

    def _ids_without(self, facet):
        """Ids for the counts of an any-of facet: its own selection left out."""
        if not self.data.get(facet):
            return self.ids
        return self.filtered(exclude=(facet,)).values("pk")

    def facets(self):
        """Filter options, each with how many current results have it (three queries).

        Counts over large result sets (the whole directory, a big state) are cached for a
        few minutes; publishing or unpublishing a profile starts afresh (signals.py).
        """
        data = self.data
        options = cached_taxonomy_options()  # [(kind, pk, slug, name)]
        if isinstance(self.ids, list):
            counts, flags = self._counts()
        else:
            counts, flags = cache_facet_counts(self.data, self._counts)
        self.flag_counts = {name: flags[name] for name, _label in FLAG_FILTERS}
        facets = []
        for param, legend, any_of in FACET_ORDER:
            if param == "gender":
                selected = set(data.get("gender") or ())
                choices = [
                    (value, label, flags[f"gender_{value}"]) for value, label in GENDER_CHOICES
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
        return facets

    def _counts(self):
        counts = {(kind, pk): n for kind, pk, n in self._option_counts()}
        return counts, self._flag_and_gender_counts()

    def _option_counts(self):
        """(facet, option pk, count) for every taxonomy facet, in one UNION query."""
        queries = []
        for param, relation, _model in ALL_OF_FACETS:
            through = getattr(TherapistProfilePage, relation).through
            target = next(
                f.attname
                for f in through._meta.concrete_fields
                if f.is_relation and f.attname != "therapistprofilepage_id"
            )
            queries.append(
                through.objects.filter(therapistprofilepage_id__in=self.ids)
                .order_by()
                .values(target)
                .annotate(kind=Value(param, output_field=CharField()), n=Count("pk"))
                .values_list("kind", target, "n")
            )
        queries.append(
            TherapistProfilePage.objects.filter(
                pk__in=self._ids_without("profession"), profession__isnull=False
            )
            .order_by()
            .values("profession_id")
            .annotate(kind=Value("profession", output_field=CharField()), n=Count("pk"))
            .values_list("kind", "profession_id", "n")
        )
        return queries[0].union(*queries[1:], all=True)

    def _flag_and_gender_counts(self):
        """Yes/no options (over the results) and genders (their own filter left out): one query."""
        in_results = Q(pk__in=self.ids)
        base = self._ids_without("gender")
        counts = {
            "online": Count("pk", filter=in_results & Q(offers_online=True)),
            "in_person": Count("pk", filter=in_results & Q(offers_in_person=True)),
            "sliding_scale": Count("pk", filter=in_results & Q(sliding_scale=True)),
            "accepting": Count("pk", filter=in_results & self._accepting_q()),
        }
        for value, _label in GENDER_CHOICES:
            counts[f"gender_{value}"] = Count("pk", filter=Q(gender=value))
        return TherapistProfilePage.objects.filter(pk__in=base).order_by().aggregate(**counts)


class LoadedResults:
    """Results whose order is already known: a page loads just its own profiles."""

    def __init__(self, rows, accepting_since):
        self.rows = rows  # [(pk, distance)] in result order
        self.accepting_since = accepting_since

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, index):
        rows = self.rows[index] if isinstance(index, slice) else [self.rows[index]]
        profiles = with_card_data(
            annotate_accepting(
                TherapistProfilePage.objects.filter(pk__in=[pk for pk, _ in rows]),
                self.accepting_since,
            )
        ).in_bulk()
        page = []
        for pk, distance in rows:
            if pk in profiles:  # unpublished between the two queries: skip it
                profile = profiles[pk]
                profile.distance = distance
                page.append(profile)
        return page if isinstance(index, slice) else page[0]


FACET_CACHE_SECONDS = 300
FACET_CACHE_VERSION_KEY = "therapists:facets:version"


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


def accepting_q(since):
    """Accepting new clients, and said so on or after `since`."""
    return Q(accepting_new_clients=True, accepting_confirmed_on__gte=since)


def annotate_accepting(queryset, since):
    return queryset.annotate(
        accepting_now=Case(
            When(accepting_q(since), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def with_card_data(queryset):
    """What a result card shows, fetched in a fixed number of queries for the whole page."""
    return queryset.select_related("profession").prefetch_related(
        Prefetch("locations", queryset=PracticeLocation.objects.order_by("sort_order", "pk")),
        Prefetch("top_specialties", queryset=Issue.objects.order_by("name")),
        Prefetch(
            "photo", queryset=get_image_model().objects.prefetch_renditions(CARD_PHOTO_FILTER)
        ),
    )


def name_matches(text):
    """Live profiles whose name matches, through Wagtail's search backend.

    The database backends give a queryset, used as a subquery so nothing is fetched; other
    backends (Elasticsearch) give results, of which the best 1,000 are kept.
    """
    results = TherapistProfilePage.objects.live().search(
        text, operator="and", order_by_relevance=False
    )
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().values("pk")
    return [profile.pk for profile in results[:1000]]
