"""The demo's profile insight: twelve weeks of daily counts for every live demo profile, and
earlier (answered) messages to the first demo therapist, so each dashboard chart has a shape.

Counts follow a rhythm a real directory shows: fewer on weekends, slowly growing, each profile
at its own level; appearances in results outnumber views, calls are rarer. A seeded generator
keeps every run the same, and nothing is added when the profiles already have counts.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from .demo_data import PAST_MESSAGES
from .insight_chart import WEEKS
from .models import ContactMessage, ProfileDailyCount, TherapistProfilePage


def load(today, first_profile):
    """Add the counts and messages unless already there; True when something was added."""
    profiles = list(TherapistProfilePage.objects.live().order_by("pk").values_list("pk", flat=True))
    if not profiles or ProfileDailyCount.objects.filter(profile_id__in=profiles).exists():
        return False
    rng = random.Random(18)
    days = WEEKS * 7 + today.weekday()
    rows = []
    for pk in profiles:
        level = rng.uniform(2, 12)
        for ago in range(days, -1, -1):
            day = today - timedelta(days=ago)
            growth = 1 + (days - ago) / days  # about twice as many by the end
            weekend = 0.5 if day.weekday() >= 5 else 1
            views = max(0, round(rng.gauss(level * growth * weekend, level / 3)))
            rows.append(
                ProfileDailyCount(
                    profile_id=pk,
                    day=day,
                    views=views,
                    appearances=views * rng.randint(4, 9),
                    phone_clicks=sum(rng.random() < 0.08 for _ in range(views)),
                )
            )
    ProfileDailyCount.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    if first_profile is not None:
        _past_messages(first_profile, today)
    return True


def _past_messages(profile, today):
    zone = timezone.get_current_timezone()
    for weeks_ago, name, email, text in PAST_MESSAGES:
        sent = datetime.combine(today - timedelta(weeks=weeks_ago), time(10), tzinfo=zone)
        if profile.contact_messages.filter(email=email).exists():
            continue
        message = ContactMessage.objects.create(
            profile=profile, consent=True, email_sent=True, name=name, email=email, message=text
        )
        # created_at is set on insert (auto_now_add): date it back, read and handled since.
        ContactMessage.objects.filter(pk=message.pk).update(
            created_at=sent, read_at=sent + timedelta(hours=3), handled_at=sent + timedelta(days=1)
        )
