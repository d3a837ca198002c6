"""What an article page adds for a reader who wants help or to check the article: its dated
corrections, the directory's issues its topics map to (for "therapists near you" and the
filtered directory links) and the share links (docs/articles.md, "From an article to help").

Nothing here depends on who is reading: the page stays the same for every visitor, so the page
cache keeps it. The personal part (therapists near the place the reader last searched) is
fetched by articles/static/articles/article-tools.js from /directory/near/.
"""

from urllib.parse import quote, urlencode

from django.db import models
from django.urls import reverse

from home.frame import first_live, frame_value
from therapists.models import Issue, TherapistIndexPage

# The directory's links and the near-you request name at most this many issues.
HELP_ISSUES = 3


def _issues_by_topic():
    """{topic id: [its issues]} for every mapped topic: small, and a topic's or an issue's change
    starts a new frame generation (home/frame.py), so it is read once per change."""
    mapping = {}
    links = Issue.objects.filter(article_topics__isnull=False).annotate(
        topic_id=models.F("article_topics__id")
    )
    for issue in links.order_by("name"):
        mapping.setdefault(issue.topic_id, []).append(issue)
    return mapping


def help_section(request, topics):
    """The issues the article's topics map to (editors choose them on each topic) and the
    directory, or nothing when neither exists; both from the cached frame (home/frame.py)."""
    if not topics:
        return {}
    mapping = frame_value(request, "topic-issues", _issues_by_topic)
    issues = {}
    for topic in topics:
        for issue in mapping.get(topic.pk, ()):
            issues.setdefault(issue.pk, issue)
    issues = sorted(issues.values(), key=lambda issue: issue.name)[:HELP_ISSUES]
    directory = frame_value(request, "directory", first_live(TherapistIndexPage))
    if not issues or directory is None:
        return {}
    query = urlencode([("issue", issue.slug) for issue in issues])
    return {
        "help_issues": issues,
        "help_directory": directory,
        "near_url": f"{reverse('therapists:near')}?{query}",
    }


def share_links(url, title):
    """Plain share URLs: each is a link, so nothing loads from another host until a reader
    follows one (no buttons' scripts, images or iframes)."""
    return [
        # mailto: wants %20 for a space: a + would show in the mail.
        ("Email", "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": f"{title} {url}"})),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})),
        (
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        ),
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
    ]
