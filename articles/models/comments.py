"""Readers' comments on articles (moderated; the public sees approved ones only).

A comment's email address is never shown publicly: templates, JSON-LD and feeds use the name and
website only, and the admin shows the address to moderators alone. No raw IP address is stored:
`client_hash` is a keyed hash of the client's network (see articles/spam.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

COMMENTS_PER_PAGE = 50
# Query parameter of the article page that selects a page of comments (?comments=2).
COMMENTS_PAGE_PARAM = "comments"
EXCERPT_LENGTH = 110


def excerpt(text, limit=EXCERPT_LENGTH):
    """The text on one line, cut at a word boundary to at most `limit` characters plus "…"."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    else:  # one very long word: cut it
        cut = cut[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def in_display_order(self):
        """Oldest first: the order comments are numbered in (#1, #2 …) on their article."""
        return self.order_by("created_at", "pk")

    def with_position(self):
        """Annotate `position`: the comment's number among its article's approved comments."""
        earlier = (
            Comment.objects.approved()
            .filter(article=OuterRef("article"))
            .filter(
                Q(created_at__lt=OuterRef("created_at"))
                | Q(created_at=OuterRef("created_at"), pk__lte=OuterRef("pk"))
            )
            .order_by()
            .values("article")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(position=Coalesce(Subquery(earlier), 0))


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        SPAM = "spam", "Spam"

    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(max_length=60)
    email = models.EmailField(
        max_length=254, help_text="Never shown publicly; only moderators see it."
    )
    website = models.URLField(max_length=200, blank=True)
    body = models.TextField("comment", max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    client_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Keyed hash of the sender's network address, for rate limits and spotting "
        "repeat senders; the address itself is not kept.",
    )
    moderated_at = models.DateTimeField(null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = CommentQuerySet.as_manager()

    panels = [
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("article", read_only=True),
                FieldRowPanel([FieldPanel("name"), FieldPanel("website")]),
                FieldPanel("email", read_only=True),
            ],
            heading="Commenter",
        ),
        FieldPanel(
            "body",
            help_text="Plain text. Edit only to remove personal details or for length; "
            "say so in the comment if you do.",
        ),
    ]

    def __str__(self):
        return f"{self.name}: {excerpt(self.body, 60)}"

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED

    @property
    def excerpt(self):
        return excerpt(self.body)

    def moderate(self, status, user=None):
        """Set a moderation decision (saved by the caller)."""
        self.status = status
        self.moderated_at = timezone.now()
        self.moderated_by = user

    def page_number(self, position):
        """Which page of its article's comments the comment with this number is on."""
        return max(1, (position - 1) // COMMENTS_PER_PAGE + 1)

    def get_anchor_url(self, article_url, position):
        """The URL of the comment on its article: the right page of comments, then its anchor."""
        page = self.page_number(position)
        query = f"?{COMMENTS_PAGE_PARAM}={page}" if page > 1 else ""
        return f"{article_url}{query}#comment-{self.pk}"

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The article page: its approved comments, oldest first (and their count).
            models.Index(
                fields=["article", "status", "created_at"], name="articles_comment_thread"
            ),
            # Recent Comments: the newest approved comments site-wide.
            models.Index(fields=["status", "-created_at"], name="articles_comment_recent"),
            # Returning commenters and duplicate posts.
            models.Index(fields=["email", "status"], name="articles_comment_email"),
        ]
