"""Article body blocks: the shared set plus what only articles use."""

from wagtail import blocks

from home.blocks import BaseStreamBlock


class CrisisResourcesBlock(blocks.StructBlock):
    """A box with crisis lines; empty text falls back to the site-wide default."""

    heading = blocks.CharBlock(max_length=120, default="If you need help now")
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        required=False,
        help_text="Leave empty to use the default from Settings › Site settings.",
    )

    class Meta:
        icon = "warning"
        template = "articles/blocks/crisis-resources-block.html"
        preview_value = {"heading": "If you need help now", "text": ""}
        description = "Crisis lines (988 and 911 by default)"


class ArticleStreamBlock(BaseStreamBlock):
    crisis_resources = CrisisResourcesBlock()
