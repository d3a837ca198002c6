"""The directory's views: Browse Locations and the prompt's cookie (the search page itself is in
search_views.py; a profile's own context and contact form are models/profile_view.py).

The directory page (TherapistIndexPage) routes its URLs here through directory_urls.py.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from home.models import SiteSettings
from home.pagination import paginate
from home.public_forms import public_form

from .finder import annotate_accepting, with_card_data
from .geo import Point, haversine_miles
from .models import PracticeLocation, TherapistProfilePage, accepting_cutoff
from .rotation import daily_key
from .states import STATE_NAMES
from .telehealth import serves_state_online_q

RESULTS_PER_PAGE = 20
PROMPT_COOKIE = "hide_find_therapist_prompt"


def _accepting_since(request):
    return accepting_cutoff(SiteSettings.for_request(request))


def _place_cards(profiles, point=None, city=None):
    """Pick the location each card shows: the nearest to `point`, or the one in `city`."""
    for profile in profiles:
        locations = list(profile.locations.all())
        chosen = locations[0] if locations else None
        if point is not None:
            located = [loc for loc in locations if loc.latitude is not None]
            if located:
                chosen = min(
                    located,
                    key=lambda loc: haversine_miles(point, Point(loc.latitude, loc.longitude)),
                )
        elif city is not None:
            chosen = next((loc for loc in locations if (loc.state, loc.city_slug) == city), chosen)
        profile.card_location = chosen
    return profiles


def _live_locations():
    return PracticeLocation.objects.filter(profile__live=True)


def browse_states_view(index, request):
    rows = (
        _live_locations()
        .values("state")
        .annotate(count=Count("profile", distinct=True))
        .order_by("state")
    )
    states = sorted(
        (
            {"code": row["state"], "name": STATE_NAMES.get(row["state"], row["state"]), **row}
            for row in rows
        ),
        key=lambda state: state["name"],
    )
    return index.render(
        request,
        template="therapists/locations.html",
        context_overrides={
            "states": states,
            "browse_title": "Find a therapist by state",
            "browse_description": (
                f"Browse licensed therapists in {len(states)} states and territories. Choose "
                "a state to see its cities and the therapists who practise there."
            ),
        },
    )


def _state_or_404(state):
    code = state.upper()
    if code not in STATE_NAMES:
        raise Http404(f"There is no US state with the code “{state[:10]}”.")
    return code


def browse_state_view(index, request, state):
    code = _state_or_404(state)
    if state != code.lower():
        return redirect(index.url + index.reverse_subpage("browse_state", args=[code.lower()]))
    cities = list(
        _live_locations()
        .filter(state=code)
        .values("city_slug")
        .annotate(count=Count("profile", distinct=True), city=Min("city"))
        .order_by("city_slug")
    )
    online_count = (
        TherapistProfilePage.objects.live()
        .filter(serves_state_online_q(code), offers_online=True)
        .count()
    )
    name = STATE_NAMES[code]
    total = sum(city["count"] for city in cities)
    return index.render(
        request,
        template="therapists/locations-state.html",
        context_overrides={
            "state_code": code,
            "state_name": name,
            "cities": cities,
            "online_count": online_count,
            "browse_title": f"Therapists in {name}",
            "browse_description": (
                f"Find a therapist in {name}: browse {len(cities)} "
                f"{'city' if len(cities) == 1 else 'cities'} with in-person practices"
                + (
                    f", or {online_count} therapists who see {name} residents online."
                    if online_count
                    else "."
                )
            ),
            "total": total,
        },
    )


def browse_city_view(index, request, state, city_slug):
    code = _state_or_404(state)
    if state != code.lower():
        return redirect(
            index.url + index.reverse_subpage("browse_city", args=[code.lower(), city_slug])
        )
    in_city = _live_locations().filter(state=code, city_slug=city_slug)
    city = in_city.aggregate(name=Min("city"))["name"]
    if city is None:
        raise Http404(f"No therapists are listed in that city of {STATE_NAMES[code]} yet.")
    since = _accepting_since(request)
    profiles = with_card_data(
        annotate_accepting(
            TherapistProfilePage.objects.live().filter(pk__in=in_city.values("profile_id")),
            since,
        )
    ).order_by(daily_key(), "pk")  # all tied: the day's rotation (rotation.py)
    page_obj = paginate(request, profiles, RESULTS_PER_PAGE)
    _place_cards(page_obj.object_list, city=(code, city_slug))
    label = f"{city}, {code}"
    count = page_obj.paginator.count
    return index.render(
        request,
        template="therapists/locations-city.html",
        context_overrides={
            "state_code": code,
            "state_name": STATE_NAMES[code],
            "city": city,
            "city_label": label,
            "page_obj": page_obj,
            "browse_title": f"Therapists in {label}",
            "browse_description": (
                f"{count} licensed {'therapist' if count == 1 else 'therapists'} with a "
                f"practice in {city}, {STATE_NAMES[code]}: specialties, fees, insurance and "
                "whether they are accepting new clients."
            ),
        },
    )


# The "Find the Right Therapist" prompt


# Posted from cached pages: no CSRF token, the post's origin is checked (home/public_forms.py).
@public_form
@require_POST
def hide_prompt(request):
    """Remember "Don't show me this again." in a cookie, then go back where the visitor was."""
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.headers.get("Accept") == "application/json":  # the script's fetch()
        response = JsonResponse({"hidden": True})
    else:
        response = HttpResponseRedirect(next_url)
    response.set_cookie(
        PROMPT_COOKIE,
        "1",
        max_age=int(timedelta(days=365).total_seconds()),
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
