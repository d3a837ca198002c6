"""What the WordPress importer made from each WordPress item (articles/wordpress/).

One row per author, category, post, page, attachment and comment of an export, keyed by the
export's site address and the item's WordPress id (an author's login), so running the import
again finds what it made before and updates it instead of adding a copy. `digest` is a hash of
the item as it was imported: an unchanged item is skipped without a write; `revision_id` is the
page revision the import wrote, so a page an editor has changed since is not overwritten.
"""

from django.db import models


class ImportedItem(models.Model):
    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"
        POST = "post", "Post"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Attachment"
        COMMENT = "comment", "Comment"

    source = models.CharField(
        max_length=200, help_text="The WordPress site the item came from (wp:base_blog_url)."
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    wordpress_id = models.CharField(
        max_length=200, help_text="The item's WordPress id; an author's login."
    )
    object_id = models.PositiveBigIntegerField(
        help_text="What it became: an author, topic, page, image or comment id, by kind."
    )
    digest = models.CharField(max_length=64, help_text="Hash of the item as last imported.")
    revision_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Pages: the revision the import wrote last."
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"WordPress {self.kind} {self.wordpress_id} from {self.source}"

    class Meta:
        verbose_name = "imported WordPress item"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wordpress_id"], name="articles_importeditem_unique"
            )
        ]
