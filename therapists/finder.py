"""Turn the directory's validated query into database queries: results, distances, facets.

Everything is filtered in the database. A place with a point (ZIP or city) first narrows
practice locations to a bounding box (indexed on latitude/longitude), then keeps those within
the exact great-circle distance. Facet counts take one query per facet whatever the data size.
"""

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
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

# (query parameter, profile relation, taxonomy model, legend) for the many-valued filters,
# where ticking several options means "all of them".
ALL_OF_FACETS = [
    ("issue", "issues", Issue, "Issues"),
    ("approach", "approaches", Approach, "Types of therapy"),
    ("language", "languages", Language, "Languages"),
    ("insurance", "insurers", Insurer, "Insurance"),
    ("identity", "identities", Identity, "Therapist identity"),
]
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
        for param, relation, _model, _legend in ALL_OF_FACETS:
            for option in data.get(param) or ():
                queryset = queryset.filter(**{relation: option})
        if data.get("profession") and "profession" not in exclude:
            queryset = queryset.filter(profession__in=data["profession"])
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

    def results(self):
        """The ordered results, ready for a page of cards (a fixed number of queries)."""
        queryset = annotate_accepting(self.filtered(), self.accepting_since)
        if self.point is not None:
            nearest = (
                PracticeLocation.objects.filter(profile=OuterRef("pk"), latitude__isnull=False)
                .annotate(distance=distance_miles(self.point))
                .order_by("distance")
                .values("distance")[:1]
            )
            queryset = queryset.annotate(distance=Subquery(nearest))
        if self.data["sort"] == "distance" and self.point is not None:
            queryset = queryset.order_by(F("distance").asc(nulls_last=True), "title", "pk")
        else:
            queryset = queryset.order_by("title", "pk")
        return with_card_data(queryset)

    def facets(self):
        """Filter options, each with how many current results have it (fixed query count)."""
        data = self.data
        ids = self.filtered().values("pk")
        facets = []
        for param, _relation, model, legend in ALL_OF_FACETS:
            selected = {option.pk for option in data.get(param) or ()}
            options = model.objects.annotate(
                count=Count("profiles", filter=Q(profiles__in=ids))
            ).order_by("name")
            facets.append(
                Facet(
                    param,
                    legend,
                    [FacetOption(o.slug, o.name, o.count, o.pk in selected) for o in options],
                )
            )
        # Profession and gender are one value per therapist: ticking more widens the search,
        # so their counts leave their own filter out.
        selected = {option.pk for option in data.get("profession") or ()}
        without_profession = self.filtered(exclude=("profession",)).values("pk")
        professions = Profession.objects.annotate(
            count=Count("profiles", filter=Q(profiles__in=without_profession))
        ).order_by("name")
        facets.insert(
            1,
            Facet(
                "profession",
                "Profession",
                [FacetOption(o.slug, o.name, o.count, o.pk in selected) for o in professions],
                any_of=True,
            ),
        )
        gender_counts = self.filtered(exclude=("gender",)).aggregate(
            **{value: Count("pk", filter=Q(gender=value)) for value, _label in GENDER_CHOICES}
        )
        selected_genders = set(data.get("gender") or ())
        facets.append(
            Facet(
                "gender",
                "Therapist gender",
                [
                    FacetOption(value, label, gender_counts[value], value in selected_genders)
                    for value, label in GENDER_CHOICES
                ],
                any_of=True,
            )
        )
        return facets

    def flag_counts(self):
        """How many current results offer each yes/no option (one query)."""
        return self.filtered().aggregate(
            online=Count("pk", filter=Q(offers_online=True)),
            in_person=Count("pk", filter=Q(offers_in_person=True)),
            sliding_scale=Count("pk", filter=Q(sliding_scale=True)),
            accepting=Count("pk", filter=self._accepting_q()),
        )


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
