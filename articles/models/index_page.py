"""The article index at /articles/, with its topic, author and feed routes."""

import re

from django.db import models
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.images import get_image_model
from wagtail.models import Page

from home.absolute import page_url
from home.pagination import paginate

from ..feeds import ArticleFeed
from .article_page import (
    AUTHOR_PHOTO,
    ROUTE_SLUGS,
    ArticlePage,
    ArticleRelatedLink,
    listed_articles,
)
from .snippets import Author, Topic
from .trust import ArticleCorrection

ARTICLES_PER_PAGE = 10
AUTHORS_PER_PAGE = 24
CORRECTIONS_PER_PAGE = 20
SLUG_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


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

    def route(self, request, path_components):
        """An article's URL: the article, its hero image, its clinical reviewer and whether an
        editor chose related articles or corrections in one query, where Wagtail's routing takes
        two, the image a third and the related links a fourth. The index's own routes are
        RoutablePage's."""
        if len(path_components) == 1 and path_components[0] not in ROUTE_SLUGS:
            article = (
                ArticlePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related(
                    # and the clinical reviewer with the pages the byline links to
                    "hero_image",
                    "reviewed_by__author",
                    "reviewed_by__therapist_profile",
                )
                .annotate(
                    has_chosen_related=Exists(
                        ArticleRelatedLink.objects.filter(article=OuterRef("pk"))
                    ),
                    has_corrections=Exists(
                        ArticleCorrection.objects.filter(article=OuterRef("pk"))
                    ),
                )
                .first()
            )
            if article is not None:
                article._cached_parent_obj = self  # as Page.route does: get_parent() is free
                return article.route(request, [])
        return super().route(request, path_components)

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

    @path("corrections/", name="corrections")
    def corrections_view(self, request):
        """Every correction and update on a live public article, newest first."""
        corrections = (
            ArticleCorrection.objects.filter(article__in=self.articles().values("pk"))
            .select_related("article")
            .order_by("-date", "-pk")
        )
        page_obj = paginate(request, corrections, CORRECTIONS_PER_PAGE)
        return self.render(
            request,
            template="articles/corrections_page.html",
            context_overrides={
                "corrections": page_obj,
                "index": self,
                "seo": self.listing_seo(
                    request,
                    "Corrections and updates",
                    "Every correction and update we have made to our articles, newest first.",
                    "corrections",
                    page_obj=page_obj,
                ),
                "breadcrumb_trail": [("Corrections and updates", None)],
            },
        )

    @path("feed/", name="feed")
    def feed_view(self, request):
        return ArticleFeed(self)(request)

    @path("topics/<slug:slug>/feed/", name="topic_feed")
    def topic_feed_view(self, request, slug):
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
