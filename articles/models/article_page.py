"""The article page, its tags and related links, and the listing every article card uses."""

import math
from datetime import datetime, time

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.absolute import page_url
from home.frame import frame_value
from home.visibility import exclude_restricted

from ..blocks import ArticleStreamBlock, ReferencesBlock
from ..content_checks import content_warnings
from ..seo import article_structured_data
from .commenting import comment_section, post_comment
from .reader_help import help_section, share_links
from .review import ReviewFields
from .snippets import Author, Topic
from .trust import CRISIS_NOTES, ContentNotesField, content_note_labels

WORDS_PER_MINUTE = 230
RELATED_COUNT = 3
# The rendition article cards show; listings prefetch it so a card costs no query.
CARD_IMAGE = "fill-480x270|format-webp"
AUTHOR_PHOTO = "fill-160x160|format-webp"
# Child slugs the index's own routes would shadow.
ROUTE_SLUGS = {"topics", "authors", "feed", "corrections"}
# Raw StreamField keys that hold no reader-facing prose (word count, search documents).
NON_PROSE_KEYS = {"id", "type", "level", "image", "alt_text"}


def listed_articles(queryset=None):
    """Live, public articles, newest first, with everything a card shows in a fixed number of
    queries (authors, topics, hero image and its card rendition), whatever the list's length."""
    if queryset is None:
        queryset = ArticlePage.objects.all()
    return (
        exclude_restricted(queryset.live())
        .select_related("hero_image")
        .prefetch_related(renditions_of("hero_image", CARD_IMAGE), "authors", "topics")
        .order_by("-date_published", "-first_published_at", "-pk")
    )


