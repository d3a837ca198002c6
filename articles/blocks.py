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


class ReferenceBlock(blocks.StructBlock):
    """One source an article cites as [n], n being its place in the list."""

    title = blocks.CharBlock(max_length=300)
    publisher = blocks.CharBlock(
        max_length=200, required=False, help_text="The journal, publisher or organisation."
    )
    year = blocks.IntegerBlock(min_value=1800, max_value=2100, required=False)
    url = blocks.URLBlock(required=False, label="URL")
    doi = blocks.RegexBlock(
        regex=r"^10\.\d{4,9}/\S+$",
        required=False,
        label="DOI",
        help_text="e.g. 10.1001/jama.2020.1234 (without https://doi.org/).",
        error_messages={"invalid": "A DOI starts with “10.”, a number, then “/”."},
    )
    pubmed_id = blocks.RegexBlock(
        regex=r"^\d{1,9}$",
        required=False,
        label="PubMed ID",
        error_messages={"invalid": "A PubMed ID is digits only, e.g. 31234567."},
    )

    class Meta:
        icon = "doc-full"
        template = "articles/blocks/reference-block.html"
        preview_value = {
            "title": "Mindfulness-based interventions for anxiety: a meta-analysis",
            "publisher": "Journal of Anxiety Studies",
            "year": 2021,
            "doi": "10.1000/demo.2021.001",
        }
        description = "A source, cited in the text as [1], [2]… in list order"


class ReferencesBlock(blocks.StreamBlock):
    reference = ReferenceBlock()
