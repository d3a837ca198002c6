"""What the home page shows of the articles: the featured ones, the newest of the rest and the
topics, each in a fixed number of queries whatever the number of articles."""

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from wagtail.images import get_image_model

from home.models import HomePageFeaturedArticle, HomePageTopic
from home.visibility import exclude_restricted

from .models import ArticlePage, Topic
from .models.article_page import CARD_IMAGE

# The first featured article is shown large.
LEAD_IMAGE = "fill-960x540|format-webp"
FEATURED_BY_DEFAULT = 3
NEWEST = 4
NEWEST_FIRST = ("-date_published", "-first_published_at", "-pk")


def front_page_articles(home_page, featured=FEATURED_BY_DEFAULT, newest=NEWEST):
    """{"featured": [...], "newest": [...]}: the live, public articles an editor featured (in
    their order), else the `featured` newest; then the `newest` newest of the others. Three
    queries: the articles (with the hero image and the first topic), the renditions, the
    authors."""
    links = HomePageFeaturedArticle.objects.filter(home_page=home_page)
    public = exclude_restricted(ArticlePage.objects.live())
    newest_ids = (
        public.exclude(pk__in=links.values("article_id"))
        .order_by(*NEWEST_FIRST)
        .values("pk")[: featured + newest]
    )
    first_topic = (
        ArticlePage.topics.through.objects.filter(articlepage_id=OuterRef("pk"))
        .order_by("pk")
        .select_related("topic")
    )
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=[CARD_IMAGE, LEAD_IMAGE])
    )
    articles = list(
        public.annotate(
            feature_order=Subquery(links.filter(article_id=OuterRef("pk")).values("sort_order")[:1])
        )
        .filter(Q(feature_order__isnull=False) | Q(pk__in=newest_ids))
        .annotate(
            kicker_name=Subquery(first_topic.values("topic__name")[:1]),
            kicker_slug=Subquery(first_topic.values("topic__slug")[:1]),
        )
        .select_related("hero_image")
        .prefetch_related(
            Prefetch(
                "hero_image__renditions", queryset=renditions, to_attr="prefetched_renditions"
            ),
            "authors",
        )
        .order_by(*NEWEST_FIRST)
    )
    chosen = sorted(
        (article for article in articles if article.feature_order is not None),
        key=lambda article: article.feature_order,
    )
    others = [article for article in articles if article.feature_order is None]
    if not chosen:
        chosen, others = others[:featured], others[featured:]
    return {"featured": chosen, "newest": others[:newest]}


def front_page_topics(home_page):
    """The topics an editor chose (in their order), else every topic with live articles, the
    most written-about first; each with `article_count`. One query."""
    topics = list(
        Topic.objects.annotate(
            article_count=Count("articles", filter=Q(articles__live=True), distinct=True),
            home_order=Subquery(
                HomePageTopic.objects.filter(home_page=home_page, topic_id=OuterRef("pk"))
                .order_by("sort_order")
                .values("sort_order")[:1]
            ),
        ).order_by("name")
    )
    chosen = [topic for topic in topics if topic.home_order is not None]
    if chosen:
        return sorted(chosen, key=lambda topic: topic.home_order)
    listed = [topic for topic in topics if topic.article_count]
    return sorted(listed, key=lambda topic: -topic.article_count)
