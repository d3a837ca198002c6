"""Reading a WordPress eXtended RSS (WXR 1.1/1.2) export, as Tools › Export writes it.

The file is read twice, streaming, with defusedxml's parser (entity declarations and external
references are refused, so a hostile file cannot expand into gigabytes or read local files):
`scan()` checks the whole file and collects what posts refer to (authors, categories, tags,
attachments, reusable blocks), then `items()` yields the posts and pages one at a time with their
comments, so memory stays flat however large the archive. A file that is not WXR, is cut short or
has an unknown version raises WXRError, whose message is meant for the person running the import.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone

SUPPORTED_VERSIONS = {"1.1", "1.2"}
WP_NAMESPACE = re.compile(r"^http://wordpress\.org/export/\d+\.\d+/$")
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}


class WXRError(Exception):
    """The file cannot be imported; the message says why, in words for a person."""


@dataclass
class Author:
    login: str
    wp_id: str = ""
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category (with its parent's slug) or a tag."""

    term_id: str
    slug: str
    name: str
    parent_slug: str = ""
    description: str = ""


@dataclass
class Comment:
    wp_id: str
    author: str = ""
    email: str = ""
    url: str = ""
    date: datetime | None = None
    content: str = ""
    approved: str = ""
    type: str = ""
    parent_id: str = "0"


@dataclass
class Item:
    wp_id: str
    post_type: str = ""
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime | None = None
    modified: datetime | None = None
    slug: str = ""
    status: str = ""
    parent_id: str = "0"
    password: str = ""
    comment_status: str = ""
    attachment_url: str = ""
    categories: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)

    def label(self):
        title = f" “{self.title[:60]}”" if self.title else ""
        return f"{self.post_type or 'item'} {self.wp_id}{title}"


@dataclass
class Export:
    """What the channel says, and the items other items refer to."""

    version: str = ""
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: dict = field(default_factory=dict)  # login -> Author
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    attachments: dict = field(default_factory=dict)  # wp_id -> Item
    reusable_blocks: dict = field(default_factory=dict)  # wp_id -> content
    post_types: Counter = field(default_factory=Counter)
    comment_count: int = 0

    @property
    def source(self):
        """The site the export came from, the key of what it imported (ImportedItem.source)."""
        return (self.base_blog_url or self.base_site_url or self.link).rstrip("/")[:200]


@cache  # a file has a few dozen distinct tags, and millions of elements
def _name(tag):
    """ "{uri}local" as "prefix:local" for the namespaces WXR uses, "local" without one."""
    if not tag.startswith("{"):
        return tag
    uri, local = tag[1:].split("}", 1)
    if uri.endswith("/excerpt/") and WP_NAMESPACE.match(uri[: -len("excerpt/")]):
        return f"excerpt:{local}"
    if WP_NAMESPACE.match(uri):
        return f"wp:{local}"
    prefix = PREFIXES.get(uri)
    return f"{prefix}:{local}" if prefix else local


def _text(element):
    return (element.text or "").strip() if element is not None else ""


def _raw(element):
    """Text whose whitespace matters (post and comment content)."""
    return (element.text or "") if element is not None else ""


def _children(element):
    return {_name(child.tag): child for child in element}


def parse_date(value, utc):
    """A WordPress date ("2020-03-02 15:04:05"); None for "0000-00-00 …" or nonsense. `utc`:
    the *_gmt fields; others are the site's local time, taken in the project's time zone."""
    try:
        parsed = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    if utc:
        return parsed.replace(tzinfo=UTC)
    return timezone.make_aware(parsed)


def _date(values, name):
    return parse_date(_text(values.get(f"wp:{name}_gmt")), True) or parse_date(
        _text(values.get(f"wp:{name}")), False
    )


def _author(element):
    values = _children(element)
    get = lambda name: _text(values.get(f"wp:author_{name}"))  # noqa: E731
    return Author(
        login=get("login"),
        wp_id=get("id"),
        display_name=get("display_name"),
        email=get("email"),
        first_name=get("first_name"),
        last_name=get("last_name"),
    )


def _category(element):
    values = _children(element)
    return Term(
        term_id=_text(values.get("wp:term_id")),
        slug=_text(values.get("wp:category_nicename")),
        name=_text(values.get("wp:cat_name")),
        parent_slug=_text(values.get("wp:category_parent")),
        description=_text(values.get("wp:category_description")),
    )


def _tag(element):
    values = _children(element)
    return Term(
        term_id=_text(values.get("wp:term_id")),
        slug=_text(values.get("wp:tag_slug")),
        name=_text(values.get("wp:tag_name")),
    )


def _comment(element):
    values = _children(element)
    get = lambda name: _text(values.get(f"wp:comment_{name}"))  # noqa: E731
    return Comment(
        wp_id=get("id"),
        author=get("author"),
        email=get("author_email"),
        url=get("author_url"),
        date=_date(values, "comment_date"),
        content=_raw(values.get("wp:comment_content")),
        approved=get("approved"),
        type=get("type"),
        parent_id=get("parent") or "0",
    )


