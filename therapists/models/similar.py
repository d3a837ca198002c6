"""“Similar therapists nearby” on a profile: live profiles that treat at least one of the same
issues, with an office near this profile's first office; those accepting new clients first,
then those sharing the most issues, then the nearest. One query (profile pages keep within
their query budget: search/tests/test_query_budget.py).
"""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from ..geo import Point, bounding_box, distance_miles
from .locations import PracticeLocation

SIMILAR_RADIUS = 25  # miles from the profile's first office
SIMILAR_COUNT = 3


def similar_profiles(profile, locations, issues, accepting_since, accepting_only=False):
    """Up to SIMILAR_COUNT profiles like `profile`, each with `distance` and `nearby_city`;
    with `accepting_only`, those accepting new clients, sharing issues or not (alternatives.py:
    someone who may not hear back wants anyone nearby who could see them, likest first).

    `locations` and `issues` are the profile's own, already fetched for the page.
    """
    origin = next((place for place in locations if place.latitude is not None), None)
    if origin is None or not (issues or accepting_only):
        return []
    point = Point(origin.latitude, origin.longitude)
    min_lat, max_lat, min_lng, max_lng = bounding_box(point, SIMILAR_RADIUS)
    near = (
        PracticeLocation.objects.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
        )
        .annotate(distance=distance_miles(point))
        .filter(distance__lte=SIMILAR_RADIUS)
    )
    nearest = near.filter(profile=OuterRef("pk")).order_by("distance")
    issue_ids = [issue.pk for issue in issues]
    through = type(profile).issues.through
    shared = (
        through.objects.filter(therapistprofilepage_id=OuterRef("pk"), issue_id__in=issue_ids)
        .order_by()
        .values("therapistprofilepage_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    candidates = type(profile).objects.live()
    if accepting_only:
        candidates = candidates.filter(
            availability__accepting_new_clients=True,
            availability__confirmed_on__gte=accepting_since,
        )
    else:
        candidates = candidates.filter(
            pk__in=through.objects.filter(issue_id__in=issue_ids).values("therapistprofilepage_id")
        )
    return list(
        candidates.exclude(pk=profile.pk)
        .filter(pk__in=near.values("profile_id"))
        .select_related("profession")
        .annotate(
            distance=Subquery(nearest.values("distance")[:1]),
            nearby_city=Subquery(nearest.values("city")[:1]),
            shared_issues=Coalesce(Subquery(shared), Value(0), output_field=IntegerField()),
            accepting_now=Case(
                When(
                    Q(
                        availability__accepting_new_clients=True,
                        availability__confirmed_on__gte=accepting_since,
                    ),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
        )
        .order_by("-accepting_now", "-shared_issues", "distance", "pk")[:SIMILAR_COUNT]
    )