def renditions_of(image_field, filter_spec):
    """A Prefetch of one rendition of a select_related image, where Wagtail's get_rendition
    looks for it: the image comes with its row, the renditions in one more query."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=filter_spec)
    return Prefetch(
        f"{image_field}__renditions", queryset=renditions, to_attr="prefetched_renditions"
    )


def newest_sharing_topics(article, topic_ids, count=RELATED_COUNT):
    """The newest `count` articles sharing the most of these topics with `article`.

    With one or two topics, level by level: those sharing every topic, newest first, then
    (when fewer than `count`) those sharing one. Each level walks articles newest first and
    stops at `count`, so it costs the same however large a topic grows; counting shared topics
    over every article of the topics took over a second at 100,000 articles (make
    bench-comments). More topics (rare) count them.
    """
    others = listed_articles().exclude(pk=article.pk)
    if len(topic_ids) > 2:
        return list(
            others.filter(topics__in=topic_ids)
            .annotate(shared_topics=Count("topics"))
            .order_by("-shared_topics", "-date_published", "-first_published_at", "-pk")[:count]
        )
    through = ArticlePage.topics.through

    def has(topic_id):
        return Exists(through.objects.filter(articlepage_id=OuterRef("pk"), topic_id=topic_id))

    every = Q()
    for topic_id in topic_ids:
        every &= has(topic_id)
    ids = list(others.filter(every).values_list("pk", flat=True)[:count])
    if len(ids) < count and len(topic_ids) == 2:
        one = (has(topic_ids[0]) | has(topic_ids[1])) & ~every
        ids += others.filter(one).values_list("pk", flat=True)[: count - len(ids)]
    return _in_chosen_order(ids)


def _in_chosen_order(article_ids):
    """The live ones of these articles, in the given order (an editor's choice)."""
    found = {article.pk: article for article in listed_articles().filter(pk__in=article_ids)}
    return [found[pk] for pk in article_ids if pk in found]


class ArticlePage(ReviewFields, Page):
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
        help_text="Leave empty to use the image’s own description (Images › the image › "
        "Description); fill in only if this article needs different words.",
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
    references = StreamField(
        ReferencesBlock(),
        blank=True,
        use_json_field=True,
        help_text="Sources, numbered in this order; cite one in the text as [1], [2]…",
    )
    comments_open = models.BooleanField(default=True)
    content_notes = ContentNotesField(
        "content note",
        default=list,
        blank=True,
        help_text="Tick what the article discusses: readers see a note before the body.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        FieldPanel("content_notes"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading="Hero image",
        ),
        FieldPanel("body"),
        FieldPanel("authors", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("references"),
        InlinePanel(
            "related_links",
            heading="Related articles",
            label="Related article",
            help_text="Leave empty to show the newest articles that share a topic.",
            max_num=RELATED_COUNT,
        ),
        InlinePanel(
            "corrections",
            heading="Corrections and updates",
            label="Correction or update",
            help_text="Shown dated at the top of the article and on the corrections page; the "
            "feed marks the article as updated.",
        ),
    ]
    settings_panels = Page.settings_panels + [
        FieldPanel("date_published", heading="First published"),
        MultiFieldPanel(ReviewFields.review_panels, heading="Review"),
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

    @property
    def hero_alt_text(self):
        """The hero image's alt text: this article's own words if given, else the image's
        description (Wagtail's Image.description, the alt text wherever the image is used)."""
        if not self.hero_image_id:
            return ""
        return self.hero_alt.strip() or (self.hero_image.description or "").strip()

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_alt_text:
            errors["hero_alt"] = (
                "Describe the hero image for screen readers: this image has no description, "
                "so write one here or add it to the image in Images."
            )
        if self.slug in ROUTE_SLUGS:
            errors["slug"] = (
                f"“{self.slug}” is taken by the article index’s own pages; choose another slug."
            )
        self.clean_review_fields(errors)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Going live for the first time fixes the shown date, unless an editor set one.
        if self.live and self.date_published is None:
            self.date_published = timezone.localdate(self.first_published_at or timezone.now())
        if kwargs.get("update_fields") is None:  # a revision's bookkeeping save leaves it
            self.update_review_due()
        return super().save(*args, **kwargs)

    @property
    def content_note_labels(self):
        return content_note_labels(self.content_notes)

    @property
    def has_crisis_note(self):
        """Whether the content note repeats the crisis lines (suicide, self-harm)."""
        return bool(CRISIS_NOTES.intersection(self.content_notes or ()))

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
        # A routed article knows whether there are any (ArticleIndexPage.route): none costs no
        # query, some are read with the links in one. A preview reads the links it holds.
        chosen = getattr(self, "has_chosen_related", None)
        if chosen:
            links = ArticleRelatedLink.objects.filter(article=self, related_page=OuterRef("pk"))
            return list(
                listed_articles()
                .annotate(chosen_order=Subquery(links.values("sort_order")[:1]))
                .filter(chosen_order__isnull=False)
                .order_by("chosen_order")
            )
        if chosen is None:
            chosen_ids = [link.related_page_id for link in self.related_links.all()]
            if chosen_ids:
                return _in_chosen_order(chosen_ids)
        if not topics:
            return []
        return newest_sharing_topics(self, [topic.pk for topic in topics])

    def related_section(self, request, topics):
        """The rendered "Related articles" section. It changes only when a page or a topic does,
        which starts a new frame generation (home/frame.py), so live pages keep it with the
        frame: an uncached article then skips its listing queries and card rendering."""

        def render():
            context = {"related_articles": self.related_articles(topics)}
            return render_to_string(
                "articles/includes/related-articles.html", context, request=request
            )

        if getattr(request, "is_preview", False):
            return render()  # a draft's own topics and chosen links
        return frame_value(request, f"related-articles:{self.pk}", render)

    # "Leave a Reply" posts here from a cached page, without a CSRF token (home/public_forms.py).
    accepts_public_posts = True

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":  # "Leave a Reply"
            return post_comment(self, request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, comment_form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        authors = list(
            self.authors.select_related("therapist_profile", "photo").prefetch_related(
                renditions_of("photo", AUTHOR_PHOTO)
            )
        )
        topics = list(self.topics.all())
        # By name: the index's module imports this one (its listings show articles).
        index_model = apps.get_model("articles", "ArticleIndexPage")
        # Routed through the index (ArticleIndexPage.route), the article already has it.
        index = self.__dict__.get("_cached_parent_obj")
        if not isinstance(index, index_model):
            index = index_model.objects.ancestor_of(self).first()
        context.update(
            index=index,
            authors=authors,
            topics=topics,
            related_section=self.related_section(request, topics),
            social_image=(
                self.hero_image.get_rendition("fill-1200x630") if self.hero_image else None
            ),
        )
        context["review"] = self.review_byline(request, index)
        if getattr(request, "is_preview", False):  # the editor's content checks read these
            context["content_warnings"] = content_warnings(self)
        context["structured_data"] = article_structured_data(
            self,
            request,
            authors,
            topics,
            context["social_image"],
            context["index"],
            context["review"],
        )
        context.update(self.trust_context(request, topics))
        context.update(comment_section(self, request, form=comment_form))
        context["structured_data"]["commentCount"] = context["comment_count"]
        return context

    def trust_context(self, request, topics):
        """Corrections (newest first), the help section and the share links
        (articles/includes/article-*.html)."""
        # A routed article knows whether it has any (ArticleIndexPage.route): none costs no
        # query, and a corrected one's are kept with the cached frame (home/frame.py), which
        # the next publication of any page (the only way a note changes) reads again. A
        # preview reads the ones it holds.
        routed = getattr(self, "has_corrections", None)
        if routed is None:
            notes = self.corrections.all()
        elif routed:
            notes = frame_value(
                request, f"corrections:{self.pk}", lambda: list(self.corrections.all())
            )
        else:
            notes = []
        corrections = sorted(notes, key=lambda note: (note.date, note.pk or 0), reverse=True)
        url = page_url(self, request)
        return {
            "corrections": corrections,
            "page_absolute_url": url,
            "share_links": share_links(url, self.title) if url else [],
            **help_section(request, topics),
        }

    def review_byline(self, request, index):
        """Who clinically reviewed the live article and when, with the link to their page."""
        reviewer = self.reviewed_by  # with its author and profile when routed (index_page.py)
        url = None
        if reviewer is not None:
            profile = reviewer.therapist_profile
            if reviewer.author_id and index is not None:
                url = index.url + index.reverse_subpage("author", args=[reviewer.author.slug])
            elif profile is not None and profile.live:
                url = profile.get_url(request)
        return {
            "reviewer": reviewer,
            "reviewer_url": url,
            "last_reviewed": self.last_reviewed,
            "overdue": self.review_overdue,
        }

    class Meta:
        verbose_name = "article"
        indexes = [
            # Newest first: listings, and related articles walking a topic's newest.
            models.Index(fields=["-date_published"], name="articles_article_newest"),
        ]
        permissions = [("waive_clinical_review", "Can waive an article's clinical review")]


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
