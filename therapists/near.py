"""/directory/near/?location=…&issue=…: up to three therapists near a place who treat any of
the given issues, as an HTML fragment for an article's "Talk to a therapist" section
(articles/static/articles/article-tools.js; docs/directory.md, "Therapists near a reader").

The article page is the same for every reader and cached; the reader's place (the mw_place
cookie directory.js sets in the browser) reaches only this small request, in its address.
The answer is private to the browser (never kept by Varnish, home/cache_headers.py leaves a
view's own Cache-Control alone) and short-lived. Bad input is a 400 fragment saying why.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from home.frame import first_live, frame_value

from .finder import DirectorySearch, annotate_accepting, with_card_data
from .forms import DEFAULT_RADIUS, TaxonomyField, without_empty_values
from .models import TherapistIndexPage, TherapistProfilePage
from .places import PlaceQuestion, parse_location
from .views import _accepting_since, _place_cards

NEAR_COUNT = 3
MAX_ISSUES = 3
# Long enough that paging through articles does not ask again for each, short enough that a
# therapist who stops accepting clients soon drops out.
NEAR_MAX_AGE = 300


class NearForm(forms.Form):
    location = forms.CharField(
        max_length=100,
        error_messages={
            "required": "Give a place: a ZIP code, “City, ST” or a state.",
            "max_length": "A place is at most %(limit_value)d characters.",
        },
    )
    issue = TaxonomyField("issue", "issue")

    def __init__(self, data):
        data = without_empty_values(data)
        self.repeated_location = len(data.getlist("location")) > 1
        super().__init__(data)

    def clean_location(self):
        if self.repeated_location:
            raise ValidationError("Give the place only once.")
        place = parse_location(self.cleaned_data["location"])
        if isinstance(place, PlaceQuestion):
            raise ValidationError("Name the state too, e.g. “Portland, OR”.")
        return place

    def clean_issue(self):
        issues = self.cleaned_data["issue"]
        if not issues:
            raise ValidationError("Name at least one issue, e.g. issue=anxiety.")
        if len(issues) > MAX_ISSUES:
            raise ValidationError(f"Name at most {MAX_ISSUES} issues.")
        return issues


def therapists_near(place, issues, accepting_since):
    """The nearest live profiles (within the directory's default radius, or in the state) that
    treat any of `issues`, with what their card shows; a fixed number of queries."""
    search = DirectorySearch(
        {"location": place, "radius": DEFAULT_RADIUS, "sort": "distance"}, accepting_since
    )
    treating = TherapistProfilePage.objects.filter(
        issues__in=[issue.pk for issue in issues]
    ).values("pk")
    found = search.ordered().filter(Q(pk__in=treating))
    profiles = list(with_card_data(annotate_accepting(found, accepting_since))[:NEAR_COUNT])
    # The search takes the nearest distance band, rotating within it daily (rotation.py: fair
    # to everyone in the band); the few shown read nearest first.
    profiles.sort(key=lambda profile: (profile.distance is None, profile.distance or 0))
    return _place_cards(profiles, point=search.point)


@require_GET
def near_view(request):
    form = NearForm(request.GET)
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        response = render(
            request, "therapists/includes/near-therapists.html", {"errors": errors}, status=400
        )
        patch_cache_control(response, private=True, no_store=True)
        return response
    place, issues = form.cleaned_data["location"], form.cleaned_data["issue"]
    response = render(
        request,
        "therapists/includes/near-therapists.html",
        {
            "place": place,
            "typed_place": form.data.get("location", ""),
            "issues": issues,
            "profiles": therapists_near(place, issues, _accepting_since(request)),
            "directory": frame_value(request, "directory", first_live(TherapistIndexPage)),
        },
    )
    patch_cache_control(response, private=True, max_age=NEAR_MAX_AGE)
    return response
