"""Permanent redirects (wagtail.contrib.redirects) from every old WordPress URL to its new page.

Posts and pages: their permalink (`<link>`), `?p=<id>` (and `?page_id=<id>` for pages) and the
guid. Categories: /category/<parents>/<slug>/, /category/<slug>/, `?cat=<id>` and their feeds, to
the topic page and feed. Authors: /author/<login>/ and `?author=<id>`. The site feed (/feed/,
/feed/rss2/, /feed/atom/, `?feed=rss2` …) to /articles/feed/. Image files
(/wp-content/uploads/…) to the imported original. An old path that already redirects somewhere
else is left alone and reported. `?p=` URLs on "/" reach their redirect through
articles.middleware (Wagtail's middleware looks only when a page answers 404, and "/" is the
home page).
"""

from urllib.parse import urlparse

from django.db.models import Q
from django.urls import Resolver404, resolve
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page
from wagtail.views import serve

from .taxonomy import author_login_slug

BATCH = 1000
PATH_MAX = 255
FEEDS = ["feed", "feed/rss2", "feed/rss", "feed/atom", "feed/rdf", "rss"]
FEED_QUERIES = ["rss2", "rss", "atom", "rdf"]


class Redirects:
    def __init__(self, run):
        self.run = run
        self.site = run.site
        base = run.export.base_blog_url or run.export.base_site_url or run.export.link
        self.prefix = urlparse(base).path.rstrip("/")  # WordPress in a subdirectory: /blog
        self.root_slugs = set(run.home.get_children().values_list("slug", flat=True))
        self.pending = []
        self.seen = set()  # paths handled in this run
        self.existing = {}
        rows = Redirect.objects.filter(Q(site=self.site) | Q(site=None)).values_list(
            "old_path", "redirect_page_id", "redirect_page_route_path", "redirect_link"
        )
        for old_path, page_id, route, link in rows.iterator(chunk_size=BATCH):
            self.existing[old_path] = (page_id, route or "", link or "")

    def add(self, label, old, page_id=None, route="", link="", own_path=None):
        if not old:
            return
        path = Redirect.normalise_path(old)
        if path == "/" or (own_path and path == Redirect.normalise_path(own_path)):
            return  # the new URL is the old one: nothing to redirect
        if len(path) > PATH_MAX:
            self.run.report.note(label, f"old URL too long for a redirect: {path[:80]}…")
            return
        if path in self.seen:
            return
        self.seen.add(path)
        if self.answered_here(path):
            self.run.report.note(label, f"{path}/ is answered by this site itself: no redirect")
            return
        target = (page_id, route, link)
        current = self.existing.get(path)
        if current == target:
            self.run.report.count("Redirects", "", "unchanged")
            return
        if current is not None:
            self.run.report.note(label, f"{path} already redirects elsewhere: left as it is")
            self.run.report.count("Redirects", "", "left as they were")
            return
        self.existing[path] = target
        self.pending.append(
            Redirect(
                old_path=path,
                site=self.site,
                redirect_page_id=page_id,
                redirect_page_route_path=route,
                redirect_link=link,
                is_permanent=True,
            )
        )
        self.run.report.count("Redirects", "", "created")
        if len(self.pending) >= BATCH:
            self.save()

    def answered_here(self, path):
        """Whether the site serves the old path itself (a view such as /search/, or a page),
        so a redirect from it would never be used (Wagtail redirects only what answers 404).
        Paths with a query string are WordPress's own (?p=…): the middleware answers them."""
        if "?" in path:
            return False
        try:
            match = resolve(path + "/")
        except Resolver404:
            return False
        if match.func is not serve:
            return True
        first = path.strip("/").split("/", 1)[0]
        if first not in self.root_slugs:
            return False
        return Page.objects.filter(url_path=f"{self.run.root_url_path}{path.strip('/')}/").exists()

    def save(self):
        Redirect.objects.bulk_create(self.pending, batch_size=BATCH)
        self.pending = []

    def local(self, path):
        return f"{self.prefix}/{path.lstrip('/')}"

    def for_item(self, item, page):
        """A post's or page's old URLs, to the page."""
        label = item.label()
        own = page.url_path  # e.g. /home/articles/slug/, made relative below
        root = self.run.root_url_path
        own_path = "/" + own[len(root) :] if own.startswith(root) else None
        candidates = [item.link, self.local(f"?p={item.wp_id}")]
        if item.post_type == "page":
            candidates.append(self.local(f"?page_id={item.wp_id}"))
        if item.guid.startswith(("http://", "https://")):
            candidates.append(item.guid)
        for old in dict.fromkeys(candidates):
            self.add(label, old, page_id=page.pk, own_path=own_path)

    def for_topics(self, topics):
        index = self.run.index
        for nicename, term_id in topics.term_ids.items():
            slug = topics.topic_slug.get(nicename)
            if not slug:
                continue
            route, feed = f"/topics/{slug}/", f"/topics/{slug}/feed/"
            label = f"category {nicename}"
            chain = "/".join(reversed(topics.path(nicename)))
            for path in dict.fromkeys([chain, nicename]):
                self.add(label, self.local(f"category/{path}/"), index.pk, route)
                self.add(label, self.local(f"category/{path}/feed/"), index.pk, feed)
            if term_id:
                self.add(label, self.local(f"?cat={term_id}"), index.pk, route)

    def for_authors(self, authors):
        index = self.run.index
        for login, author in authors.items():
            route = f"/authors/{author.slug}/"
            label, wp_id = f"author {login}", self.run.export.authors[login].wp_id
            self.add(label, self.local(f"author/{author_login_slug(login)}/"), index.pk, route)
            if wp_id:
                self.add(label, self.local(f"?author={wp_id}"), index.pk, route)

    def for_feeds(self):
        index = self.run.index
        for path in FEEDS:
            self.add("feed", self.local(f"{path}/"), index.pk, "/feed/")
        for name in FEED_QUERIES:
            self.add("feed", self.local(f"?feed={name}"), index.pk, "/feed/")

    def for_uploads(self, images):
        if self.run.dry_run:
            return
        for wp_id, (url, image) in images.urls.items():
            if url:
                # A full-size rendition: original files are not served (docs/security.md).
                link = image.get_rendition("original").url
                self.add(f"attachment {wp_id}", url, link=link)
