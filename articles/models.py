import math

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import ArticleStreamBlock

WORDS_PER_MINUTE = 230


class ArticleIndexPage(Page):
    intro = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = "article index page"


@register_snippet
class Topic(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, allow_unicode=False)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    def __str__(self):
        return self.name

    class Meta:
        ordering = ["name"]


@register_snippet
class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    credentials = models.CharField(
        max_length=120, blank=True, help_text="e.g. PhD, LMFT, Licensed Clinical Psychologist"
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = RichTextField(features=["bold", "italic", "link"], blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("credentials"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    class Meta:
        ordering = ["name"]


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
    authors = ParentalManyToManyField(Author, related_name="articles", blank=True)
    topics = ParentalManyToManyField(Topic, related_name="articles", blank=True)
    date_published = models.DateField(
        "first published",
        null=True,
        blank=True,
        help_text="Shown on the article; defaults to the day it first goes live.",
    )
    last_reviewed = models.DateField(null=True, blank=True)
    comments_open = models.BooleanField(default=True)

    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_alt"), FieldPanel("hero_caption")],
            heading="Hero image",
        ),
        FieldPanel("body"),
        FieldPanel("authors"),
        FieldPanel("topics"),
        InlinePanel("related_links", label="Related articles", max_num=6),
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
        index.FilterField("date_published"),
    ]

    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types = []

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_alt.strip():
            raise ValidationError({"hero_alt": "Describe the hero image for screen readers."})

    @property
    def display_date(self):
        if self.date_published:
            return self.date_published
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None

    @property
    def reading_time(self):
        """Whole minutes to read the standfirst and body, at least one."""
        words = len(self.standfirst.split())
        for block in self.body:
            if block.block_type in {"paragraph"}:
                words += len(strip_tags(block.value.source).split())
            elif block.block_type == "quote":
                words += len(block.value["quote"].split())
            elif block.block_type == "heading":
                words += len(block.value["text"].split())
        return max(1, math.ceil(words / WORDS_PER_MINUTE))

    class Meta:
        verbose_name = "article"


class ArticleRelatedLink(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("related_page", "articles.ArticlePage")]
