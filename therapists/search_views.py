"""The directory's search page: /find-a-therapist/?location=…&issue=… (shared/PRODUCT.md)."""

from home.models import SiteSettings
from home.pagination import paginate

from .counts import count_facets
from .facets import FACETS, FLAGS
from .finder import DirectorySearch
from .forms import DEFAULT_RADIUS, RADIUS_CHOICES, DirectorySearchForm
from .models.availability import hidden_cutoff
from .name_suggestions import FEW_RESULTS, suggest_name
from .places import PlaceQuestion
from .search_help import Suggestion, place_choices, query_url, relaxations
from .states import STATE_NAMES
from .views import RESULTS_PER_PAGE, _accepting_since, _place_cards


def find_view(index, request):
    """Search and results: /find-a-therapist/?location=…&issue=…"""
    form = DirectorySearchForm(request.GET)
    valid = form.is_valid()
    context = {
        "form": form,
        "radius_choices": RADIUS_CHOICES,
        # What the distance menu shows: the valid choice, else the default.
        "selected_radius": form.cleaned_data.get("radius") or DEFAULT_RADIUS,
        "kept_filters": _kept_filters(form.cleaned_data),
    }
    if not valid:
        context["flags"] = _flags(form, counts={})
        context["error_summary"] = [
            (name, error) for name, errors in form.errors.items() for error in errors
        ]
        response = index.render(request, context_overrides=context)
        response.status_code = 400
        return response
    place = form.cleaned_data["location"]
    if isinstance(place, PlaceQuestion):
        # "Portland" or "Portlnd, OR": ask which place before searching.
        context.update(
            flags=_flags(form, counts={}),
            place_question=place,
            place_choices=place_choices(request, place),
        )
        return index.render(request, context_overrides=context)

    search = DirectorySearch(
        form.cleaned_data,
        _accepting_since(request),
        hidden_before=hidden_cutoff(SiteSettings.for_request(request)),
    )
    matches = search.run()
    page_obj = paginate(request, matches.results, RESULTS_PER_PAGE)
    _place_cards(page_obj.object_list, point=search.point)
    counts = count_facets(matches)
    total = page_obj.paginator.count
    context.update(
        place=place,
        page_obj=page_obj,
        facets=counts.facets,
        kept_filters=[],
        flags=_flags(form, counts.flags),
        sort=form.cleaned_data["sort"],
        radius=form.cleaned_data["radius"],
        results_heading=_results_heading(form.cleaned_data, total),
        relaxations=relaxations(search, request) if not total else [],
        name_suggestion=_name_suggestion(search, request, total),
    )
    return index.render(request, context_overrides=context)


def _name_suggestion(search, request, total):
    """ "Did you mean …?" for a name search finding fewer than FEW_RESULTS therapists: the
    closest names' words (name_suggestions.py), offered when, with the other criteria
    kept, they find more (one count)."""
    typed = search.data.get("q")
    if not typed or total >= FEW_RESULTS:
        return None
    suggestion = suggest_name(typed)
    if suggestion is None or suggestion.lower() == typed.lower():
        return None
    corrected = DirectorySearch({**search.data, "q": suggestion}, search.accepting_since)
    count = corrected.filtered().count()
    if count <= total:
        return None
    return Suggestion(suggestion, query_url(request, q=suggestion), count)


def _kept_filters(cleaned):
    """(name, value) of the valid Advanced Search choices, for pages that do not list them
    (an error, a question about the place), so searching again keeps them."""
    kept = []
    for facet in FACETS:
        for option in cleaned.get(facet.param) or ():
            kept.append((facet.param, facet.value(option)))
    return kept


def _flags(form, counts):
    """The yes/no filters with whether each is ticked and how many results offer it."""
    cleaned = getattr(form, "cleaned_data", {})
    return [
        {
            "name": flag.param,
            "label": flag.label,
            "count": counts.get(flag.param),
            "checked": cleaned.get(flag.param),
        }
        for flag in FLAGS
    ]


def _results_heading(data, total):
    noun = "therapist" if total == 1 else "therapists"
    place = data["location"]
    if place is None:
        where = ""
    elif place.point is None:
        where = f" in {place.label}"
        if data.get("online"):
            where += " or online"
    else:
        where = f" within {data['radius']} miles of {place.label}"
        if data.get("online"):
            where += f", or online in {STATE_NAMES[place.state]}"
    return f"{total:,} {noun}{where}"
