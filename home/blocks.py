"""StreamField blocks shared by every content area (generic pages, articles)."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Heading 2"), ("h3", "Heading 3"), ("h4", "Heading 4")],
        default="h2",
        help_text="Use Heading 2 for sections and lower levels inside them.",
        search_index=False,  # "Heading 2" is not the article's text
    )

    class Meta:
        icon = "title"
        template = "blocks/heading-block.html"
        preview_value = {"text": "What helps when anxiety spikes", "level": "h2"}
        description = "A section heading"


class FigureBlock(blocks.StructBlock):
    """An image and an optional caption. Wagtail's ImageBlock holds the image with its alt text:
    filled in from the image's description when chosen, editable here, required unless the
    image is marked decorative. Alt text is not searched (search/documents.py)."""

    image = ImageBlock(search_index=False)
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image-block.html"
        description = "An image with alt text and an optional caption"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(max_length=200, required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote-block.html"
        preview_value = {
            "quote": "Asking for help is a skill, and like any skill it gets easier with practice.",
            "attribution": "A family therapist",
        }
        description = "A pull quote"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        template = "blocks/callout-block.html"
        preview_value = {
            "title": "Try this",
            "text": "<p>Name five things you can see and four you can hear.</p>",
        }
        description = "A highlighted box for a tip or key point"


RICH_TEXT_FEATURES = [
    "h2",
    "h3",
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "hr",
    "document-link",
]


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks every page type starts from; content areas add their own."""

    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph-block.html",
        preview_value="<p>Small, steady routines make a difference over weeks, not days.</p>",
        description="Rich text",
    )
    heading = HeadingBlock()
    image = FigureBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    embed = EmbedBlock(
        icon="media",
        template="blocks/embed-block.html",
        help_text="A video or audio URL, e.g. from YouTube or Vimeo.",
        description="An embedded video or audio",
    )
