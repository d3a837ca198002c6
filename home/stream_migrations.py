"""StreamField data migrations shared by the apps whose bodies use home/blocks.py (Wagtail's
wagtail.blocks.migrations, run by MigrateStreamData over pages and their revisions)."""

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
