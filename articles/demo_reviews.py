"""Demo clinical review: a reviewer account, sources on two articles, and reviews recorded by
running the real "Article review" workflow (reviewer approves, editor publishes), so the demo
shows reviewed articles with sources, one article due for review soon and one overdue.

Idempotent: an article that already has a reviewer is left alone.
"""

from datetime import timedelta

from django.utils import timezone

from home.groups import CLINICAL_REVIEWERS

from .demo_content import ARTICLES
from .models import ArticlePage, Author, ClinicalReviewer

# Two reviewers, so that no article is reviewed by one of its own authors (the policy page says
# a clinician who did not write it reviews it): Maya Okafor reviews the others' articles,
# Daniel Reyes hers.
REVIEWERS = [
    {
        "username": "reviewer",
        "email": "reviewer@mindwell.example",
        "author": "maya-okafor",
        "name": "Maya Okafor",
        "credentials": "PhD",
        "license_type": "Licensed Psychologist",
        "license_number": "PSY-DEMO-0042",
        "license_state": "CA",
    },
    {
        "username": "reviewer2",
        "email": "reviewer2@mindwell.example",
        "author": "daniel-reyes",
        "name": "Daniel Reyes",
        "credentials": "LMFT",
        "license_type": "Licensed Marriage and Family Therapist",
        "license_number": "LMFT-DEMO-0117",
        "license_state": "OR",
    },
]

# Real, public sources for what the two articles state (cited in their text as [1], [2]).
SOURCES = {
    "what-a-panic-attack-feels-like": [
        {
            "title": "Panic Disorder: When Fear Overwhelms",
            "publisher": "National Institute of Mental Health",
            "year": 2022,
            "url": "https://www.nimh.nih.gov/health/publications/panic-disorder-when-fear-overwhelms",
        },
        {
            "title": "Generalised anxiety disorder and panic disorder in adults: management "
            "(CG113)",
            "publisher": "National Institute for Health and Care Excellence",
            "year": 2011,
            "url": "https://www.nice.org.uk/guidance/cg113",
        },
    ],
    "telling-sadness-from-depression": [
        {
            "title": "Diagnostic and Statistical Manual of Mental Disorders, Fifth Edition, "
            "Text Revision (DSM-5-TR)",
            "publisher": "American Psychiatric Association",
            "year": 2022,
            "doi": "10.1176/appi.books.9780890425787",
        },
        {
            "title": "Depression",
            "publisher": "National Institute of Mental Health",
            "url": "https://www.nimh.nih.gov/health/topics/depression",
        },
    ],
}
# Shorter review intervals (months) so the demo has one article due soon and one overdue.
INTERVALS = {"what-happens-in-a-first-therapy-session": 1, "choosing-a-therapist-who-fits": 3}


def _reference(source):
    fields = {"publisher": "", "year": None, "url": "", "doi": "", "pubmed_id": ""}
    return ("reference", {**fields, **source})


def _review_through_workflow(article, reviewer, editor):
    """Submit, let the reviewer approve and the editor publish: what the admin's buttons do."""
    article.save_revision(user=editor)
    state = article.get_workflow().start(article, editor)
    for user in (reviewer.user, editor):
        state.refresh_from_db()
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, user, "approve")


def _backdate(article, days_ago):
    """The demo's reviews happened over past weeks: move the recorded date back."""
    article = ArticlePage.objects.get(pk=article.pk)
    article.last_reviewed = timezone.localdate() - timedelta(days=days_ago)
    article.update_review_due()
    ArticlePage.objects.filter(pk=article.pk).update(
        last_reviewed=article.last_reviewed, review_due=article.review_due
    )
    revision = article.live_revision
    revision.content["last_reviewed"] = article.last_reviewed.isoformat()
    revision.save(update_fields=["content"])


def _reviewer(context, data):
    first, last = data["name"].split(" ", 1)
    user = context.ensure_user(
        data["username"],
        email=data["email"],
        first_name=first,
        last_name=last,
        groups=[CLINICAL_REVIEWERS],
    )
    fields = {k: v for k, v in data.items() if k not in ("username", "email", "author")}
    reviewer, _ = ClinicalReviewer.objects.get_or_create(
        user=user, defaults={**fields, "author": Author.objects.get(slug=data["author"])}
    )
    return reviewer


def load_reviews(context, index):
    editor = context.users.get("editor") or context.users.get("admin")
    reviewers = [_reviewer(context, data) for data in REVIEWERS]

    reviewed = 0
    articles = {page.slug: page for page in ArticlePage.objects.child_of(index)}
    for slug, months in INTERVALS.items():
        if slug in articles and articles[slug].review_interval_months is None:
            article = articles[slug]
            article.review_interval_months = months
            article.save_revision(user=editor).publish(user=editor)
    for data in ARTICLES:
        article = articles.get(data["slug"])
        if article is None or "reviewed_days_ago" not in data or article.reviewed_by_id:
            continue
        if data["slug"] in SOURCES and not len(article.references):
            article.references = [_reference(source) for source in SOURCES[data["slug"]]]
        reviewer = next(r for r in reviewers if r.author.slug not in data["authors"])
        _review_through_workflow(article, reviewer, editor)
        _backdate(article, data["reviewed_days_ago"])
        reviewed += 1
    context.log(
        f"clinical reviewers {', '.join(map(str, reviewers))}; {reviewed} articles reviewed"
    )
