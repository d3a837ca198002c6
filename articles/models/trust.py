"""What tells readers an article can be trusted and handled with care: dated corrections and
updates (shown on the article, on /articles/corrections/ and marked in the feeds) and the
content note shown before a body about suicide, self-harm, eating disorders or abuse
(docs/articles.md, "Corrections" and "Safe messaging").

The article page names these by string, so this module imports no other model of its own.
"""

from django import forms
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

# Kept short and fixed: a content note is a promise readers learn to rely on, so each kind is
# worded once here, not per article.
CONTENT_NOTES = [
    ("suicide", "suicide"),
    ("self-harm", "self-harm"),
    ("eating-disorders", "eating disorders"),
    ("abuse", "abuse"),
]
CONTENT_NOTE_LABELS = dict(CONTENT_NOTES)
# Notes after which the content note repeats the 988 line, as safe-messaging guidance asks.
CRISIS_NOTES = {"suicide", "self-harm"}


class ContentNotesField(models.JSONField):
    """A list of CONTENT_NOTES keys, edited as checkboxes.

    JSON rather than four booleans or a table: the kinds are a fixed list, an article holds a
    few of them, and the page reads them with its own row (no query for a join).
    """

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=CONTENT_NOTES,
            required=False,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )


def content_note_labels(keys):
    """The readable names of the notes an article carries, in CONTENT_NOTES order; unknown keys
    (a kind removed since) are left out rather than shown raw."""
    chosen = set(keys or ())
    return [label for key, label in CONTENT_NOTES if key in chosen]


class ArticleCorrection(Orderable):
    """A dated correction or update note on an article.

    A child of the article page (InlinePanel), so it is moderated and published with the
    article: publishing purges the whole page cache (home/cache_purges.py), which takes the
    article, the corrections page and the feeds with it.
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = ParentalKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CORRECTION)
    date = models.DateField(default=timezone.localdate, help_text="The day the article changed.")
    note = RichTextField(
        features=["bold", "italic", "link"],
        help_text="What changed and why, e.g. “An earlier version gave the wrong dose …”.",
    )

    panels = [FieldPanel("kind"), FieldPanel("date"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = "correction or update"
