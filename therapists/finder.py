"""Turn the directory's validated query into database queries: results and distances.

Everything is filtered in the database. A place with a point (ZIP or city) first narrows
practice locations to a bounding box (indexed on latitude/longitude), then keeps those within
the exact great-circle distance. Advanced Search's counts are in facets.py.
"""

from django.db.models import (
    BooleanField,
    Case,
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
    Approach,
    Faith,
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
# (query parameter, profile field, taxonomy model): one option per profile, several = any.
ONE_OF_FACETS = [
    ("profession", "profession", Profession),
    ("faith", "faith", Faith),
]
TAXONOMY_MODELS = [(param, model) for param, _relation, model in ALL_OF_FACETS + ONE_OF_FACETS]
# `age=` and `modality=` values, each a yes/no field of the profile; several mean any of them.
AGE_FILTERS = [
    ("children", "serves_children"),
    ("teens", "serves_teens"),
    ("adults", "serves_adults"),
    ("older-adults", "serves_older_adults"),
]
MODALITY_FILTERS = [
    ("individuals", "sees_individuals"),
    ("couples", "sees_couples"),
    ("families", "sees_families"),
    ("groups", "sees_groups"),
]
_FOCUS_LABELS = dict(TherapistProfilePage.CLIENT_AGES + TherapistProfilePage.CLIENT_GROUPS)
AGE_CHOICES = [(value, _FOCUS_LABELS[field]) for value, field in AGE_FILTERS]
MODALITY_CHOICES = [(value, _FOCUS_LABELS[field]) for value, field in MODALITY_FILTERS]
FOCUS_FILTERS = {"age": dict(AGE_FILTERS), "modality": dict(MODALITY_FILTERS)}
# Up to this many matches, their ids are fetched once and reused (LoadedResults).
MATERIALISE_LIMIT = 3000
FLAG_FILTERS = [
    ("online", "Online sessions"),
    ("in_person", "In-person sessions"),
    ("sliding_scale", "Sliding scale fees"),
    ("accepting", "Accepting new clients"),
]
FLAG_FIELDS = {
    "online": "offers_online",
    "in_person": "offers_in_person",
    "sliding_scale": "sliding_scale",
}


def _profile_ids(queryset):
    return queryset.values("profile_id")


def through_table(relation):
    """(through model, its column naming the option) of a profile's many-to-many vocabulary."""
    through = getattr(TherapistProfilePage, relation).through
    target = next(
        f.attname
        for f in through._meta.concrete_fields
        if f.is_relation and f.attname != "therapistprofilepage_id"
    )
    return through, target


def _has_option(relation, pk):
    """Profiles with this option of a many-to-many vocabulary, as a subquery (no join)."""
    through, target = through_table(relation)
    return Q(pk__in=through.objects.filter(**{target: pk}).values("therapistprofilepage_id"))


def place_q(place, data):
    """Profiles that practise in or near the place (or serve its state online, with online=1)."""
    serves_state_online = Q(
        pk__in=TherapistProfilePage.online_states.through.objects.filter(
            state_id=place.state
        ).values("therapistprofilepage_id")
    )
    if place.point is None:
        here = Q(pk__in=_profile_ids(PracticeLocation.objects.filter(state=place.state)))
    else:
        radius = data["radius"]
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
                state=place.state, city_slug__in=place.city_slugs
            )
            here |= Q(pk__in=_profile_ids(in_city))
    if data.get("online"):
        # Online therapists licensed for the state are as good as near.
        return Q(offers_online=True) & (here | serves_state_online)
    return here


def criteria(data, accepting_since):
    """One Q per criterion of a validated query; a profile matches when it meets them all."""
    conditions = []
    if data.get("location") is not None:
        conditions.append(place_q(data["location"], data))
    if data.get("q"):
        conditions.append(Q(pk__in=name_matches(data["q"])))
    for param, relation, _model in ALL_OF_FACETS:
        conditions += [_has_option(relation, option.pk) for option in data.get(param) or ()]
    for param, field, _model in ONE_OF_FACETS:
        if data.get(param):
            conditions.append(Q(**{f"{field}__in": [option.pk for option in data[param]]}))
    if data.get("gender"):
        conditions.append(Q(gender__in=data["gender"]))
    for param, fields in FOCUS_FILTERS.items():
        if data.get(param):
            any_of = Q()
            for value in data[param]:
                any_of |= Q(**{fields[value]: True})
            conditions.append(any_of)
    for param, field in FLAG_FIELDS.items():
        if data.get(param):
            conditions.append(Q(**{field: True}))
    if data.get("accepting"):
        conditions.append(accepting_q(accepting_since))
    if data.get("max_fee") is not None:
        conditions.append(Q(fee_min__lte=data["max_fee"]))
    return conditions


class DirectorySearch:
    def __init__(self, cleaned_data, accepting_since):
        self.data = cleaned_data
        self.place = cleaned_data.get("location")
        self.accepting_since = accepting_since
        self._ids = None

    @property
    def point(self):
        return self.place.point if self.place else None

    def filtered(self, exclude=()):
        """Live profiles matching every criterion but those named in `exclude`."""
        data = {name: value for name, value in self.data.items() if name not in exclude}
        queryset = TherapistProfilePage.objects.live()
        for condition in criteria(data, self.accepting_since):
            queryset = queryset.filter(condition)
        return queryset

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

    def ids_without(self, *params):
        """Ids for the counts of any-of facets: their own selection left out."""
        if not any(self.data.get(param) for param in params):
            return self.ids
        return self.filtered(exclude=params).values("pk")


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
