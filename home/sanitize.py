"""HTML from outside the editor (imports, pasted archives) made safe with nh3 (Rust's ammonia).

Wagtail's editor only ever stores the markup its features allow; HTML that arrives any other way
goes through here first. `clean_rich_text` keeps what the body's rich text blocks can hold
(home/blocks.py RICH_TEXT_FEATURES: paragraphs, bold, italic, links, lists, h2/h3, rules) and
drops scripts, styles, event handlers, `javascript:` links and every other tag (keeping its
text); `plain_text` keeps the text alone.
"""

import html
import re

import nh3

RICH_TEXT_TAGS = {"p", "br", "b", "i", "a", "ul", "ol", "li", "h2", "h3", "hr"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Dropped with everything inside them: their content is code or a widget, not prose.
# A link whose href was refused (javascript:, data:…) is left by nh3 as a bare <a>.
BARE_LINK = re.compile(r"<a>(.*?)</a>", re.DOTALL)
DROP_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "noscript",
    "iframe",
    "object",
    "embed",
    "textarea",
    "select",
    "button",
    "svg",
    "math",
}


def clean_rich_text(fragment):
    """The fragment with only rich-text markup left: links keep their href (http, https,
    mailto, tel or relative), nothing else keeps an attribute."""
    cleaned = nh3.clean(
        fragment,
        tags=RICH_TEXT_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes={"a": {"href"}},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    # Wagtail's stored rich text closes its void elements (the editor's parser needs <br/>).
    return BARE_LINK.sub(r"\1", cleaned).replace("<br>", "<br/>").replace("<hr>", "<hr/>")


def plain_text(fragment):
    """The fragment's text: tags dropped (and scripts with their content), entities decoded."""
    return html.unescape(nh3.clean(fragment, tags=set(), clean_content_tags=DROP_WITH_CONTENT))
