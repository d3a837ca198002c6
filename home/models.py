from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from . import frame
from .blocks import BaseStreamBlock
from .validators import phone_href, validate_phone_number


class HomePage(Page):
    """The front page. Its sections come from the apps they belong to, through their template
    tags (home/home_page.html), so this model names them only by string."""

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text="One sentence under the site name on the home page.",
    )
    body = StreamField(BaseStreamBlock(), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro", help_text="One sentence under the title, beside the finder."),
        FieldPanel("body", help_text="Optional: a notice or short text below the finder."),
        InlinePanel(
            "featured_articles",
            heading="Featured articles",
            label="Featured article",
            help_text="The first is shown large. Leave empty to feature the three newest "
            "articles. The newest of the rest are listed below them.",
            max_num=6,
        ),
        InlinePanel(
            "featured_topics",
            heading="Topics",
            label="Topic",
            help_text="The topics to show, in this order. Leave empty to show every topic "
            "with articles, the most written-about first.",
            max_num=12,
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def route(self, request, path_components):
        """A top-level page from the cached frame (home/frame.py), where Wagtail's routing takes
        two queries; restricted, draft and unknown paths go Wagtail's way."""
        site = frame.find_site(request)
        if path_components and site is not None and site.root_page_id == self.pk:
            for page in frame.top_level_pages(request):
                if page.slug == path_components[0]:
                    page._cached_parent_obj = self  # as Page.route does: get_parent() is free
                    return page.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page has its own newsletter section: the footer leaves its copy out.
        context["newsletter_in_page"] = True
        return context

    class Meta:
        verbose_name = "home page"


class HomePageFeaturedArticle(Orderable):
    """An article an editor pins to the home page."""

    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_articles")
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", "articles.ArticlePage")]


class HomePageTopic(Orderable):
    """A topic an editor chooses for the home page's topic list."""

    home_page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_topics")
    topic = models.ForeignKey("articles.Topic", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("topic")]


class StandardPage(Page):
    """A generic content page: Terms of Use, Privacy, About and the like."""

    summary = models.CharField(
        max_length=250,
        blank=True,
        help_text="Shown under the title and used as the meta description.",
    )
    body = StreamField(BaseStreamBlock(), use_json_field=True)
    last_updated = models.DateField(
        default=timezone.localdate,
        help_text="Shown on the page; update it when the text changes materially.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_updated"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "standard page"


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=40, help_text="e.g. Instagram")
    url = blocks.URLBlock()

    class Meta:
        icon = "link-external"
        label = "Social link"


# The crisis block always shows the 988 Lifeline itself (articles/includes/crisis-988.html), so
# the settings hold what comes after it: the site's other lines.
DEFAULT_CRISIS_TEXT = (
    "<p>If you are in immediate danger, call <b>911</b>. You can also text HOME to "
    "<b>741741</b> to reach the Crisis Text Line, any time.</p>"
)


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    # The footer links both legal pages on every page, every article its editorial policy:
    # loaded with the settings, not one query each.
    select_related = ["terms_page", "privacy_page", "editorial_policy_page"]

    site_name = models.CharField(max_length=80, default="MindWell")
    tagline = models.CharField(
        max_length=160,
        blank=True,
        default="Mental health articles and a therapist directory",
    )
    phone_number = models.CharField(
        "“Call Us to Find a Therapist” number",
        max_length=32,
        blank=True,
        validators=[validate_phone_number],
        help_text="Leave empty to hide the call line everywhere.",
    )
    phone_extension = models.CharField(max_length=8, blank=True)
    copyright_holder = models.CharField(max_length=120, default="MindWell")
    terms_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Terms and Conditions of Use, linked from the footer and the comment form.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    editorial_policy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="How articles are written, reviewed, sourced and corrected; linked from "
        "every article.",
    )
    social_links = StreamField([("link", SocialLinkBlock())], blank=True, use_json_field=True)

    crisis_resources = RichTextField(
        features=["bold", "italic", "link"],
        default=DEFAULT_CRISIS_TEXT,
        help_text="The site's crisis lines, shown in every “crisis resources” block after the "
        "988 Suicide & Crisis Lifeline (which the block always shows).",
    )

    comments_close_after_days = models.PositiveIntegerField(
        default=0,
        help_text="Close comments this many days after an article is first published; "
        "0 keeps them open.",
    )
    auto_approve_returning_commenters = models.BooleanField(
        default=False,
        help_text="Publish comments straight away from an email with an earlier approved comment.",
    )

    review_interval_months = models.PositiveIntegerField(
        "article review interval (months)",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How long after its last review an article is due for another, unless the "
        "article sets its own interval.",
    )

    accepting_clients_valid_days = models.PositiveIntegerField(
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="A therapist's “accepting new clients” is shown as unconfirmed after this "
        "many days without confirmation.",
    )

    @classmethod
    def for_request(cls, request):
        """As Wagtail's, but from the cached frame (home/frame.py): one query per change of the
        settings, not per page."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = frame.find_site(request)
            if site is None:
                return super().for_request(request)
            site_settings = frame.frame_value(
                request, f"settings:{site.pk}", lambda: cls.for_site(site)
            )
            site_settings._request = request  # as Wagtail's: page URLs need the request
            setattr(request, attr_name, site_settings)
        return getattr(request, attr_name)

    general_panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        MultiFieldPanel(
            [FieldPanel("phone_number"), FieldPanel("phone_extension")],
            heading="Call Us to Find a Therapist",
        ),
        FieldPanel("copyright_holder"),
        MultiFieldPanel(
            [
                FieldPanel("terms_page"),
                FieldPanel("privacy_page"),
                FieldPanel("editorial_policy_page"),
            ],
            heading="Legal and policy pages",
        ),
        FieldPanel("social_links"),
    ]
    content_panels = [
        FieldPanel("crisis_resources"),
        FieldPanel("review_interval_months"),
        MultiFieldPanel(
            [
                FieldPanel("comments_close_after_days"),
                FieldPanel("auto_approve_returning_commenters"),
            ],
            heading="Comments",
        ),
    ]
    directory_panels = [FieldPanel("accepting_clients_valid_days")]
    edit_handler = TabbedInterface(
        [
            ObjectList(general_panels, heading="General"),
            ObjectList(content_panels, heading="Articles and comments"),
            ObjectList(directory_panels, heading="Directory"),
        ]
    )

    @property
    def phone_href(self):
        return phone_href(self.phone_number, self.phone_extension)

    @classmethod
    def for_default_site(cls):
        """The settings where no request says which site (tasks, commands): the default
        site's, else unsaved defaults."""
        return cls.objects.filter(site__is_default_site=True).first() or cls()

    @classmethod
    def name_for(cls, request=None):
        """The site's name for pages, feeds, structured data and emails: the request's site's
        setting; without a request (emails sent by commands) the default site's; the field's
        default when that site has no settings yet."""
        if request is not None:
            return cls.for_request(request).site_name
        found = cls.objects.filter(site__is_default_site=True).first()
        return found.site_name if found else cls._meta.get_field("site_name").default

    class Meta:
        verbose_name = "site settings"


class OutgoingEmail(models.Model):
    """An email handed to the task worker (home/mail.py): waiting, being retried, or given up on.
    A sent email's row is deleted, so the list is what staff may need to act on, and no
    recipient address is kept longer than its email needs."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting or retrying"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=100)
    builder = models.CharField(max_length=200, help_text="The function that writes the email.")
    arguments = models.JSONField(default=list, blank=True)
    recipient = models.CharField(max_length=254)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.kind} to {self.recipient}"

    # A waiting email whose attempt is this late lost its task (a worker killed mid-send, the
    # queue emptied by hand): staff may send it again.
    STUCK_AFTER = timedelta(minutes=30)

    @property
    def can_retry(self):
        if self.status == self.Status.FAILED:
            return True
        due = self.next_attempt_at or self.last_attempt_at or self.created_at
        return timezone.now() - due > self.STUCK_AFTER

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outgoing email"
