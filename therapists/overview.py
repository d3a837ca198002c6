"""The directory in numbers, for the home page: one query whatever the number of profiles."""

from django.db.models import Count, IntegerField, Subquery, Value

from .models import PracticeLocation, TherapistProfilePage
from .states import STATE_NAMES


def _count(queryset):
    """A scalar subquery counting `queryset`'s rows."""
    return Subquery(
        queryset.order_by()
        .annotate(one=Value(1, output_field=IntegerField()))
        .values("one")
        .annotate(count=Count("pk"))
        .values("count"),
        output_field=IntegerField(),
    )


def directory_overview():
    """{"therapists", "verified", "cities", "states": [{"code", "name", "count"}]}: the live
    profiles, those whose license staff verified, and the states and cities they practise in,
    states by name (as on Browse Locations)."""
    profiles = TherapistProfilePage.objects.live()
    rows = list(
        PracticeLocation.objects.filter(profile__live=True)
        .values("state")
        .annotate(
            count=Count("profile", distinct=True),
            cities=Count("city_slug", distinct=True),
            # The same for every row; asked here to spare a query of its own.
            therapists=_count(profiles),
            verified=_count(profiles.filter(license_verified=True)),
        )
        .order_by("state")
    )
    states = sorted(
        (
            {
                "code": row["state"],
                "name": STATE_NAMES.get(row["state"], row["state"]),
                "count": row["count"],
            }
            for row in rows
        ),
        key=lambda state: state["name"],
    )
    first = rows[0] if rows else {"therapists": 0, "verified": 0}
    return {
        "therapists": first["therapists"],
        "verified": first["verified"],
        "cities": sum(row["cities"] for row in rows),
        "states": states,
    }
