"""Data migrations that move alt text to where Wagtail keeps it, shared by the apps:

- image blocks' alt text into Wagtail's ImageBlock, in the StreamFields that use home/blocks.py
  (wagtail.blocks.migrations' MigrateStreamData, over pages and their revisions);
- a page's own alt text for its image (an article's hero, a therapist's photo) into the image's
  description (Image.description), leaving the page's field as an optional override.

Both take the historical app registry and can be migrated back; no alt text is lost."""

from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation


class ImageAltIntoImageBlock(BaseBlockOperation):
    """{image, alt_text, caption} → {image: {image, alt_text, decorative}, caption}: the image
    block's own alt text moves into Wagtail's ImageBlock, unchanged, so none is lost."""

    def apply(self, block_value):
        if not isinstance(block_value, dict) or isinstance(block_value.get("image"), dict):
            return block_value  # already in the new shape
        return {
            "image": {
                "image": block_value.get("image"),
                "decorative": False,
                "alt_text": block_value.get("alt_text") or "",
            },
            "caption": block_value.get("caption") or "",
        }

    @property
    def operation_name_fragment(self):
        return "image_alt_into_imageblock"


class ImageAltOutOfImageBlock(BaseBlockOperation):
    """The reverse, to migrate back."""

    def apply(self, block_value):
        inner = block_value.get("image") if isinstance(block_value, dict) else None
        if not isinstance(inner, dict):
            return block_value
        return {
            "image": inner.get("image"),
            "alt_text": inner.get("alt_text") or "",
            "caption": block_value.get("caption") or "",
        }

    @property
    def operation_name_fragment(self):
        return "image_alt_out_of_imageblock"


def move_image_alt_into_image_block(app_name, model_name, field_name="body"):
    """Migration operations for one StreamField, after its AlterField: forwards moves each image
    block's alt text into Wagtail's ImageBlock (pages and every revision), backwards moves it back
    (MigrateStreamData's own reverse does nothing)."""
    forward = MigrateStreamData(
        app_name, model_name, field_name, [(ImageAltIntoImageBlock(), "image")]
    )
    backward = MigrateStreamData(
        app_name, model_name, field_name, [(ImageAltOutOfImageBlock(), "image")]
    )
    return [forward, migrations.RunPython(migrations.RunPython.noop, backward.code)]


def alt_to_description(apps, app_label, model_name, image_field, alt_field):
    """Write each page's alt text to its image's description when that is empty, then clear the
    page's field (and its revisions', which the editor opens) where it equals the description.
    An alt text that differs from an existing description stays as the page's override."""
    Model = apps.get_model(app_label, model_name)
    Image = apps.get_model("wagtailimages", "Image")
    pages = Model.objects.filter(**{f"{image_field}__isnull": False}).exclude(**{alt_field: ""})
    for page in pages.order_by("pk").iterator():
        alt = getattr(page, alt_field).strip()
        image = Image.objects.get(pk=getattr(page, f"{image_field}_id"))
        if not (image.description or "").strip() and alt:
            image.description = alt
            image.save(update_fields=["description"])
        if alt == (image.description or "").strip():
            Model.objects.filter(pk=page.pk).update(**{alt_field: ""})
            _clear_in_revisions(apps, app_label, model_name, page.pk, alt_field, alt)


def _clear_in_revisions(apps, app_label, model_name, page_id, alt_field, alt):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(content_type=content_type, object_id=str(page_id))
    for revision in revisions.iterator():
        if (revision.content.get(alt_field) or "").strip() == alt:
            revision.content[alt_field] = ""
            revision.save(update_fields=["content"])


def description_to_alt(apps, app_label, model_name, image_field, alt_field, max_length):
    """The reverse: every page with an image and no alt text of its own gets the description."""
    Model = apps.get_model(app_label, model_name)
    pages = Model.objects.filter(**{f"{image_field}__isnull": False, alt_field: ""})
    for page in pages.select_related(image_field).iterator():
        description = (getattr(page, image_field).description or "").strip()
        if description:
            Model.objects.filter(pk=page.pk).update(**{alt_field: description[:max_length]})
