"""The demo's trust and help pieces on articles: which directory issue each topic maps to, one
content note and one correction (docs/articles.md, "Corrections" and "Safe messaging").

Idempotent, and an editor's changes survive a reload: a topic that already has issues keeps
them, and an article is changed only while it has neither a content note nor a correction.
"""

from datetime import timedelta

from django.utils import timezone

from therapists.models import Issue

from .models import ArticleCorrection, ArticlePage

# topic slug: the directory's issues (name, slug as the directory's demo makes them).
TOPIC_ISSUES = {
    "anxiety": [("Anxiety", "anxiety")],
    "depression": [("Depression", "depression")],
    "relationships": [("Relationship issues", "relationship-issues")],
    "sleep": [("Sleep and insomnia", "sleep-and-insomnia")],
    "stress-and-burnout": [("Stress and burnout", "stress-and-burnout")],
    "starting-therapy": [("Life transitions", "life-transitions")],
}

# The article that mentions thoughts of ending one's life carries a content note.
CONTENT_NOTES = {"telling-sadness-from-depression": ["suicide"]}

CORRECTIONS = {
    "what-a-panic-attack-feels-like": (
        ArticleCorrection.Kind.CORRECTION,
        3,  # days ago
        "<p>An earlier version said a panic attack usually lasts about an hour. Most reach "
        "their peak within ten minutes and ease within half an hour; we have corrected the "
        "article.</p>",
    ),
}


def load_trust(context, index, topics, editor):
    for slug, issues in TOPIC_ISSUES.items():
        topic = topics.get(slug)
        if topic is None or topic.issues.exists():
            continue
        # Created here if the directory's demo has not run yet; it finds them by slug.
        topic.issues.set(
            Issue.objects.get_or_create(slug=issue_slug, defaults={"name": name})[0]
            for name, issue_slug in issues
        )
    changed = []
    for slug in sorted(set(CONTENT_NOTES) | set(CORRECTIONS)):
        article = ArticlePage.objects.child_of(index).filter(slug=slug).first()
        if article is None or article.content_notes or article.corrections.exists():
            continue
        article.content_notes = CONTENT_NOTES.get(slug, [])
        if slug in CORRECTIONS:
            kind, days_ago, note = CORRECTIONS[slug]
            article.corrections = [
                ArticleCorrection(
                    kind=kind, date=timezone.localdate() - timedelta(days=days_ago), note=note
                )
            ]
        article.save_revision(user=editor, log_action=True).publish(user=editor)
        changed.append(slug)
    context.log(f"topics mapped to directory issues; content note and correction: {changed}")
