"""The article index at /articles/ (with its topic, author and feed routes) and the article page."""

import math
import re
from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.absolute import page_url
from home.pagination import paginate

from ..blocks import ArticleStreamBlock
from .snippets import Author, Topic

WORDS_PER_MINUTE = 230
ARTICLES_PER_PAGE = 10
AUTHORS_PER_PAGE = 24
FEED_LENGTH = 20
RELATED_COUNT = 3
# The rendition article cards show; listings prefetch it so a card costs no query.
CARD_IMAGE = "fill-480x270|format-webp"
AUTHOR_PHOTO = "fill-160x160|format-webp"
# Child slugs the index's own routes would shadow.
ROUTE_SLUGS = {"topics", "authors", "feed"}
SLUG_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")
# Raw StreamField keys that hold no reader-facing prose (word count, search documents).
NON_PROSE_KEYS = {"id", "type", "level", "image", "alt_text"}


def listed_articles(queryset=None):
    """Live, public articles, newest first, with everything a card shows in a fixed number of
    queries (authors, topics, hero image and its card rendition), whatever the list's length."""
    if queryset is None:
        queryset = ArticlePage.objects.all()
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE)
    return (
        queryset.live()
        .public()
        .prefetch_related(Prefetch("hero_image", queryset=images), "authors", "topics")
        .order_by("-date_published", "-first_published_at", "-pk")
    )


def _in_chosen_order(article_ids):
    """The live ones of these articles, in the given order (an editor's choice)."""
    found = {article.pk: article for article in listed_articles().filter(pk__in=article_ids)}
    return [found[pk] for pk in article_ids if pk in found]


def _not_found(kind, value):
    return Http404(f"There is no {kind} {str(value)[:40]!r}.")


def _topic_or_404(slug):
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise _not_found("topic", slug)
    return topic


