"""Readers' comments on articles (moderated; the public sees approved ones only).

Approved comments are numbered #1, #2 … on their article in the order they were approved, and keep
their number. A comment's email address is never shown publicly: templates, JSON-LD and feeds use
the name and website only, and the admin shows the address to moderators alone. No raw IP address
is stored: `client_hash` is a keyed hash of the client's network (see home/client_identity.py).
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, Func, Max, OuterRef, Subquery
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


class ApprovedThread:
    """An article's approved comments in number order, for Paginator: one aggregate gives the
    count and the highest number; while the numbers run 1…count without a gap (no approved
    comment withdrawn), a page is a range of numbers, which the thread index answers directly.
    A deep page as an OFFSET walked every earlier entry: 25,000 for the last page of an article
    with 20,000 comments (make bench-comments). With a gap it falls back to the OFFSET."""

    ordered = True  # for Paginator's check

    def __init__(self, queryset):
        self.queryset = queryset
        self._size = None

    def _aggregate(self):
        if self._size is None:
            found = self.queryset.order_by().aggregate(count=models.Count("pk"), last=Max("number"))
            self._size = (found["count"], found["last"] or 0)
        return self._size

    def count(self):
        return self._aggregate()[0]

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("ApprovedThread supports slices only")
        count, last = self._aggregate()
        if count != last:
            return self.queryset[key]
        start, stop = key.start or 0, min(count, key.stop if key.stop is not None else count)
        if start >= stop:
            return self.queryset.none()
        return self.queryset.filter(number__gt=start, number__lte=stop)


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        return self.filter(status=Comment.Status.PENDING)

    def in_display_order(self):
        """By number (#1, #2 …): the order in which the article's comments were approved."""
        return self.order_by("number", "pk")

    def with_position(self):
        """Annotate `position`: where the comment stands among its article's approved comments
        (its number, unless an earlier one was withdrawn), which says its page of comments."""
        # A plain COUNT of a column of the thread index, not grouped by article: PostgreSQL
        # then counts from that index alone (an index-only scan). Grouped, it walked the
        # article's rows by the article_id index instead, reading them all: 25-45 ms for each
        # comment of an article with 20,000 (make bench-comments).
        earlier = (
            Comment.objects.approved()
            .filter(article=OuterRef("article"), number__lte=OuterRef("number"))
            .order_by()
            .annotate(count=Func(F("number"), function="COUNT"))
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
    # The comment this one answers (threads imported from WordPress keep their shape).
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replies",
        editable=False,
    )
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
    # Given once, when the comment is first approved: the next number on its article. It never
    # changes, so "#12" keeps meaning the same comment (a withdrawn comment leaves a gap).
    number = models.PositiveIntegerField(null=True, blank=True, editable=False)
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

    def save(self, *args, **kwargs):
        if self.status != self.Status.APPROVED or self.number is not None:
            return super().save(*args, **kwargs)
        # The article's next number; the unique constraint settles a race with another approval.
        for attempt in range(3):
            last = Comment.objects.filter(article_id=self.article_id).aggregate(Max("number"))
            self.number = (last["number__max"] or 0) + 1
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                self.number = None
                if attempt == 2:
                    raise

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
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="articles_comment_number_unique"
            )
        ]
        indexes = [
            # The article page: its approved comments by number (and their count).
            models.Index(fields=["article", "status", "number"], name="articles_comment_thread"),
            # Recent Comments: the newest approved comments site-wide.
            models.Index(fields=["status", "-created_at"], name="articles_comment_recent"),
            # Returning commenters and duplicate posts.
            models.Index(fields=["email", "status"], name="articles_comment_email"),
        ]
