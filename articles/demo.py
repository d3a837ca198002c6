"""Demo content for the publishing side: the article index, topics, authors and articles, then
readers' comments, newsletter subscribers and a comment moderator account; a clinical reviewer
with the reviews and sources of demo_reviews.py.

Idempotent: existing topics, authors, images and articles (matched by slug or title) are left as
they are, so an editor's changes survive a reload.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Collection

from home.demo_portraits import ensure_portrait
from home.demo_support import ensure_page
from home.groups import MODERATORS

from .demo_comments import load_comments
from .demo_content import ARTICLES, AUTHORS, RELATED, TOPICS
from .demo_images import ensure_picture
from .demo_reviews import load_reviews
from .demo_trust import load_trust
from .models import ArticleIndexPage, ArticlePage, ArticleRelatedLink, Author, Topic
from .publishing import WRITERS_COLLECTION

ORDER = 20


def _block(item, context, article):
    if isinstance(item, str):
        return ("paragraph", f"<p>{escape(item)}</p>")
    kind = item[0]
    if kind == "h":
        return ("heading", {"text": item[1], "level": "h2"})
    if kind == "quote":
        return ("quote", {"quote": item[1], "attribution": item[2]})
    if kind == "callout":
        points = "".join(f"<li>{escape(point)}</li>" for point in item[2])
        return ("callout", {"title": item[1], "text": f"<ul>{points}</ul>"})
    if kind == "crisis":
        return ("crisis_resources", {"heading": "If you need help now", "text": ""})
    if kind == "image":
        picture = ensure_picture(
            f"Illustration: {article['title']}",
            f"{article['slug']}-inline",
            context["images"],
            palette=item[3],
            description=item[1],
        )
        figure = {"image": picture, "decorative": False, "alt_text": item[1]}
        return ("image", {"image": figure, "caption": item[2]})
    raise ValueError(f"Unknown demo body item {kind!r}")


def _ensure_author(data, collection):
    """The demo author with this slug, created with an illustrated portrait if missing. An author
    still wearing the earlier demo's initials-in-a-circle picture gets the portrait instead."""
    author = Author.objects.filter(slug=data["slug"]).select_related("photo").first()
    earlier = author.photo if author else None
    initials = earlier is not None and earlier.title == f"Author portrait: {data['name']}"
    if author is not None and not initials:
        return author
    portrait = ensure_portrait(
        data["name"], slug=f"author-{data['slug']}", collection=collection, **data["look"]
    )
    if author is None:
        fields = {key: value for key, value in data.items() if key != "look"}
        return Author.objects.create(photo=portrait, **fields)
    author.photo = portrait
    author.save(update_fields=["photo"])
    earlier.delete()
    return author


def load(context):
    admin = context.users.get("admin")
    editor = context.users.get("editor") or admin
    index = ensure_page(
        context.home,
        ArticleIndexPage,
        slug="articles",
        title="Articles",
        show_in_menus=True,
        intro="Plain-language articles on mental health, written and reviewed by clinicians.",
        user=admin,
    )
    images = Collection.objects.filter(name=WRITERS_COLLECTION).first()
    images = images or Collection.get_first_root_node()
    state = {"images": images}

    topics = {}
    for name, slug, description in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
    authors = {data["slug"]: _ensure_author(data, images) for data in AUTHORS}
    context.log(f"{len(topics)} topics, {len(authors)} authors")

    today = timezone.localdate()
    created = 0
    for data in sorted(ARTICLES, key=lambda article: -article["days_ago"]):
        if index.get_children().filter(slug=data["slug"]).exists():
            continue
        hero = ensure_picture(
            f"Hero: {data['title']}",
            data["slug"],
            images,
            palette=data["palette"],
            description=data["hero_description"],
        )
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            standfirst=data["standfirst"],
            hero_image=hero,
            body=[_block(item, state, data) for item in data["body"]],
            date_published=today - timedelta(days=data["days_ago"]),
            last_reviewed=(
                today - timedelta(days=data["reviewed_days_ago"])
                if "reviewed_days_ago" in data
                else None
            ),
            owner=editor,
        )
        article.authors = [authors[slug] for slug in data["authors"]]
        article.topics = [topics[slug] for slug in data["topics"]]
        # Oldest first, so the articles an editor chose as related already exist.
        related_slugs = RELATED.get(data["slug"], [])
        related = {page.slug: page for page in index.get_children().filter(slug__in=related_slugs)}
        article.related_links = [
            ArticleRelatedLink(related_page_id=related[slug].pk, sort_order=order)
            for order, slug in enumerate(related_slugs)
            if slug in related
        ]
        index.add_child(instance=article)
        article.save_revision(user=editor, log_action=True).publish(user=editor)
        created += 1

    context.log(f"{created} new articles ({ArticlePage.objects.live().count()} live)")
    load_trust(context, index, topics, editor)
    load_reviews(context, index)

    context.ensure_user(
        "moderator",
        email="moderator@mindwell.example",
        first_name="Mo",
        last_name="Moderator",
        groups=[MODERATORS],
    )
    load_comments(context)
