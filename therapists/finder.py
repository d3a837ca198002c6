"""Turn the directory's validated query into database queries: results and distances.

Everything is filtered in the database. A place with a point (ZIP or city) first narrows
practice locations to a bounding box (indexed on latitude/longitude), then keeps those within
the exact great-circle distance. The filters themselves are declared in facets.py; Advanced
Search's counts are in counts.py.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from wagtail.images import get_image_model

from home.expressions import InArray

from . import counts
from .facets import FACETS, FLAGS, accepting_q
from .geo import bounding_box, distance_miles
from .models import Issue, PracticeLocation, ProfileAvailability, TherapistProfilePage
from .rotation import daily_key, distance_band
from .telehealth import serves_state_online_q

CARD_PHOTO_FILTER = "fill-160x160"
# Up to this many matches, their ids and distances are fetched once, in order, and reused by
# the page (LoadedResults) and the counts (counts.py): on PostgreSQL that covers a whole state
# (up to 8,000 of 50,000 profiles in make bench-directory), one search instead of three (the
# fetch that overflowed, the count, the page).
MATERIALISE_LIMIT = {"postgresql": 10_000}
DEFAULT_MATERIALISE_LIMIT = 3000
# What is not a criterion: without any other parameter, every live profile matches.
NOT_CRITERIA = ("sort", "radius")
# What the cached order holds when the matches were more than MATERIALISE_LIMIT.
TOO_MANY = "too many"


def _profile_ids(queryset):
    return queryset.values("profile_id")


def place_q(place, data):
    """Profiles that practise in or near the place (or serve its state online, with online=1)."""
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
        # Online therapists licensed for the state (telehealth.py) are as good as near.
        return Q(offers_online=True) & (here | serves_state_online_q(place.state))
    return here


def criteria(data, accepting_since):
    """One Q per criterion of a validated query; a profile matches when it meets them all."""
    conditions = []
    if data.get("location") is not None:
        conditions.append(place_q(data["location"], data))
    if data.get("q"):
        conditions.append(name_q(data["q"]))
    for facet in FACETS:
        conditions += facet.conditions(data.get(facet.param) or ())
    for flag in FLAGS:
        if data.get(flag.param):
            conditions.append(flag.condition(accepting_since))
    if data.get("max_fee") is not None:
        conditions.append(Q(fee_min__lte=data["max_fee"]))
    return conditions


class DirectorySearch:
    """A validated query (DirectorySearchForm.cleaned_data) over the live profiles.

    `run()` returns everything the results page needs from it, as `Matches`; nothing here
    depends on what was called before.
    """

    def __init__(self, cleaned_data, accepting_since, hidden_before=None):
        self.data = cleaned_data
        self.place = cleaned_data.get("location")
        self.accepting_since = accepting_since
        # Profiles whose availability was last confirmed before this date are ghosts: left out
        # unless asked for by name (`q`). None keeps everyone.
        self.hidden_before = hidden_before

    @property
    def point(self):
        return self.place.point if self.place else None

    @property
    def narrows(self):
        """Whether any criterion is given (without one, every live profile matches)."""
        # Empty taxonomy choices are empty lists: bool() on them runs no query.
        return any(bool(value) for name, value in self.data.items() if name not in NOT_CRITERIA)

    def filtered(self, exclude=()):
        """Live profiles matching every criterion but those named in `exclude` (a queryset)."""
        data = {name: value for name, value in self.data.items() if name not in exclude}
        queryset = TherapistProfilePage.objects.live()
        if self.hidden_before is not None and not self.data.get("q"):
            queryset = queryset.filter(listed_q(self.hidden_before))
        for condition in criteria(data, self.accepting_since):
            queryset = queryset.filter(condition)
        return queryset

    def ordered(self):
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
        if self.data["sort"] == "name":
            return queryset.order_by("sort_name", "pk")
        # Ties (a distance band, or no distance) rotate daily (rotation.py).
        if self.point is not None:
            return queryset.order_by(distance_band(), daily_key(), "pk")
        return queryset.order_by(daily_key(), "pk")

    def run(self):
        """The matches. Runs at most one query; a page of results then takes a fixed number
        (its profiles, their locations, specialties and photos: with_card_data).

        Usually (up to MATERIALISE_LIMIT matches, or everyone when no criterion is given) that
        one query fetches every match's id and distance in order: a page then loads only its
        own profiles, and the counts reuse the ids instead of running the search again. An
        order of CACHE_FROM matches or more is cached like the counts (counts.py): ordering
        the whole directory by the day's rotation took 150-200 ms a request at 50,000
        profiles (make bench-directory). With more matches, results and ids stay queries and
        none runs here.
        """
        rows = self._ordered_rows()
        if rows is not None:
            # Everyone's 50,000 ids are not listed on every request: the counts, cached, read
            # them from the rows when they need them (counts.py).
            ids = [pk for pk, _d in rows] if self.narrows else self.filtered().values("pk")
            return Matches(self, LoadedResults(rows, self.accepting_since), ids)
        results = with_card_data(annotate_accepting(self.ordered(), self.accepting_since))
        return Matches(self, CountedResults(results, self.data), self.filtered().values("pk"))

    def _ordered_rows(self):
        """[(pk, distance)] of every match in order, or None when there are too many."""
        limit = MATERIALISE_LIMIT.get(connection.vendor, DEFAULT_MATERIALISE_LIMIT)

        def fetch():
            rows = self.ordered().values_list("pk", "distance")
            if not self.narrows:
                return list(rows)
            rows = list(rows[: limit + 1])
            return rows if len(rows) <= limit else TOO_MANY

        # The order depends on the day (rotation.py) and the cut-offs as well as the criteria.
        name = f"order:{self.data['sort']}:{timezone.localdate()}:"
        name += f"{self.accepting_since}:{self.hidden_before}"
        rows = counts.cache_for_search(
            self.data, name, fetch, keep=_worth_caching, lasting=not self.narrows
        )
        return None if rows == TOO_MANY else rows


def _worth_caching(rows):
    """Like counts, an order is cached for large result sets only (or when there are too many
    to fetch: the next request then knows not to try)."""
    return rows == TOO_MANY or len(rows) >= counts.CACHE_FROM


@dataclass(frozen=True)
class Matches:
    """What a DirectorySearch found."""

    search: DirectorySearch
    results: object  # the ordered profiles, for the paginator (LoadedResults or a queryset)
    ids: object  # their ids: a list when fetched (up to MATERIALISE_LIMIT), else a subquery

    @property
    def fetched(self):
        """Whether the ids are at hand (a list), rather than a query to run again."""
        return isinstance(self.ids, list)


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


def listed_q(hidden_before):
    """Profiles confirmed (either answer) on or after `hidden_before`: not ghost listings. An
    EXISTS like accepting_q, for the same reason."""
    return Q(
        Exists(
            ProfileAvailability.objects.filter(
                profile=OuterRef("pk"), confirmed_on__gte=hidden_before
            )
        )
    )


class CountedResults:
    """Results too many to fetch (every profile, the largest places): pages come from the
    query; their total, counting thousands of rows, is cached as their facet counts are."""

    def __init__(self, queryset, data):
        self.queryset = queryset
        self.data = data

    def count(self):
        return counts.cache_for_search(self.data, "total", self.queryset.count)

    def __getitem__(self, index):
        return self.queryset[index]


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
    return queryset.select_related("profession", "availability").prefetch_related(
        Prefetch("locations", queryset=PracticeLocation.objects.order_by("sort_order", "pk")),
        Prefetch("top_specialties", queryset=Issue.objects.order_by("name")),
        Prefetch(
            "photo", queryset=get_image_model().objects.prefetch_renditions(CARD_PHOTO_FILTER)
        ),
    )


def name_q(text):
    """Profiles whose name matches, through Wagtail's search backend (the caller keeps the
    live ones).

    On PostgreSQL the project's backend gives the matching entries' keys from the index table
    alone (search/backend.py `matching_keys`), each profile then looked up by key: Wagtail's
    query joined all 50,000 profiles to their entries, and `pk IN (the keys)` still hashed
    every page, 14 of the 37 ms of a common surname's search (make bench-directory). The
    other database backends give a queryset, used as a subquery so nothing is fetched; other
    backends (Elasticsearch) give results, of which the best 1,000 are kept.
    """
    results = TherapistProfilePage.objects.search(text, operator="and", order_by_relevance=False)
    matching_keys = getattr(results, "matching_keys", None)
    keys = matching_keys() if matching_keys is not None else None
    if keys is not None:
        return Q(InArray(F("pk"), Subquery(keys)))
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return Q(pk__in=get_queryset().values("pk"))
    return Q(pk__in=[profile.pk for profile in results[:1000]])
