"""Counting how profiles perform, without tracking anyone: the first-party beacon.

Profiles and result pages are served from the full-page cache, so Django never sees most views.
A small script (static/therapists/insight.js) tells the site what the page showed once it has
loaded, with navigator.sendBeacon: `event` (view, appearance or call) and the profile ids. The
site adds one to that day's total of each profile (ProfileDailyCount) and keeps nothing else:
no cookie is read or set, no address, user agent or referrer is stored, and nothing is sent to
anyone else. Visitors without JavaScript, and crawlers that announce themselves, are not counted.
"""

from django.db.models import F
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from home.public_forms import public_form
from home.rate_limits import over_rate_limit

from .models import ProfileDailyCount, TherapistProfilePage

# The beacon's events and the column each adds to.
EVENTS = {"view": "views", "appearance": "appearances", "call": "phone_clicks"}
# A results page shows 20 profiles; a view or a call names one.
MAX_PROFILES = {"view": 1, "appearance": 20, "call": 1}
# Generous for a person clicking through results, tight for a script inflating counts.
BEACON_RATE = "120/m"
CRAWLER_WORDS = ("bot", "crawl", "spider", "slurp", "preview")


def count_event(event, profile_ids, day=None):
    """Add one to `event`'s count of each live profile in `profile_ids` for `day` (today).

    Safe under concurrent beacons: the day's rows are created if missing (a conflict means
    another request just did), then incremented in the database with F(); no count is lost.
    Three queries whatever the number of profiles. Returns how many profiles were counted.
    """
    column = EVENTS[event]
    day = day or timezone.localdate()
    ids = list(
        TherapistProfilePage.objects.live().filter(pk__in=profile_ids).values_list("pk", flat=True)
    )
    if not ids:
        return 0
    ProfileDailyCount.objects.bulk_create(
        [ProfileDailyCount(profile_id=pk, day=day) for pk in ids], ignore_conflicts=True
    )
    ProfileDailyCount.objects.filter(profile_id__in=ids, day=day).update(**{column: F(column) + 1})
    return len(ids)


def _bad(reason):
    return HttpResponseBadRequest(reason, content_type="text/plain; charset=utf-8")


@never_cache
@public_form
@require_POST
def beacon(request):
    """POST event=view|appearance|call&profile=<id>[&profile=…]: 204, or 4xx saying why."""
    if over_rate_limit(request, "therapists.insight", BEACON_RATE):
        return HttpResponse("Too many requests.", status=429, content_type="text/plain")
    event = request.POST.get("event", "")
    if event not in EVENTS or len(request.POST.getlist("event")) != 1:
        return _bad("event must be given once: view, appearance or call.")
    raw = request.POST.getlist("profile")
    if not 1 <= len(raw) <= MAX_PROFILES[event]:
        most = MAX_PROFILES[event]
        return _bad(
            f"{event} takes one profile id."
            if most == 1
            else f"{event} takes 1 to {most} profile ids."
        )
    if not all(value.isascii() and value.isdigit() and len(value) <= 10 for value in raw):
        return _bad("profile must be a number.")
    agent = request.headers.get("User-Agent", "").lower()
    if not any(word in agent for word in CRAWLER_WORDS):
        count_event(event, {int(value) for value in raw})
    return HttpResponse(status=204)
