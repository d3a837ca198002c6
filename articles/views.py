"""Newsletter pages: sign-up (/newsletter/, also the footer form's target), confirmation and
unsubscribe by emailed link. Token pages are `noindex` and answer a bad link with a 4xx page."""

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from home.public_forms import public_form
from home.rate_limits import refuse_form

from . import newsletter
from .forms import NewsletterForm
from .models import Subscriber

# Sign-up attempts per client; each address also gets at most one confirmation per
# newsletter.RESEND_INTERVAL, so the form cannot flood anyone's inbox.
SIGNUP_RATE = "5/h"
MAX_TOKEN_LENGTH = 200


def _render(request, template, context=None, status=200):
    context = {"newsletter_page": True, **(context or {})}
    return TemplateResponse(request, f"articles/newsletter/{template}.html", context, status=status)


# The footer of every page posts here: no CSRF token, so pages can be cached (home/public_forms.py).
@public_form
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.method != "POST":
        return _render(request, "signup", {"form": NewsletterForm()})
    form = NewsletterForm(request.POST)
    refusal = refuse_form(
        request,
        form,
        lambda form, status: _render(request, "signup", {"form": form}, status=status),
        group="articles.newsletter",
        rate=SIGNUP_RATE,
        limited_message="There have been several sign-ups from your connection. "
        "Try again in an hour.",
    )
    if refusal:
        return refusal
    # The confirmation is queued (home/mail.py): the answer never waits for the mail server.
    newsletter.request_subscription(form.cleaned_data["email"])
    return redirect("newsletter_check_email")


@require_GET
def check_email(request):
    return _render(request, "check-email")


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    if len(token) > MAX_TOKEN_LENGTH:
        return _render(request, "link-invalid", {"kind": "confirmation"}, status=404)
    try:
        subscriber = newsletter.subscriber_for_confirmation(token)
    except newsletter.ConfirmationLinkError as error:
        known = error.subscriber
        if known is not None and known.status == Subscriber.Status.CONFIRMED:
            return _render(request, "confirmed", {"already": True})
        if error.expired:
            form = NewsletterForm(initial={"email": known.email if known else ""})
            return _render(request, "link-expired", {"form": form}, status=410)
        return _render(request, "link-invalid", {"kind": "confirmation"}, status=404)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return _render(request, "confirmed", {"already": True})
    if request.method == "POST":
        newsletter.confirm(subscriber)
        return _render(request, "confirmed", {"already": False})
    # Confirming takes a click, not just a visit: mail scanners that open every link in an
    # email must not subscribe someone who never asked.
    return _render(request, "confirm", {"email": subscriber.email})


# RFC 8058: mail clients unsubscribe with a bare POST (List-Unsubscribe=One-Click), without a
# CSRF token; the secret token in the URL is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = None
    if len(token) <= MAX_TOKEN_LENGTH:
        subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:
        return _render(request, "link-invalid", {"kind": "unsubscribe"}, status=404)
    if request.method == "POST":
        newsletter.unsubscribe(subscriber)
        return _render(request, "unsubscribed", {"email": subscriber.email})
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _render(request, "unsubscribed", {"email": subscriber.email, "already": True})
    return _render(request, "unsubscribe", {"email": subscriber.email})
