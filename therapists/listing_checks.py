"""The daily checks that keep listings honest (docs/directory.md, "Listings that stay true").

`manage.py check_directory_listings` (cron, docs/operations.md) queues the tasks below for the
task worker; each is safe to run twice a day, since each remembers what it already did:

- `remind_unconfirmed_availability`: a therapist whose answer is older than
  `accepting_clients_valid_days` gets one email with a one-click link (availability_links.py).
- `report_listings_to_staff`: profiles that just left the default results (unconfirmed for
  HIDE_AFTER_DAYS more) and verified licenses that have expired go to directory staff in one
  email, once each; the profiles' cached pages are purged, since their badge or place changed.
- `remind_unanswered_messages`: replies.py.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from home.absolute import absolute_url, page_url
from home.frontend_cache import page_key, purge_on_commit
from home.mail import email_builder, send_later
from home.models import SiteSettings

from .availability_links import LINK_VALID_DAYS, make_token
from .counts import forget_facet_counts
from .landing_cache import warm_landing_page_after_commit
from .models import ProfileAvailability, TherapistIndexPage
from .models.availability import GRACE_DAYS, hidden_cutoff, reminder_cutoff
from .models.pages import VERIFY_LICENSE_PERMISSION


def _site_settings():
    return SiteSettings.for_default_site()


def staff_addresses():
    """Directory staff: active users who may verify licenses (Editors, superusers)."""
    users = (
        get_user_model()
        .objects.with_perm(
            VERIFY_LICENSE_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
    )
    return sorted({user.email for user in users})


@email_builder("Directory notice to staff")
def staff_notice(recipient, subject, body):
    return EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient]
    )


def tell_staff(subject, lines):
    body = "\n".join(lines)
    for address in staff_addresses():
        send_later(staff_notice, address, subject, body, recipient=address)


@email_builder("Availability reminder to a therapist")
def availability_reminder(profile_id):
    """Written when it goes out, from the nonce stored then: nothing if already answered."""
    availability = (
        ProfileAvailability.objects.select_related("profile", "profile__owner")
        .filter(profile_id=profile_id)
        .exclude(reminder_nonce="")
        .first()
    )
    if availability is None or not availability.profile.recipient_email:
        return None
    profile = availability.profile
    token = make_token(profile.pk, availability.reminder_nonce)
    link = absolute_url(reverse("therapists:availability", args=[token]))
    answer = "accepting" if availability.accepting_new_clients else "not accepting"
    body = "\n".join(
        [
            f"Hello {profile.title},",
            "",
            f"Your listing says you are {answer} new clients; you last confirmed it on "
            f"{availability.confirmed_on:%B %-d, %Y}. Are you still?",
            "",
            "Answer with one click (no log-in needed):",
            link,
            "",
            f"Without an answer in {GRACE_DAYS} days, your listing shows “Availability "
            "unconfirmed” and leaves the “accepting new clients” filter; some months later it "
            "leaves the directory's results until you answer. The link works once, for "
            f"{LINK_VALID_DAYS} days; your dashboard has the same button any time.",
            "",
            f"Your listing: {page_url(profile)}",
        ]
    )
    return EmailMessage(
        subject=f"Still accepting new clients? – {SiteSettings.name_for()}",
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[profile.recipient_email],
    )


@task()
def remind_unconfirmed_availability():
    """One reminder per stale answer: none again until the therapist answers (any way)."""
    due = ProfileAvailability.objects.filter(
        profile__live=True, confirmed_on__lt=reminder_cutoff(_site_settings())
    ).filter(Q(reminder_sent_on__isnull=True) | Q(reminder_sent_on__lt=F("confirmed_on")))
    sent = 0
    for availability in due.select_related("profile", "profile__owner"):
        recipient = availability.profile.recipient_email
        if not recipient:
            continue
        ProfileAvailability.objects.filter(pk=availability.pk).update(
            reminder_nonce=secrets.token_urlsafe(16), reminder_sent_on=timezone.localdate()
        )
        send_later(availability_reminder, availability.pk, recipient=recipient)
        sent += 1
    return sent


def _admin_edit_url(profile):
    return absolute_url(reverse("wagtailadmin_pages:edit", args=[profile.pk]))


@task()
def report_listings_to_staff():
    """Newly hidden ghost listings and newly expired licenses, to staff, once each."""
    today = timezone.localdate()
    hidden = list(
        ProfileAvailability.objects.filter(
            profile__live=True, confirmed_on__lt=hidden_cutoff(_site_settings())
        )
        .filter(Q(hidden_reported_on__isnull=True) | Q(hidden_reported_on__lt=F("confirmed_on")))
        .select_related("profile")
    )
    expired = list(
        ProfileAvailability.objects.filter(
            profile__live=True,
            profile__license_verified=True,
            profile__license_expires_on__lt=today,
        )
        .filter(
            Q(license_recheck_asked_on__isnull=True)
            | Q(license_recheck_asked_on__lt=F("profile__license_expires_on"))
        )
        .select_related("profile")
    )
    if not hidden and not expired:
        return 0
    lines = []
    if hidden:
        lines += [
            "These profiles have not confirmed their availability for months, so they no longer "
            "appear in the directory's results (their pages still work, and a search by name "
            "finds them). Their therapists were reminded by email:",
            "",
        ]
        lines += [
            f"- {row.profile.title} (last confirmed {row.confirmed_on:%B %-d, %Y}): "
            f"{_admin_edit_url(row.profile)}"
            for row in hidden
        ]
        lines.append("")
    if expired:
        lines += [
            "These licenses have expired, so their profiles no longer show the Verified badge. "
            "Please check each with its board and update the expiry date (License tab):",
            "",
        ]
        lines += [
            f"- {row.profile.title}, {row.profile.license_type} {row.profile.license_number} "
            f"({row.profile.license_state}), expired {row.profile.license_expires_on:%B %-d, %Y}: "
            f"{_admin_edit_url(row.profile)}"
            for row in expired
        ]
    tell_staff(
        f"Directory: {len(hidden)} unconfirmed, {len(expired)} expired licenses to check",
        lines,
    )
    ProfileAvailability.objects.filter(pk__in=[row.pk for row in hidden]).update(
        hidden_reported_on=today
    )
    ProfileAvailability.objects.filter(pk__in=[row.pk for row in expired]).update(
        license_recheck_asked_on=today
    )
    forget_facet_counts()
    warm_landing_page_after_commit()
    directory_ids = TherapistIndexPage.objects.values_list("pk", flat=True)
    purge_on_commit(
        *(page_key(row.profile_id) for row in hidden + expired),
        *(page_key(pk) for pk in directory_ids),
    )
    return len(hidden) + len(expired)
