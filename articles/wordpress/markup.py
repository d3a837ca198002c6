"""WordPress's own markup in post content, turned into plain HTML the converter (convert.py) reads.

- Gutenberg block comments (`<!-- wp:paragraph -->` …) are dropped, their saved HTML kept; embeds
  become `<figure data-wp-embed="URL">`, reusable blocks (`wp:block {"ref": 12}`) are inlined,
  dynamic blocks (self-closing, no saved HTML, such as Latest Posts) are left out and listed.
- Shortcodes: `[caption]` becomes a figure with its caption, `[embed]URL[/embed]` an embed,
  `[gallery ids="…"]` its images; any other shortcode stays as plain text and is listed.
- `<!--more-->` splits the teaser (the standfirst when there is no excerpt) from the rest.
"""

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field

from home.text_input import is_ascii_digits

BLOCK_COMMENT = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)"
    r"\s+(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
# Core blocks whose saved HTML is the content (converted from it like any HTML).
CORE_BLOCKS = set(
    """paragraph heading list list-item quote pullquote image gallery separator spacer more
    nextpage html shortcode freeform classic group columns column table preformatted code verse
    cover media-text buttons button embed audio video file block missing details""".split()
)
EMBED_NAMESPACES = {"core-embed/"}
MAX_REUSABLE_DEPTH = 3

CAPTION = re.compile(r"\[(caption|wp_caption)\b([^\]]*)\](.*?)\[/\1\]", re.DOTALL | re.IGNORECASE)
EMBED = re.compile(r"\[embed\b[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
GALLERY = re.compile(r"\[gallery\b([^\]]*)\]", re.IGNORECASE)
ESCAPED = re.compile(r"\[\[([^\[\]]+)\]\]")
SHORTCODE = re.compile(r"\[([a-zA-Z][\w-]*)(?=[\s\]/])[^\]\[]*\]")
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))""")
MORE = re.compile(r"<!--more(?:.*?)-->", re.DOTALL)
NOTEASER = re.compile(r"<!--noteaser-->")
# The markup of an image (possibly inside a link) at the start of a [caption]'s content.
CAPTION_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)


@dataclass
class Markup:
    """Content with WordPress's markup resolved, and what the report should mention."""

    body: str
    teaser: str = ""  # the HTML before <!--more-->, if there was one
    is_gutenberg: bool = False
    unknown_shortcodes: Counter = field(default_factory=Counter)
    unsupported_blocks: Counter = field(default_factory=Counter)
    dropped_blocks: Counter = field(default_factory=Counter)


def shortcode_attributes(text):
    found = {}
    for match in ATTRIBUTE.finditer(text):
        name, *values = match.groups()
        found[name.lower()] = next((value for value in values if value is not None), "")
    return found


def _block_attrs(text):
    try:
        attrs = json.loads(text) if text else {}
    except ValueError:
        return {}
    return attrs if isinstance(attrs, dict) else {}


def _embed_marker(url):
    return f'<figure data-wp-embed="{html.escape(url.strip())}"></figure>'


def expand_blocks(content, reusable, found, depth=0):
    """The content without Gutenberg block comments (see the module's docstring)."""
    out = []
    position = 0
    open_embeds = []  # (output index where the embed began, url)
    for match in BLOCK_COMMENT.finditer(content):
        out.append(content[position : match.start()])
        position = match.end()
        namespace = match["namespace"] or ""
        name = match["name"]
        full_name = f"{namespace}{name}"
        attrs = _block_attrs((match["attrs"] or "").strip())
        is_embed = (not namespace and name == "embed") or namespace in EMBED_NAMESPACES
        if match["closer"]:
            if is_embed and open_embeds:
                start, url = open_embeds.pop()
                if url:  # else the saved HTML (its URL in a wrapper) is converted as it is
                    del out[start:]
                    out.append(_embed_marker(url))
            continue
        is_core = namespace in ("", "core/")
        if match["void"]:
            if is_core and name == "block" and depth < MAX_REUSABLE_DEPTH:
                inner = reusable.get(str(attrs.get("ref", "")))
                if inner is not None:
                    out.append(expand_blocks(inner, reusable, found, depth + 1))
                    continue
            # A dynamic block (Latest Posts, Archives…): WordPress renders it, nothing is saved.
            found.dropped_blocks[full_name] += 1
            continue
        if not is_embed and not (is_core and name in CORE_BLOCKS):
            found.unsupported_blocks[full_name] += 1
        if is_embed:
            open_embeds.append((len(out), str(attrs.get("url", ""))))
    out.append(content[position:])
    return "".join(out)


def _caption(match):
    attributes = shortcode_attributes(match[2])
    inner = match[3].strip()
    media = CAPTION_MEDIA.match(inner)
    if media:
        image, text = media[1], media[2].strip()
    else:
        image, text = inner, ""
    caption = text or html.escape(attributes.get("caption", ""))
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"


def _gallery(match, attached_ids):
    ids = [part.strip() for part in shortcode_attributes(match[1]).get("ids", "").split(",")]
    ids = [value for value in ids if is_ascii_digits(value)] or list(attached_ids)
    images = "".join(f'<figure><img data-wp-attachment="{value}" alt=""></figure>' for value in ids)
    return f"<div>{images}</div>"


def expand_shortcodes(content, found, attached_ids=()):
    """Known shortcodes as HTML; unknown ones counted and left as they are (see the docstring)."""
    escaped = []

    def hide(match):
        escaped.append(match[1])
        return f"\x00{len(escaped) - 1}\x00"

    content = ESCAPED.sub(hide, content)
    content = CAPTION.sub(_caption, content)
    content = EMBED.sub(lambda match: _embed_marker(html.unescape(match[1])), content)
    content = GALLERY.sub(lambda match: _gallery(match, attached_ids), content)
    for match in SHORTCODE.finditer(content):
        found.unknown_shortcodes[match[1].lower()] += 1
    # [[name]] is WordPress's way of writing a literal [name].
    return re.sub(r"\x00(\d+)\x00", lambda match: f"[{escaped[int(match[1])]}]", content)


def resolve(content, reusable=None, attached_ids=()):
    """Markup for one post's content: see the module's docstring."""
    found = Markup(body="")
    found.is_gutenberg = "<!-- wp:" in content
    if found.is_gutenberg:
        content = expand_blocks(content, reusable or {}, found)
    content = NOTEASER.sub("", content)
    parts = MORE.split(content, maxsplit=1)
    if len(parts) == 2:
        found.teaser = expand_shortcodes(parts[0], Markup(body=""), attached_ids)
        content = parts[0] + parts[1]
    found.body = expand_shortcodes(content, found, attached_ids)
    return found
