"""WordPress authors → Author snippets, categories → Topic snippets, tags → Wagtail tags.

Authors are matched by login on re-runs (a new login is a new author even if the name is the
same: two people may share one). Categories adopt an existing topic with the same slug or name
(one subject, one topic) and are otherwise created. Nested categories stay flat topics: a post
in "Anxiety › Panic" gets both topics, so the parent's topic page lists it too.
"""

import re
from urllib.parse import unquote

from anyascii import anyascii
from django.db.models import Q
from django.utils.text import slugify
from taggit.models import Tag

from articles.models import Author, Topic
from home.sanitize import plain_text

from .ledger import digest

AUTHOR_NAME_MAX, TOPIC_MAX, TAG_MAX = 120, 80, 100


def ascii_slug(value, max_length):
    """An ASCII slug (topic and author routes take only these), from any script."""
    return slugify(anyascii(unquote(value)))[:max_length].strip("-")


def unique_slug(base, taken, max_length=80):
    """`base`, or `base-2`, `base-3` … whichever is not taken; marks it taken."""
    base = base[:max_length].strip("-") or "item"
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = base[: max_length - len(suffix)].rstrip("-") + suffix
    taken.add(slug)
    return slug


def clean_name(value, max_length):
    return " ".join(plain_text(value).split())[:max_length]


def author_name(wp):
    full = " ".join(part for part in (wp.first_name, wp.last_name) if part)
    return clean_name(wp.display_name or full or wp.login, AUTHOR_NAME_MAX) or wp.login


def import_authors(run):
    """{login: Author} for every author of the export."""
    taken = set(Author.objects.values_list("slug", flat=True))
    authors = {}
    for login, wp in run.export.authors.items():
        name = author_name(wp)
        item_digest = digest({"name": name})
        entry = run.ledger.get("author", login)
        author = Author.objects.filter(pk=entry.object_id).first() if entry else None
        if author is None:
            base = ascii_slug(login, 120) or ascii_slug(name, 120) or f"author-{wp.wp_id}"
            slug = unique_slug(base, taken, 120)
            if slug != base:
                run.report.note(f"author {login}", f"slug “{base}” was taken: now “{slug}”")
            author = Author.objects.create(name=name, slug=slug)
            run.report.count("Authors", "", "created")
        elif entry.digest != item_digest:
            author.name = name
            author.save(update_fields=["name"])
            run.report.count("Authors", "", "updated")
        else:
            run.report.count("Authors", "", "unchanged")
        run.ledger.record("author", login, author.pk, item_digest)
        authors[login] = author
    return authors


class Topics:
    """Categories as topics: created once, looked up by the nicename posts use."""

    def __init__(self, run):
        self.run = run
        self.topic = {}  # nicename -> topic pk
        self.objects = {}  # topic pk -> Topic
        self.topic_slug = {}  # nicename -> topic slug
        self.parent = {}  # nicename -> parent nicename
        self.term_ids = {}  # nicename -> WordPress term id
        self.taken = set(Topic.objects.values_list("slug", flat=True))

    def load(self, categories):
        for term in categories:
            if term.slug:
                self.parent[term.slug] = term.parent_slug
                self.term_ids[term.slug] = term.term_id
        for term in categories:
            if term.slug:
                self.ensure(term.slug, term.name, term.description)

    def ensure(self, nicename, name, description=""):
        if nicename in self.topic:
            return self.topic[nicename]
        name = clean_name(name or unquote(nicename), TOPIC_MAX) or nicename[:TOPIC_MAX]
        description = plain_text(description).strip()
        key = self.term_ids.get(nicename) or f"slug:{nicename}"
        item_digest = digest({"name": name, "description": description})
        entry = self.run.ledger.get("category", key)
        topic = Topic.objects.filter(pk=entry.object_id).first() if entry else None
        if topic is None:
            base = ascii_slug(nicename, TOPIC_MAX) or ascii_slug(name, TOPIC_MAX) or "topic"
            topic = Topic.objects.filter(Q(slug=base) | Q(name__iexact=name)).first()
            if topic is not None:
                self.run.report.count("Topics", "", "matched an existing topic")
            else:
                slug = unique_slug(base, self.taken, TOPIC_MAX)
                topic = Topic.objects.create(name=name, slug=slug, description=description)
                self.run.report.count("Topics", "", "created")
        elif entry.digest != item_digest:
            self._update(topic, name, description)
        else:
            self.run.report.count("Topics", "", "unchanged")
        self.run.ledger.record("category", key, topic.pk, item_digest)
        self.topic[nicename] = topic.pk
        self.objects[topic.pk] = topic
        self.topic_slug[nicename] = topic.slug
        return topic.pk

    def _update(self, topic, name, description):
        if Topic.objects.filter(name__iexact=name).exclude(pk=topic.pk).exists():
            self.run.report.note(
                f"category {topic.slug}", f"renamed “{name}” in WordPress, a name another topic has"
            )
            name = topic.name
        topic.name, topic.description = name, description
        topic.save(update_fields=["name", "description"])
        self.run.report.count("Topics", "", "updated")

    def path(self, nicename):
        """The category and its ancestors, nearest first (a loop in the export is cut)."""
        chain = []
        while nicename and nicename not in chain:
            chain.append(nicename)
            nicename = self.parent.get(nicename, "")
        return chain

    def for_item(self, categories):
        """Topic pks of a post's categories and their ancestors."""
        pks = set()
        for domain, nicename, name in categories:
            if domain != "category" or not nicename:
                continue
            for slug in self.path(nicename):
                pks.add(self.ensure(slug, name if slug == nicename else ""))
        return sorted(pks)


class Tags:
    """Tag objects by name, created on first use."""

    def __init__(self, run):
        self.run = run
        self.cache = {}

    def for_item(self, categories):
        names = sorted(
            {
                clean_name(name or unquote(slug), TAG_MAX)
                for domain, slug, name in categories
                if domain == "post_tag"
            }
            - {""}
        )
        return [self.get(name) for name in names]

    def get(self, name):
        key = name.lower()
        if key not in self.cache:
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is None:
                tag = Tag.objects.create(name=name)
                self.run.report.count("Tags", "", "created")
            else:
                self.run.report.count("Tags", "", "already there")
            self.cache[key] = tag
        return self.cache[key]


def author_login_slug(login):
    """WordPress's author URL slug (user_nicename) for a login: lower case, unsafe characters
    dropped, as sanitize_title would."""
    return re.sub(r"[^a-z0-9_-]+", "-", login.lower()).strip("-")
