"""/join/ and the therapist's account pages (public site; profiles are edited in Wagtail)."""

import logging

from django.contrib import messages as site_messages
from django.contrib.auth import login, logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.admin import messages as admin_messages

from home.public_forms import public_form
from home.rate_limits import over_address_limit, refuse_form

from . import accounts
from .account_forms import ChangeEmailForm, JoinForm, RemoveListingForm
from .admin_access import is_therapist, own_profile

logger = logging.getLogger(__name__)

JOIN_RATE = "5/h"
# "Someone tried to join with your address" at most this often per address: the same page
# either way, so a flood of attempts cannot flood the owner's inbox.
JOIN_NOTICE_RATE = "2/h"
MAX_TOKEN_LENGTH = 300
# A verified link logs the therapist in without a password, so through Django's own backend.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _render(request, name, context=None, status=200):
    return render(request, f"therapists/accounts/{name}.html", context or {}, status=status)


# A cacheable page: no CSRF token, the post's origin is checked (home/public_forms.py).
@public_form
@require_http_methods(["GET", "POST"])
def join(request):
    if request.method != "POST":
        return _render(request, "join", {"form": JoinForm()})
    form = JoinForm(request.POST)
    refusal = refuse_form(
        request,
        form,
        lambda form, status: _render(request, "join", {"form": form}, status=status),
        group="therapists.join",
        rate=JOIN_RATE,
        limited_message="There have been several sign-ups from your connection. "
        "Try again in an hour.",
    )
    if refusal:
        return refusal
    if form.existing_user is None:
        accounts.register(form.cleaned_data)  # the link is emailed by the task worker
    elif not over_address_limit(
        request, "therapists.join-existing", form.cleaned_data["email"], JOIN_NOTICE_RATE
    ):
        accounts.tell_existing(form.existing_user, form.cleaned_data)
    request.session["join_email"] = form.cleaned_data["email"]
    return redirect("therapist_join_sent")


@require_GET
def join_sent(request):
    return _render(request, "check-email", {"email": request.session.get("join_email", "")})


def _link_problem(request, reason):
    if reason == "expired":
        return _render(request, "link-expired", status=410)
    return _render(request, "link-invalid", status=404)


@require_http_methods(["GET", "POST"])
def verify(request, token):
    """A page with a button (mail scanners open links; only a person presses it)."""
    if len(token) > MAX_TOKEN_LENGTH:
        return _link_problem(request, "forged")
    try:
        user_id, email = accounts.read_link_token(token, accounts.JOIN_SALT)
    except accounts.LinkError as error:
        return _link_problem(request, error.reason)
    account = (
        accounts.TherapistAccount.objects.select_related("user")
        .filter(user_id=user_id, user__email__iexact=email)
        .first()
    )
    if account is None:
        return _link_problem(request, "forged")
    if account.is_verified:
        return _render(request, "already-verified", {"closed": not account.user.is_active})
    if request.method != "POST":
        return _render(request, "verify", {"email": email})
    try:
        user, _state = accounts.verify(user_id, email)
    except accounts.DirectoryMissing:
        logger.error("A therapist verified their email but the site has no directory page")
        return _render(request, "directory-missing", status=503)
    login(request, user, backend=MODEL_BACKEND)
    profile = own_profile(user)
    admin_messages.success(
        request,
        "Your email address is confirmed and your profile is ready as a draft. Fill it in, "
        "then choose “Submit to Profile review”: our staff check your license and publish it.",
    )
    return redirect("wagtailadmin_pages:edit", profile.pk)


def _therapist_or_login(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_therapist(request.user):
        raise Http404("Account pages are for therapists listed in the directory.")
    return None


@require_GET
def account(request):
    refusal = _therapist_or_login(request)
    if refusal:
        return refusal
    return _account_page(request)


def _account_page(request, email_form=None, remove_form=None, status=200):
    user = request.user
    return _render(
        request,
        "account",
        {
            "profile": own_profile(user),
            "email_form": email_form or ChangeEmailForm(user=user, prefix="email"),
            "remove_form": remove_form or RemoveListingForm(user=user, prefix="remove"),
            "password_change_url": reverse("wagtailadmin_account"),
            "password_reset_url": reverse("wagtailadmin_password_reset"),
        },
        status=status,
    )


@require_POST
def change_email(request):
    refusal = _therapist_or_login(request)
    if refusal:
        return refusal
    form = ChangeEmailForm(request.POST, user=request.user, prefix="email")
    refusal = refuse_form(
        request,
        form,
        lambda form, status: _account_page(request, email_form=form, status=status),
        group="therapists.email",
        rate=JOIN_RATE,
        limited_message="Too many changes from your connection. Try again in an hour.",
    )
    if refusal:
        return refusal
    accounts.request_email_change(request.user, form.cleaned_data["new_email"])
    site_messages.success(
        request,
        f"We sent a link to {form.cleaned_data['new_email']}. Your address changes when you "
        "open it (within three days); until then, keep using the old one.",
    )
    return redirect("therapist_account")


@require_GET
def confirm_email(request, token):
    refusal = _therapist_or_login(request)
    if refusal:
        return refusal
    if len(token) > MAX_TOKEN_LENGTH:
        return _link_problem(request, "forged")
    try:
        accounts.confirm_email_change(request.user, token)
    except accounts.LinkError as error:
        if error.reason == "taken":
            site_messages.error(request, "Another account now uses that address; nothing changed.")
            return redirect("therapist_account")
        return _link_problem(request, error.reason)
    site_messages.success(request, f"Your email address is now {request.user.email}.")
    return redirect("therapist_account")


@require_POST
def remove(request):
    refusal = _therapist_or_login(request)
    if refusal:
        return refusal
    form = RemoveListingForm(request.POST, user=request.user, prefix="remove")
    if not form.is_valid():
        return _account_page(request, remove_form=form, status=400)
    accounts.remove_listing(request.user)
    logout(request)
    return _render(request, "removed")
