from django import template

from home.frame import first_live, frame_value

from ..models import Issue, TherapistIndexPage
from ..overview import directory_overview as _directory_overview
from ..views import PROMPT_COOKIE

register = template.Library()


@register.inclusion_tag("therapists/includes/find-therapist-prompt.html", takes_context=True)
def find_therapist_prompt(context, dismissible=True, directory=None):
    """The "Find the Right Therapist" box for article pages (two queries, none once hidden;
    one when the page passes the `directory` it already has).

    Hidden for good once the visitor chose "Don't show me this again." (a cookie). The home
    page uses it with `dismissible=False`: always there, without that choice.
    """
    request = context.get("request")
    hidden = request is None or (dismissible and request.COOKIES.get(PROMPT_COOKIE) == "1")
    if hidden:
        directory = None
    elif directory is None:
        directory = frame_value(request, "directory", first_live(TherapistIndexPage))
    return {
        "request": request,
        "settings": context.get("settings"),
        "show": directory is not None,
        "dismissible": dismissible,
        "directory": directory,
        "issues": frame_value(request, "issues", lambda: list(Issue.objects.only("name", "slug")))
        if directory
        else [],
        "next_url": request.get_full_path() if request else "/",
    }


@register.simple_tag
def directory_overview():
    """Counts for the home page: therapists, verified licenses, states and cities."""
    return _directory_overview()


@register.inclusion_tag("therapists/includes/call-us.html", takes_context=True)
def call_us(context):
    """ "Call Us to Find a Therapist: <number> ext.<n>" from the site settings."""
    return {"settings": context.get("settings"), "request": context.get("request")}


@register.simple_tag
def miles(distance):
    """ "0.4 miles away", "12 miles away" (a decimal only where it helps)."""
    if distance is None:
        return ""
    if distance < 0.95:
        return "under 1 mile away"
    if distance < 10:
        value = f"{distance:.1f}"
    else:
        value = f"{distance:.0f}"
    return f"{value} {'mile' if value == '1.0' else 'miles'} away"
