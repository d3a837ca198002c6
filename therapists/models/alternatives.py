"""Therapists near a profile who could help instead: for a visitor who has written to one and
may not hear back (the message-sent page and the sender's confirmation email)."""

from django.db.models import Count, Exists, Min, OuterRef, Q

from ..geo import Point, bounding_box, distance_miles
from .availability import ProfileAvailability
from .locations import PracticeLocation

NEARBY_MILES = 25


def nearby_alternatives(profile, accepting_since, limit=3):
    """Up to `limit` other live profiles accepting new clients with an office within
    NEARBY_MILES of this profile's first office (or, online-only, licensed for its state
    online), those sharing most of its issues first, then the nearest. Two queries."""
    first = profile.locations.exclude(latitude=None).order_by("sort_order", "pk").first()
    if first is None:
        return []
    point = Point(first.latitude, first.longitude)
    min_lat, max_lat, min_lng, max_lng = bounding_box(point, NEARBY_MILES)
    nearby = (
        PracticeLocation.objects.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
        )
        .annotate(distance=distance_miles(point))
        .filter(distance__lte=NEARBY_MILES)
    )
    accepting = Exists(
        ProfileAvailability.objects.filter(
            profile=OuterRef("pk"), accepting_new_clients=True, confirmed_on__gte=accepting_since
        )
    )
    issue_ids = list(profile.issues.values_list("pk", flat=True))
    return list(
        type(profile)
        .objects.live()
        .exclude(pk=profile.pk)
        .filter(accepting, pk__in=nearby.values("profile_id"))
        .annotate(
            shared=Count("issues", filter=Q(issues__in=issue_ids), distinct=True),
            city=Min("locations__city"),
        )
        .select_related("profession")
        .order_by("-shared", "sort_name")[:limit]
    )