class ArticleIndexPage(RoutablePageMixin, Page):
    """/articles/: the newest articles, filterable by topic, and below it the topic and author
    pages and the RSS feeds (routes rather than pages: they list what editors already keep as
    snippets, so there is nothing to create or keep in sync in the page tree)."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1

    def articles(self):
        return listed_articles(ArticlePage.objects.child_of(self))

    def topic_from_query(self, request):
        """The topic `?topic=<slug>` names; None without one; 404 for anything else."""
        values = request.GET.getlist("topic")
        if len(values) > 1:
            raise Http404("Choose one topic at a time.")
        slug = values[0].strip() if values else ""
        if not slug:
            return None
        if not SLUG_PATTERN.match(slug):
            raise _not_found("topic", slug)
        return _topic_or_404(slug)

    def listing_seo(self, request, title, description, route=None, args=(), page_obj=None):
        """Title, meta description and canonical URL of one of the index's listings; a filtered
        index is canonically its topic page, a later page of results keeps its number."""
        url = page_url(self, request)
        if route:
            url += self.reverse_subpage(route, args=args)
        if page_obj is not None and page_obj.number > 1:
            url += f"?page={page_obj.number}"
            title = f"{title} (page {page_obj.number})"
        return {"title": title, "description": description, "canonical_url": url}

    def topic_seo(self, request, topic, page_obj):
        description = topic.description or f"Articles about {topic.name}."
        return self.listing_seo(
            request, f"{topic.name}: articles", description, "topic", [topic.slug], page_obj
        )

    @path("", name="index")
    def index_view(self, request):
        topic = self.topic_from_query(request)
        articles = self.articles()
        if topic:
            articles = articles.filter(topics=topic)
        page_obj = paginate(request, articles, ARTICLES_PER_PAGE)
        if topic:
            seo = self.topic_seo(request, topic, page_obj)
        else:
            seo = self.listing_seo(
                request,
                self.seo_title or self.title,
                self.search_description or self.intro,
                page_obj=page_obj,
            )
        return self.render(
            request,
            context_overrides={
                "articles": page_obj,
                "topic": topic,
                "topics": Topic.objects.all(),
                "index": self,
                "seo": seo,
            },
        )

    @path("topics/", name="topics")
    def topic_list_view(self, request):
        # Meta.ordering does not apply to aggregate queries: order explicitly.
        topics = Topic.objects.annotate(
            article_count=Count("articles", filter=Q(articles__live=True))
        ).order_by("name")
        return self.render(
            request,
            template="articles/topic_list_page.html",
            context_overrides={
                "topics": topics,
                "index": self,
                "seo": self.listing_seo(
                    request, "Topics", "Every subject we write about.", "topics"
                ),
                "breadcrumb_trail": [("Topics", None)],
            },
        )

    @path("topics/<slug:slug>/", name="topic")
    def topic_view(self, request, slug):
        topic = _topic_or_404(slug)
        page_obj = paginate(request, self.articles().filter(topics=topic), ARTICLES_PER_PAGE)
        return self.render(
            request,
            template="articles/topic_page.html",
            context_overrides={
                "topic": topic,
                "articles": page_obj,
                "index": self,
                "seo": self.topic_seo(request, topic, page_obj),
                "breadcrumb_trail": [
                    ("Topics", self.get_url(request) + self.reverse_subpage("topics")),
                    (topic.name, None),
                ],
            },
        )

    @path("authors/", name="authors")
    def author_list_view(self, request):
        images = get_image_model().objects.prefetch_renditions(AUTHOR_PHOTO)
        authors = (
            Author.objects.select_related("therapist_profile")
            .prefetch_related(Prefetch("photo", queryset=images))
            .annotate(article_count=Count("articles", filter=Q(articles__live=True)))
            .order_by("name", "pk")
        )
        page_obj = paginate(request, authors, AUTHORS_PER_PAGE)
        return self.render(
            request,
            template="articles/author_list_page.html",
            context_overrides={
                "authors": page_obj,
                "index": self,
                "seo": self.listing_seo(
                    request,
                    "Authors",
                    "The clinicians and writers behind our articles.",
                    "authors",
                    page_obj=page_obj,
                ),
                "breadcrumb_trail": [("Authors", None)],
            },
        )

    @path("authors/<slug:slug>/", name="author")
    def author_view(self, request, slug):
        images = get_image_model().objects.prefetch_renditions(AUTHOR_PHOTO)
        author = (
            Author.objects.select_related("therapist_profile")
            .prefetch_related(Prefetch("photo", queryset=images))
            .filter(slug=slug)
            .first()
        )
        if author is None:
            raise _not_found("author", slug)
        page_obj = paginate(request, self.articles().filter(authors=author), ARTICLES_PER_PAGE)
        description = f"Articles by {author}."
        return self.render(
            request,
            template="articles/author_page.html",
            context_overrides={
                "author": author,
                "articles": page_obj,
                "index": self,
                "seo": self.listing_seo(
                    request, author.name, description, "author", [author.slug], page_obj
                ),
                "breadcrumb_trail": [
                    ("Authors", self.get_url(request) + self.reverse_subpage("authors")),
                    (author.name, None),
                ],
            },
        )

    @path("feed/", name="feed")
    def feed_view(self, request):
        from ..feeds import ArticleFeed

        return ArticleFeed(self)(request)

    @path("topics/<slug:slug>/feed/", name="topic_feed")
    def topic_feed_view(self, request, slug):
        from ..feeds import ArticleFeed

        topic = _topic_or_404(slug)
        return ArticleFeed(self, topic)(request)

    def get_sitemap_urls(self, request=None):
        """The index itself, then every topic and author page below it."""
        urls = super().get_sitemap_urls(request)
        base = page_url(self, request)
        latest = Max("articles__last_published_at", filter=Q(articles__live=True))
        for name, model in (("topic", Topic), ("author", Author)):
            urls.append({"location": base + self.reverse_subpage(f"{name}s")})
            for item in model.objects.annotate(lastmod=latest).order_by("slug"):
                entry = {"location": base + self.reverse_subpage(name, args=[item.slug])}
                if item.lastmod:
                    entry["lastmod"] = item.lastmod
                urls.append(entry)
        return urls

    class Meta:
        verbose_name = "article index page"


class ArticlePage(Page):
    standfirst = models.TextField(
        max_length=400, help_text="One or two sentences under the title; also the summary."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Required with a hero image: describe it for people who cannot see it.",
    )
    hero_caption = models.CharField(max_length=250, blank=True)
    body = StreamField(ArticleStreamBlock(), use_json_field=True)
    authors = ParentalManyToManyField(Author, related_name="articles")
    topics = ParentalManyToManyField(Topic, related_name="articles")
    tags = ClusterTaggableManager(
        through="articles.ArticlePageTag",
        blank=True,
        help_text="Free keywords for editors (WordPress tags arrive here); readers browse topics.",
    )
    date_published = models.DateField(
        "first published",
        null=True,
        blank=True,
        help_text="Shown on the article; defaults to the day it first goes live.",
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When a clinician last checked the article."
    )
    comments_open = models.BooleanField(default=True)

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading="Hero image",
        ),
        FieldPanel("body"),
        FieldPanel("authors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        InlinePanel(
            "related_links",
            heading="Related articles",
            label="Related article",
            help_text="Leave empty to show the newest articles that share a topic.",
            max_num=RELATED_COUNT,
        ),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [FieldPanel("date_published"), FieldPanel("last_reviewed")], heading="Dates"
        ),
        FieldPanel("comments_open"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.RelatedFields("authors", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("date_published"),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_alt.strip():
            errors["hero_alt"] = "Describe the hero image for screen readers."
        if self.slug in ROUTE_SLUGS:
            errors["slug"] = (
                f"“{self.slug}” is taken by the article index’s own pages; choose another slug."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Going live for the first time fixes the shown date, unless an editor set one.
        if self.live and self.date_published is None:
            self.date_published = timezone.localdate(self.first_published_at or timezone.now())
        return super().save(*args, **kwargs)

    @property
    def display_date(self):
        if self.date_published:
            return self.date_published
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None

    @property
    def published_datetime(self):
        """When it was first published, for feeds: the real time when the shown date is the day
        it went live, else midnight of the shown date."""
        if self.first_published_at and (
            self.date_published in (None, timezone.localdate(self.first_published_at))
        ):
            return self.first_published_at
        if self.date_published:
            return timezone.make_aware(datetime.combine(self.date_published, time.min))
        return None

    @property
    def reading_time(self):
        """Whole minutes to read the standfirst and body, at least one.

        Counts the raw StreamField data, so listings never load the body's images to do it.
        """
        words = len(self.standfirst.split())
        for block in self.body.raw_data:
            if block["type"] != "embed":
                words += len(strip_tags(block_prose(block["value"])).split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    def related_articles(self, topics):
        """The related articles an editor chose (live ones, in their order), else the newest
        articles sharing the most topics with this one."""
        chosen_ids = [link.related_page_id for link in self.related_links.all()]
        if chosen_ids:
            return _in_chosen_order(chosen_ids)
        if not topics:
            return []
        return list(
            listed_articles()
            .filter(topics__in=[topic.pk for topic in topics])
            .exclude(pk=self.pk)
            .annotate(shared_topics=Count("topics"))
            .order_by("-shared_topics", "-date_published", "-first_published_at")[:RELATED_COUNT]
        )

    # "Leave a Reply" posts here from a cached page, without a CSRF token (home/public_forms.py).
    accepts_public_posts = True

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":  # "Leave a Reply"
            from ..commenting import post_comment

            return post_comment(self, request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, comment_form=None, **kwargs):
        from ..commenting import comment_section
        from ..seo import article_structured_data

        context = super().get_context(request, *args, **kwargs)
        images = get_image_model().objects.prefetch_renditions(AUTHOR_PHOTO)
        authors = list(
            self.authors.select_related("therapist_profile").prefetch_related(
                Prefetch("photo", queryset=images)
            )
        )
        topics = list(self.topics.all())
        context.update(
            index=ArticleIndexPage.objects.ancestor_of(self).first(),
            authors=authors,
            topics=topics,
            related_articles=self.related_articles(topics),
            social_image=(
                self.hero_image.get_rendition("fill-1200x630") if self.hero_image else None
            ),
        )
        context["structured_data"] = article_structured_data(
            self, request, authors, topics, context["social_image"], context["index"]
        )
        context.update(comment_section(self, request, form=comment_form))
        context["structured_data"]["commentCount"] = context["comment_count"]
        return context

    class Meta:
        verbose_name = "article"


def block_prose(value):
    """The text inside one block's raw value (strings, nested dicts and lists); the search
    documents read article text with it too."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return " ".join(block_prose(v) for k, v in value.items() if k not in NON_PROSE_KEYS)
    if isinstance(value, list):
        return " ".join(block_prose(v) for v in value)
    return ""


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticleRelatedLink(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("related_page", "articles.ArticlePage")]
