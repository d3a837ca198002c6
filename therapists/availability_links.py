"""The one-click "still accepting new clients?" link of the availability reminder.

The reminder (listing_checks.py) emails a link signed with SECRET_KEY (TimestampSigner) that
names the profile and a random nonce stored on its availability row. The link opens a page with
two buttons: mail scanners and link previews open links, so only a POST (a person pressing a
button) changes anything. Answering clears the nonce, so the link works once; a newer reminder
replaces it, and after LINK_VALID_DAYS it has expired. No login is needed: holding the link is
the proof, as with a password-reset link.
"""

from datetime import timedelta

from django.core import signing
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .models import ProfileAvailability

SALT = "therapists.availability-link"
LINK_VALID_DAYS = 14
MAX_TOKEN_LENGTH = 300
ANSWERS = {"accepting": True, "not-accepting": False}


def make_token(profile_id, nonce):
    return signing.TimestampSigner(salt=SALT).sign_object({"p": profile_id, "n": nonce})


def read_token(token):
    """(profile id, nonce), or a problem: "invalid" or "expired"."""
    if len(token) > MAX_TOKEN_LENGTH:
        return None, "invalid"
    try:
        data = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=timedelta(days=LINK_VALID_DAYS)
        )
    except signing.SignatureExpired:
        return None, "expired"
    except signing.BadSignature:
        return None, "invalid"
    if not isinstance(data, dict) or not isinstance(data.get("p"), int) or not data.get("n"):
        return None, "invalid"
    return (data["p"], data["n"]), None


PROBLEMS = {
    # status, heading, explanation
    "invalid": (404, "This link is not valid", "It may have been cut short by your email program."),
    "expired": (
        410,
        "This link has expired",
        f"Reminder links work for {LINK_VALID_DAYS} days.",
    ),
    "used": (
        410,
        "This link was already used",
        "Each reminder link works once, and a newer reminder replaces it.",
    ),
}


def _problem(request, reason):
    status, heading, explanation = PROBLEMS[reason]
    return render(
        request,
        "therapists/links/link-problem.html",
        {"heading": heading, "explanation": explanation},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def answer_availability(request, token):
    """GET: who and the two buttons. POST: store the answer, as of today, once."""
    found, problem = read_token(token)
    if problem:
        return _problem(request, problem)
    profile_id, nonce = found
    availability = (
        ProfileAvailability.objects.select_related("profile").filter(profile_id=profile_id).first()
    )
    if availability is None or not availability.profile.live:
        return _problem(request, "invalid")
    if availability.reminder_nonce != nonce:
        return _problem(request, "used")
    context = {"profile": availability.profile, "availability": availability}
    if request.method != "POST":
        return render(request, "therapists/links/availability-confirm.html", context)
    answer = request.POST.get("answer")
    if answer not in ANSWERS:
        context["error"] = "Choose one of the two buttons."
        return render(request, "therapists/links/availability-confirm.html", context, status=400)
    # Claim the link first: of two presses at once, only one finds the nonce.
    claimed = ProfileAvailability.objects.filter(
        profile_id=profile_id, reminder_nonce=nonce
    ).update(reminder_nonce="")
    if not claimed:
        return _problem(request, "used")
    availability.accepting_new_clients = ANSWERS[answer]
    availability.confirmed_on = timezone.localdate()
    availability.reminder_nonce = ""
    availability.hidden_reported_on = None
    # Saved, not updated: signals.py purges the profile's cached pages and the counts.
    availability.save()
    return render(request, "therapists/links/availability-done.html", context)
