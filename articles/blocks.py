"""Article body blocks: the shared set plus what only articles use."""

from wagtail import blocks

from home.blocks import BaseStreamBlock


class CrisisResourcesBlock(blocks.StructBlock):
    """A box with crisis lines: always the 988 Lifeline and the site's own lines from Settings ›
    Site settings (so no article can leave them out or get them wrong), then this block's
    optional text."""

    heading = blocks.CharBlock(max_length=120, default="If you need help now")
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        required=False,
        help_text="Optional: more lines for this article, shown after 988 and the site's "
        "crisis lines (Settings › Site settings).",
    )

    class Meta:
        icon = "warning"
        template = "articles/blocks/crisis-resources-block.html"
        preview_value = {"heading": "If you need help now", "text": ""}
        description = "Crisis lines: 988 and the site's own, always"


class ArticleStreamBlock(BaseStreamBlock):
    crisis_resources = CrisisResourcesBlock()
