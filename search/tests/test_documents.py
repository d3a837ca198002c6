"""What the Content scope searches: an article's text as Wagtail's block API gives it
(search/documents.py content_text), with nothing that is not prose."""

import pytest

from articles.tests.utils import make_article, make_image, make_index
from search.documents import content_text

pytestmark = pytest.mark.django_db


def test_every_block_gives_its_prose_and_nothing_else():
    image = make_image("Lake")
    body = [
        ("heading", {"text": "When it passes", "level": "h3"}),
        ("paragraph", "<p>Breathe <b>slowly</b>.</p><ul><li>Count</li><li>Rest</li></ul>"),
        (
            "image",
            {
                "image": {"image": image, "decorative": False, "alt_text": "A still lake"},
                "caption": "Calm water",
            },
        ),
        ("quote", {"quote": "Thoughts are visitors.", "attribution": "A clinician"}),
        ("callout", {"title": "Try this", "text": "<p>Tea &amp; toast</p>"}),
        ("embed", "https://www.youtube.com/watch?v=abc"),
        ("crisis_resources", {"heading": "If you need help now", "text": ""}),
    ]
    article = make_article(make_index(), "Panic", body=body, standfirst="What panic is.")
    assert content_text(article).split("\n") == [
        "What panic is.",
        "When it passes",  # not its level ("Heading 3")
        "Breathe slowly. Count Rest",  # list items do not run together
        "Calm water",  # the caption, not the alt text or the image
        "Thoughts are visitors. A clinician",
        "Try this Tea & toast",  # entities read as the character they stand for
        "If you need help now",  # an embed has no text
    ]
