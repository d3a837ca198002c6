"""HTML (after markup.py) into the article body's StreamField blocks (articles/blocks.py).

The HTML is walked once, in document order. Prose (paragraphs, lists, rules, inline markup) runs
together into one `paragraph` rich-text block, sanitised with home/sanitize.py; headings become
`heading` blocks, blockquotes `quote` blocks, images `image` blocks (with their alt text and
caption), embeds `embed` blocks when one of Wagtail's embed finders knows the URL. Text outside
any element is split into paragraphs at blank lines, like WordPress's wpautop does for classic
posts. An image whose file was not imported is left out and reported: never a broken <img>.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from articles.models.comments import excerpt
from home.sanitize import clean_rich_text, plain_text

BLOCK_TAGS = set(
    """address article aside blockquote center details dd div dl dt figcaption figure footer
    form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table ul""".split()
)
SKIPPED_TAGS = set(
    """script style noscript template form input button select textarea svg canvas map
    head title meta link""".split()
)
MEDIA_TAGS = {"video", "audio", "object", "embed"}
HEADING_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
SOCIAL_QUOTES = {"twitter-tweet", "instagram-media", "tiktok-embed"}
ATTACHMENT_CLASS = re.compile(r"\bwp-image-(\d+)\b")
EDGE_BREAKS = re.compile(r"^(?:\s|<br/>)+|(?:\s|<br/>)+$")
BARE_URL = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
HEADING_MAX, ALT_MAX, CAPTION_MAX, ATTRIBUTION_MAX = 200, 250, 250, 200


@dataclass
class ImageRef:
    """An imported image, as the converter needs it."""

    pk: int
    alt: str = ""
    title: str = ""


@dataclass
class Body:
    blocks: list = field(default_factory=list)  # raw StreamField data
    missing_images: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    image_pks: list = field(default_factory=list)


def _text(node):
    return " ".join(node.get_text(" ").split())


def _classes(tag):
    return set(tag.get("class") or [])


def player_url(src):
    """The page URL of a YouTube or Vimeo player iframe, which embed finders recognise."""
    parsed = urlparse(src if "//" in src else "https:" + src)
    host = parsed.netloc.lower().removeprefix("www.")
    parts = [part for part in parsed.path.split("/") if part]
    if host in {"youtube.com", "youtube-nocookie.com"} and len(parts) == 2 and parts[0] == "embed":
        return f"https://www.youtube.com/watch?v={parts[1]}"
    if host == "player.vimeo.com" and len(parts) == 2 and parts[0] == "video":
        return f"https://vimeo.com/{parts[1]}"
    return None


class Converter:
    def __init__(self, images, embed_ok, old_hosts=()):
        self.images = images  # .find(attachment_id, src) -> ImageRef | None
        self.embed_ok = embed_ok
        self.old_hosts = {host.lower() for host in old_hosts if host}
        self.body = Body()
        self.rich = []  # block-level rich-text HTML waiting to become a paragraph block
        self.run = []  # inline HTML of the paragraph being read

    # Output

    def end_paragraph(self):
        fragment = EDGE_BREAKS.sub("", "".join(self.run))
        self.run = []
        if not fragment:
            return
        url = BARE_URL.match(html.unescape(fragment))
        if url and not self.rich and self.embed_ok(url[1]):  # WordPress's auto-embed
            self.add("embed", url[1])
        elif plain_text(fragment).strip():
            self.rich.append(f"<p>{fragment}</p>")

    def flush(self):
        self.end_paragraph()
        if self.rich:
            cleaned = clean_rich_text("".join(self.rich))
            self.rich = []
            if plain_text(cleaned).strip() or "<hr" in cleaned:
                self.body.blocks.append({"type": "paragraph", "value": cleaned})

    def add(self, kind, value):
        self.flush()
        self.body.blocks.append({"type": kind, "value": value})

    # Reading

    def convert(self, fragment):
        soup = BeautifulSoup(fragment, "html.parser")
        for tag in soup.find_all(["strong", "em", "a"]):
            if tag.name == "a":
                self.rewrite_link(tag)
            else:
                tag.name = "b" if tag.name == "strong" else "i"
        self.walk(soup, autop=True)
        self.flush()
        return self.body

    def rewrite_link(self, tag):
        """Links to the old site become site-relative, so the import's redirects answer them."""
        href = tag.get("href")
        if not href:
            tag.unwrap()
            return
        parsed = urlparse(href.strip())
        if parsed.netloc and parsed.netloc.lower() in self.old_hosts:
            tag["href"] = parsed._replace(scheme="", netloc="").geturl() or "/"

    def walk(self, node, autop):
        for child in list(node.children):
            if isinstance(child, Comment) or (
                isinstance(child, NavigableString) and type(child) is not NavigableString
            ):
                continue  # comments, doctype, CDATA, processing instructions
            if isinstance(child, NavigableString):
                self.text(str(child), autop)
            elif isinstance(child, Tag):
                self.element(child, autop)

    def text(self, value, autop):
        if not autop:
            self.run.append(html.escape(value, quote=False))
            return
        for number, part in enumerate(re.split(r"\n[ \t\r\f\v]*\n", value)):
            if number:
                self.end_paragraph()
            lines = part.split("\n")
            self.run.append("<br/>".join(html.escape(line, quote=False) for line in lines))

    def element(self, tag, autop):
        name = tag.name.lower()
        if name in SKIPPED_TAGS:
            return
        if name in HEADING_LEVELS:
            self.heading(tag)
        elif name == "p":
            self.end_paragraph()
            self.walk(tag, autop=False)
            self.end_paragraph()
        elif name in {"ul", "ol"}:
            self.end_paragraph()
            images = tag.find_all("img")
            for text in tag.find_all(string=True):  # the line breaks between items
                if not text.strip() and text.parent.name in ("ul", "ol"):
                    text.extract()
            self.rich.append(str(tag))
            for image in images:
                self.image(image)
        elif name == "hr":
            self.end_paragraph()
            self.rich.append("<hr/>")
        elif name == "br":
            self.run.append("<br/>")
        elif name == "blockquote":
            self.quote(tag)
        elif name == "figure":
            self.figure(tag)
        elif name == "img":
            self.image(tag)
        elif name == "iframe":
            self.iframe(tag)
        elif name in MEDIA_TAGS:
            self.body.notes.append(f"a <{name}> player was left out")
        elif name == "table":
            self.table(tag)
        elif name == "pre":
            self.end_paragraph()
            lines = tag.get_text().strip("\n").split("\n")
            self.rich.append("<p>" + "<br/>".join(html.escape(line) for line in lines) + "</p>")
        elif name in BLOCK_TAGS:
            self.end_paragraph()
            self.walk(tag, autop=autop)
            self.end_paragraph()
        elif tag.find(list(BLOCK_TAGS) + ["img", "iframe"]):
            self.walk(tag, autop=autop)  # e.g. a link around an image: the image stands alone
        else:
            self.run.append(str(tag))

    def heading(self, tag):
        text = _text(tag)
        for image in tag.find_all("img"):
            self.image(image)
        if not text:
            return
        if len(text) > HEADING_MAX:  # too long for a heading block: bold prose instead
            self.end_paragraph()
            self.rich.append(f"<p><b>{html.escape(text)}</b></p>")
            return
        self.add("heading", {"text": text, "level": HEADING_LEVELS[tag.name.lower()]})

    def quote(self, tag):
        if _classes(tag) & SOCIAL_QUOTES:
            link = next((a["href"] for a in tag.find_all("a", href=True)[::-1]), "")
            if link and self.embed_ok(link):
                self.add("embed", link)
                return
        attribution = ""
        for cite in tag.find_all(["cite", "footer"]):
            attribution = attribution or _text(cite)
            cite.extract()
        paragraphs = [_text(p) for p in tag.find_all("p")] or [_text(tag)]
        quote = "\n\n".join(p for p in paragraphs if p)
        if len(attribution) > ATTRIBUTION_MAX:
            quote, attribution = f"{quote}\n\n— {attribution}", ""
        if quote:
            self.add("quote", {"quote": quote, "attribution": attribution})

    def figure(self, tag):
        url = tag.get("data-wp-embed")
        if url is not None:
            self.embed(html.unescape(url))
            return
        if "wp-block-embed" in _classes(tag):
            wrapper_text = _text(tag)
            if BARE_URL.match(wrapper_text):
                self.embed(wrapper_text)
                return
        inner_figures = tag.find_all("figure")
        images = tag.find_all("img")
        caption = tag.find("figcaption", recursive=False)
        if len(images) == 1 and not inner_figures:
            self.image(images[0], caption=_text(caption) if caption else "")
            return
        self.end_paragraph()
        self.walk(tag, autop=False)
        self.end_paragraph()

    def embed(self, url):
        url = url.strip()
        if url and self.embed_ok(url):
            self.add("embed", url)
        elif url.startswith(("http://", "https://")):
            self.end_paragraph()
            safe = html.escape(url)
            self.rich.append(f'<p><a href="{safe}">{safe}</a></p>')
            self.body.notes.append(f"an embed no provider answered for became a link: {url[:80]}")

    def iframe(self, tag):
        src = tag.get("src", "")
        url = player_url(src) if src else None
        if url and self.embed_ok(url):
            self.add("embed", url)
        else:
            host = urlparse(src).netloc or "no source"
            self.body.notes.append(f"an <iframe> ({host}) was left out")

    def table(self, tag):
        self.end_paragraph()
        for row in tag.find_all("tr"):
            cells = [_text(cell) for cell in row.find_all(["th", "td"])]
            cells = [cell for cell in cells if cell]
            if cells:
                self.rich.append(f"<p>{html.escape(' · '.join(cells))}</p>")
        self.body.notes.append("a table became paragraphs (one per row)")

    def image(self, tag, caption=""):
        attachment_id = tag.get("data-wp-attachment") or tag.get("data-id") or ""
        if not attachment_id:
            found = ATTACHMENT_CLASS.search(" ".join(_classes(tag)))
            attachment_id = found[1] if found else ""
        src = tag.get("src", "")
        ref = self.images.find(attachment_id, src)
        if ref is None:
            self.body.missing_images.append(src or f"attachment {attachment_id}")
            return
        alt = " ".join((tag.get("alt") or "").split()) or ref.alt or ref.title
        self.body.image_pks.append(ref.pk)
        self.add(
            "image",
            {
                # Wagtail's ImageBlock: the image and its alt text in this place.
                "image": {
                    "image": ref.pk,
                    "decorative": False,
                    "alt_text": excerpt(alt, ALT_MAX - 1),
                },
                "caption": excerpt(caption, CAPTION_MAX - 1) if caption else "",
            },
        )


def to_blocks(fragment, images, embed_ok, old_hosts=()):
    return Converter(images, embed_ok, old_hosts).convert(fragment)