def _item(element, with_comments=True):
    item = Item(wp_id="")
    for child in element:
        name = _name(child.tag)
        if name == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), _text(child))
            )
        elif name == "wp:postmeta":
            meta = _children(child)
            item.meta[_text(meta.get("wp:meta_key"))] = _text(meta.get("wp:meta_value"))
        elif name == "wp:comment":
            if with_comments:
                item.comments.append(_comment(child))
    values = _children(element)
    item.wp_id = _text(values.get("wp:post_id"))
    item.post_type = _text(values.get("wp:post_type"))
    item.title = " ".join(_text(values.get("title")).split())
    item.link = _text(values.get("link"))
    item.guid = _text(values.get("guid"))
    item.creator = _text(values.get("dc:creator"))
    item.content = _raw(values.get("content:encoded"))
    item.excerpt = _raw(values.get("excerpt:encoded")).strip()
    item.date = _date(values, "post_date")
    item.modified = _date(values, "post_modified")
    item.slug = _text(values.get("wp:post_name"))
    item.status = _text(values.get("wp:status"))
    item.parent_id = _text(values.get("wp:post_parent")) or "0"
    item.password = _text(values.get("wp:post_password"))
    item.comment_status = _text(values.get("wp:comment_status"))
    item.attachment_url = _text(values.get("wp:attachment_url"))
    return item


def _events(path):
    """(event, element, parent name) over the file; errors as WXRError."""
    stack = []
    try:
        for event, element in iterparse(str(path), events=("start", "end")):
            if event == "start":
                if not stack and _name(element.tag) != "rss":
                    raise WXRError(
                        f"{path} is XML but not a WordPress export: its root element is "
                        f"<{_name(element.tag)}>, not <rss>. Export again with WordPress’s "
                        "Tools › Export."
                    )
                stack.append(_name(element.tag))
                continue
            stack.pop()
            yield element, _name(element.tag), stack[-1] if stack else ""
    except FileNotFoundError:
        raise WXRError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise WXRError(f"{path} is a directory; give the export’s .xml file.") from None
    except PermissionError:
        raise WXRError(f"{path} cannot be read (permission denied).") from None
    except DefusedXmlException as error:
        raise WXRError(
            f"{path} declares XML entities or external references ({type(error).__name__}), "
            "which WordPress exports never contain; refusing to read it."
        ) from None
    except ParseError as error:
        line, column = error.position
        if line <= 1 and column == 0:
            raise WXRError(f"{path} is not XML, so not a WordPress export.") from None
        raise WXRError(
            f"{path} is not well-formed XML at line {line}, column {column} "
            f"({str(error).split(':')[0]}). If the file was cut short, export it again."
        ) from None


def _check_version(export, path):
    if not export.version:
        raise WXRError(
            f"{path} is not a WordPress export (WXR): it has no <wp:wxr_version>. "
            "An RSS feed is not enough; use WordPress’s Tools › Export."
        )
    if export.version not in SUPPORTED_VERSIONS:
        raise WXRError(
            f"{path} is WXR version {export.version[:20]}, which this importer does not "
            f"know; it reads versions {', '.join(sorted(SUPPORTED_VERSIONS))}."
        )


CHANNEL_FIELDS = {
    "title": "title",
    "link": "link",
    "wp:wxr_version": "version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}


def scan(path):
    """Read the whole file once: check it, and collect the channel and the referenced items."""
    export = Export()
    seen_channel = False
    for element, name, parent in _events(path):
        if parent == "rss" and name == "channel":
            seen_channel = True
        if parent != "channel":
            continue
        if name in CHANNEL_FIELDS:
            setattr(export, CHANNEL_FIELDS[name], _text(element))
        elif name == "wp:author":
            author = _author(element)
            if author.login:
                export.authors[author.login] = author
        elif name == "wp:category":
            export.categories.append(_category(element))
        elif name == "wp:tag":
            export.tags.append(_tag(element))
        elif name == "item":
            _check_version(export, path)
            item = _item(element, with_comments=False)
            export.post_types[item.post_type or "(none)"] += 1
            export.comment_count += sum(1 for child in element if _name(child.tag) == "wp:comment")
            if item.post_type == "attachment":
                export.attachments[item.wp_id] = item
            elif item.post_type == "wp_block":
                export.reusable_blocks[item.wp_id] = item.content
        else:
            continue
        element.clear()
    if not seen_channel:
        raise WXRError(f"{path} is RSS without a <channel>, so not a WordPress export.")
    _check_version(export, path)
    return export


def items(path):
    """The items of the file, one at a time, with their comments (after scan() checked it)."""
    for element, name, parent in _events(path):
        if parent == "channel" and name == "item":
            item = _item(element)
            element.clear()
            yield item
