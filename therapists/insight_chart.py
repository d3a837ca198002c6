"""The weekly figures of the dashboard: a therapist's own profile, and site-wide totals for
staff. Twelve weeks (Monday to Sunday, this week so far last) of profile views, appearances in
search results and phone-link clicks (ProfileDailyCount, counted by insight.py) and messages
(ContactMessage). Drawn as inline SVG on the server: no script, nothing from another host, and a
table of the same figures for screen readers and anyone who prefers numbers.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from wagtail.admin.ui.components import Component

from .models import ContactMessage, ProfileDailyCount

WEEKS = 12
SERIES = [
    ("views", "Profile views"),
    ("appearances", "Appearances in search results"),
    ("phone_clicks", "Phone-link clicks"),
    ("messages", "Messages"),
]
# Each small chart's drawing area, in SVG units (it scales to the panel's width).
BAR_WIDTH, BAR_GAP, PLOT_HEIGHT, LABEL_HEIGHT = 16, 6, 60, 14


@dataclass
class Week:
    start: object  # the Monday
    counts: dict  # series name -> count


@dataclass
class Bar:
    x: int
    y: float
    height: float
    week: Week
    value: int


@dataclass
class Chart:
    name: str
    label: str
    total: int
    last_week: int
    bars: list
    width: int
    height: int
    first_label: str
    last_label: str
    last_label_x: int


def weekly_counts(profile=None, today=None):
    """The last WEEKS weeks for `profile`, or the whole site when None (two queries)."""
    today = today or timezone.localdate()
    this_week = today - timedelta(days=today.weekday())
    first = this_week - timedelta(weeks=WEEKS - 1)
    weeks = [
        Week(first + timedelta(weeks=n), dict.fromkeys([name for name, _ in SERIES], 0))
        for n in range(WEEKS)
    ]
    daily = ProfileDailyCount.objects.filter(day__gte=first, day__lte=today)
    messages = ContactMessage.objects.annotate(day=TruncDate("created_at")).filter(
        day__gte=first, day__lte=today
    )
    if profile is not None:
        daily = daily.filter(profile=profile)
        messages = messages.filter(profile=profile)
    rows = (
        daily.order_by()
        .values("day")
        .annotate(
            views=Sum("views"), appearances=Sum("appearances"), phone_clicks=Sum("phone_clicks")
        )
    )
    for row in rows:
        counts = weeks[(row["day"] - first).days // 7].counts
        for name in ("views", "appearances", "phone_clicks"):
            counts[name] += row[name] or 0
    for row in messages.order_by().values("day").annotate(n=Count("pk")):
        weeks[(row["day"] - first).days // 7].counts["messages"] += row["n"]
    return weeks


def charts(weeks):
    """One small bar chart per series, its geometry computed here for the template."""
    width = len(weeks) * (BAR_WIDTH + BAR_GAP) - BAR_GAP
    result = []
    for name, label in SERIES:
        values = [week.counts[name] for week in weeks]
        top = max(values) or 1
        bars = []
        for n, (week, value) in enumerate(zip(weeks, values, strict=True)):
            height = round(PLOT_HEIGHT * value / top, 1)
            bars.append(
                Bar(n * (BAR_WIDTH + BAR_GAP), round(PLOT_HEIGHT - height, 1), height, week, value)
            )
        result.append(
            Chart(
                name,
                label,
                sum(values),
                values[-1],
                bars,
                width,
                PLOT_HEIGHT + LABEL_HEIGHT,
                f"{weeks[0].start:%b %-d}",
                f"{weeks[-1].start:%b %-d}",
                width,
            )
        )
    return result


def insight_context(profile=None):
    weeks = weekly_counts(profile)
    return {"weeks": weeks, "charts": charts(weeks), "series": SERIES}


class SiteInsightPanel(Component):
    """Staff's dashboard: the same figures for every profile together."""

    name = "directory_insight"
    template_name = "therapists/admin/site-insight-panel.html"
    order = 160

    def get_context_data(self, parent_context):
        return insight_context()
