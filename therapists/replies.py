"""Answers that arrive: how long messages wait, the reminder for those waiting too long, the
"Usually replies within N days" a profile shows, and the sender's message-sent page.

Working days are Monday to Friday (public holidays are not known here): a message sent on
Friday evening is one working day old on Monday.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from home.absolute import absolute_url
from home.mail import email_builder, send_later
from home.models import SiteSettings

from .models import ContactMessage, ProfileAvailability, TherapistProfilePage, accepting_cutoff
from .models.alternatives import nearby_alternatives
from .models.profile_view import REPLY_EXPECTED_WORKING_DAYS, what_to_expect

# "Usually replies within N days" once this many handled messages exist; from the latest
# REPLY_SAMPLE of them, the time within which three in four were handled.
REPLY_SAMPLE_MIN = 5
REPLY_SAMPLE = 20
AGE_GROUPS = [
    # (fewest working days, label)
    (REPLY_EXPECTED_WORKING_DAYS, f"{REPLY_EXPECTED_WORKING_DAYS} or more working days: overdue"),
    (1, "1–2 working days"),
    (0, "Today"),
]


def working_days_between(start, end):
    """Whole working days from date `start` to date `end` (0 on the same day)."""
    if end <= start:
        return 0
    days = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days


def working_days_old(message, today=None):
    created = timezone.localtime(message.created_at).date()
    return working_days_between(created, today or timezone.localdate())


def unanswered_by_age(profile, today=None):
    """The profile's messages not yet handled, grouped oldest group first: [(label, [(message,
    working days)])], only the groups that have messages."""
    today = today or timezone.localdate()
    groups = {label: [] for _days, label in AGE_GROUPS}
    for message in ContactMessage.objects.filter(profile=profile, handled_at__isnull=True).order_by(
        "created_at"
    ):
        age = working_days_old(message, today)
        label = next(label for fewest, label in AGE_GROUPS if age >= fewest)
        groups[label].append((message, age))
    return [(label, groups[label]) for _days, label in AGE_GROUPS if groups[label]]


def usual_reply_days(profile_id):
    """Days (rounded up, at least 1) within which three in four of the latest handled messages
    were handled; None with fewer than REPLY_SAMPLE_MIN of them."""
    rows = list(
        ContactMessage.objects.filter(profile_id=profile_id, handled_at__isnull=False)
        .order_by("-handled_at")
        .values_list("created_at", "handled_at")[:REPLY_SAMPLE]
    )
    if len(rows) < REPLY_SAMPLE_MIN:
        return None
    days = sorted(max((handled - created).total_seconds(), 0) / 86400 for created, handled in rows)
    return max(1, math.ceil(days[math.ceil(len(days) * 0.75) - 1]))


def refresh_reply_days(profile_id):
    days = usual_reply_days(profile_id)
    availability = ProfileAvailability.objects.filter(profile_id=profile_id).first()
    if availability is not None and availability.usual_reply_days != days:
        availability.usual_reply_days = days
        availability.save()  # signals.py purges the profile's cached pages


@receiver(post_save, sender=ContactMessage, dispatch_uid="therapists_reply_days")
def message_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """Handling (or reopening) a message, in the dashboard or the admin, moves the figure."""
    if raw or (update_fields is not None and "handled_at" not in update_fields):
        return
    if instance.handled_at is not None or update_fields is not None:
        refresh_reply_days(instance.profile_id)


@email_builder("Unanswered messages reminder to a therapist")
def unanswered_reminder(profile_id, message_ids):
    messages = list(
        ContactMessage.objects.filter(
            profile_id=profile_id, pk__in=message_ids, handled_at__isnull=True
        ).select_related("profile", "profile__owner")
    )
    if not messages or not messages[0].profile.recipient_email:
        return None
    profile = messages[0].profile
    lines = [
        f"Hello {profile.title},",
        "",
        f"{len(messages)} message{'s' if len(messages) != 1 else ''} from people looking for a "
        f"therapist {'have' if len(messages) != 1 else 'has'} waited more than "
        f"{REPLY_EXPECTED_WORKING_DAYS} working days. Even a short “I have no room” helps them "
        "look elsewhere. Once you have replied, mark each one as handled:",
        "",
    ]
    for message in messages:
        link = absolute_url(reverse("therapists_admin:message", args=[message.pk]))
        lines.append(f"- {message.name}, {timezone.localtime(message.created_at):%B %-d}: {link}")
    return EmailMessage(
        subject=f"Messages waiting for your reply – {SiteSettings.name_for()}",
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[profile.recipient_email],
    )


@task()
def remind_unanswered_messages():
    """One reminder per message, once it is REPLY_EXPECTED_WORKING_DAYS old and unhandled;
    a therapist gets one email listing all of theirs."""
    today = timezone.localdate()
    waiting = {}
    candidates = ContactMessage.objects.filter(
        handled_at__isnull=True,
        reminded_at__isnull=True,
        profile__live=True,
        created_at__lte=timezone.now() - timedelta(days=REPLY_EXPECTED_WORKING_DAYS),
    ).select_related("profile", "profile__owner")
    for message in candidates:
        if working_days_old(message, today) >= REPLY_EXPECTED_WORKING_DAYS:
            waiting.setdefault(message.profile, []).append(message.pk)
    for profile, ids in waiting.items():
        if profile.recipient_email:
            ContactMessage.objects.filter(pk__in=ids).update(reminded_at=timezone.now())
            send_later(unanswered_reminder, profile.pk, ids, recipient=profile.recipient_email)
    return sum(len(ids) for ids in waiting.values())


def message_sent(request, profile_id):
    """After the contact form: what to expect, and therapists nearby accepting new clients."""
    profile = TherapistProfilePage.objects.live().filter(pk=profile_id).first()
    if profile is None:
        raise Http404("No such therapist profile.")
    cutoff = accepting_cutoff(SiteSettings.for_request(request))
    return render(
        request,
        "therapists/message-sent.html",
        {
            "profile": profile,
            "expect": what_to_expect(profile),
            "alternatives": nearby_alternatives(profile, cutoff),
        },
    )
