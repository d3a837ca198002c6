"""The vocabularies staff manage and the filters use: issues, approaches, professions, …

Each is a snippet (registered in wagtail_hooks.py) with a unique slug, which is what the
directory's query parameters carry (`?issue=anxiety`).
"""

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Taxonomy(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Used in directory addresses, e.g. ?issue=anxiety. Filled from the name "
        "when empty; changing it breaks saved links.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)

    def __str__(self):
        return self.name

    class Meta:
        abstract = True
        ordering = ["name"]


class Issue(Taxonomy):
    """A concern a therapist treats (anxiety, grief, …)."""

    class Meta(Taxonomy.Meta):
        verbose_name = "issue"


class Approach(Taxonomy):
    """A type of therapy (CBT, EMDR, …)."""

    class Meta(Taxonomy.Meta):
        verbose_name = "approach"


class Profession(Taxonomy):
    """What the therapist is licensed as (psychologist, clinical social worker, …)."""

    class Meta(Taxonomy.Meta):
        verbose_name = "profession"


class Language(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "language"


class Insurer(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "insurer"


class Identity(Taxonomy):
    """A self-described identity a therapist chooses to show (LGBTQ+, veteran, …)."""

    class Meta(Taxonomy.Meta):
        verbose_name = "identity"
        verbose_name_plural = "identities"


class Faith(Taxonomy):
    """A faith tradition a therapist can bring into therapy for clients who want it."""

    class Meta(Taxonomy.Meta):
        verbose_name = "faith"


class State(models.Model):
    """A US state or territory; rows come from a data migration (see states.py)."""

    code = models.CharField(max_length=2, primary_key=True)
    name = models.CharField(max_length=40)

    def __str__(self):
        return self.name

    class Meta:
        ordering = ["name"]
