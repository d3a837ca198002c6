"""How a profile performs, counted on the site's own servers as daily totals: no visitor is
identified (no cookie, no IP address, no user agent kept), only how many times a day a profile
was viewed, appeared in search results, or had its phone number tapped. Messages are counted
from ContactMessage itself. The counting (the beacon) is insight.py; the weekly figures and the
chart are insight_chart.py.
"""

from django.db import models


class ProfileDailyCount(models.Model):
    """One profile's counts for one day (the site's time zone)."""

    profile = models.ForeignKey(
        "therapists.TherapistProfilePage", on_delete=models.CASCADE, related_name="daily_counts"
    )
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)
    appearances = models.PositiveIntegerField("appearances in search results", default=0)
    phone_clicks = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.profile_id} on {self.day}"

    class Meta:
        verbose_name = "profile's daily count"
        constraints = [
            models.UniqueConstraint(fields=["profile", "day"], name="therapists_daily_count_day")
        ]
        # Staff's site-wide totals read a date range of every profile.
        indexes = [models.Index(fields=["day"], name="therapists_daily_count_days")]
