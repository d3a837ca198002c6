"""The taxonomy editors manage: topics and authors (snippets; admin views in wagtail_hooks.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from therapists.models import TherapistIndexPage


class Topic(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        allow_unicode=False,
        help_text="The topic's address: /articles/topics/<slug>/.",
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown on the topic page and in its feed."
    )

    issues = models.ManyToManyField(
        "therapists.Issue",
        blank=True,
        related_name="article_topics",
        help_text="The directory's issues that match this topic: its articles show therapists "
        "who treat them, and link to the directory filtered by them.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("issues", widget=forms.CheckboxSelectMultiple),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    def __str__(self):
        return self.name

    class Meta:
        ordering = ["name"]


class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="The author's address: /articles/authors/<slug>/."
    )
    credentials = models.CharField(
        max_length=120, blank=True, help_text="e.g. PhD, LMFT, Licensed Clinical Psychologist"
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = RichTextField(features=["bold", "italic", "link"], blank=True)
    therapist_profile = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the author's own profile in the therapist directory.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("credentials"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        PageChooserPanel("therapist_profile"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def clean(self):
        super().clean()
        if self.therapist_profile_id:
            # Any page below the directory; the profile model belongs to the directory app.
            if not TherapistIndexPage.objects.ancestor_of(self.therapist_profile).exists():
                raise ValidationError(
                    {"therapist_profile": "Choose a profile page from the therapist directory."}
                )

    class Meta:
        ordering = ["name"]
