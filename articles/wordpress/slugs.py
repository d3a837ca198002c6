"""Slugs for imported pages: WordPress's own (post_name), made unique among the page's siblings.

A slug an article index route takes (topics, authors, feed) or one of the site's own URLs takes
at the root (admin, search, join …) would make the page unreachable; a duplicate would be
refused. Either gets the next free `-2`, `-3` …, with a line in the report. On a re-run a page
keeps the slug it was given.
"""

import re
from urllib.parse import unquote

from django.urls import get_resolver
from django.utils.text import slugify

from articles.models.article_page import ROUTE_SLUGS

from .taxonomy import unique_slug

SLUG_MAX = 200


def reserved_root_slugs():
    """First path segments the site's own URLs take before Wagtail's pages."""
    reserved = set()

    def visit(patterns):
        for pattern in patterns:
            text = str(pattern.pattern).lstrip("^")
            if not text and hasattr(pattern, "url_patterns"):
                visit(pattern.url_patterns)
            segment = text.split("/", 1)[0].rstrip("$")
            if segment and re.fullmatch(r"[\w.-]+", segment):
                reserved.add(segment)

    visit(get_resolver().url_patterns)
    return reserved


class Slugs:
    def __init__(self, run):
        self.run = run
        self.taken = {}  # parent pk -> slugs in use (and reserved)
        self.root_reserved = reserved_root_slugs()

    def under(self, parent):
        if parent.pk not in self.taken:
            taken = set(parent.get_children().values_list("slug", flat=True))
            taken |= ROUTE_SLUGS if parent.pk == self.run.index.pk else set()
            taken |= self.root_reserved if parent.pk == self.run.home.pk else set()
            self.taken[parent.pk] = taken
        return self.taken[parent.pk]

    def plan(self, item, title, parent, current=None):
        base = slugify(unquote(item.slug), allow_unicode=True) or slugify(title, allow_unicode=True)
        base = (base or f"{item.post_type}-{item.wp_id}")[:SLUG_MAX]
        if current and re.fullmatch(re.escape(base) + r"(-\d+)?", current):
            return current  # the slug it was given, e.g. after a collision, stays
        taken = self.under(parent)
        taken.discard(current)
        slug = unique_slug(base, taken, SLUG_MAX)
        if slug != base:
            why = (
                "is taken by the site’s own pages"
                if base in ROUTE_SLUGS | self.root_reserved
                else "was already used"
            )
            self.run.report.note(item.label(), f"slug “{base}” {why}: now “{slug}”")
        return slug
