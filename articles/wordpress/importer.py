"""One import run: read the export, write everything in one transaction, report.

One transaction for the whole run: a failure anywhere (a bug, the database going away, Ctrl-C)
rolls everything back, so the database is as it was before the run, and the image files copied
so far are deleted. Running again is always safe: what an earlier run imported is matched by its
WordPress id (articles.ImportedItem) and updated only if it changed. `dry_run` does all the work
inside the transaction and rolls it back, copying no file, so its report is the real one.
After the commit, the article search documents are rebuilt (the search app's
rebuild_search_documents command, by name: articles does not import the search app).
"""

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.core.management import call_command
from django.db import transaction
from tqdm import tqdm
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.finders import get_finders

from articles.models import ArticleIndexPage

from . import wxr
from .comments import Comments
from .ledger import Ledger
from .media import Images
from .pages import Pages
from .redirects import Redirects
from .report import Report
from .taxonomy import Tags, Topics, import_authors

IMPORTED_TYPES = {"post", "page"}
QUIET_TYPES = {"attachment", "revision", "nav_menu_item", "wp_block", "customize_changeset"}


class ImportFailed(Exception):
    """The run stopped and was rolled back; the message says where and why."""


class _DryRunRollback(Exception):
    pass


@dataclass
class Run:
    export: wxr.Export
    media_dir: str | None
    dry_run: bool
    index: ArticleIndexPage
    report: Report
    ledger: Ledger = None
    images: Images = None
    topics: Topics = None
    tags: Tags = None
    authors: dict = field(default_factory=dict)
    attached: dict = field(default_factory=dict)  # post id -> its attachments (galleries)
    current: str = "the start"
    embeds: dict = field(default_factory=dict)  # URL -> whether an embed block can show it

    def __post_init__(self):
        self.home = self.index.get_parent().specific
        self.site = self.index.get_site()
        self.root_url_path = self.site.root_page.url_path if self.site else self.home.url_path
        hosts = set()
        for url in (self.export.base_site_url, self.export.base_blog_url, self.export.link):
            host = urlparse(url).netloc.lower()
            if host:
                hosts |= {host, host.removeprefix("www."), "www." + host.removeprefix("www.")}
        self.old_hosts = hosts

    def embed_ok(self, url):
        """Whether an embed block can show the URL: one of Wagtail's finders knows it and the
        provider answers (Wagtail refuses to publish an embed it cannot fetch; the answer is
        cached in its Embed table, so the page's validation and rendering reuse it)."""
        if url not in self.embeds:
            try:
                known = any(finder.accept(url) for finder in get_finders())
                self.embeds[url] = known and bool(get_embed(url).html)
            except EmbedException:
                self.embeds[url] = False
        return self.embeds[url]


def run_import(path, media_dir=None, dry_run=False, progress=True):
    """Import the WXR file at `path`; returns the Report. Raises wxr.WXRError for a file that
    cannot be imported and ImportFailed when the run stopped (nothing saved either way)."""
    export = wxr.scan(path)
    index = ArticleIndexPage.objects.first()
    if index is None:
        raise ImportFailed(
            "There is no article index page (/articles/) to import posts into: create it in "
            "the admin, or run load_demo_content, then import again."
        )
    run = Run(export, media_dir, dry_run, index, Report(export.source, dry_run))
    try:
        with transaction.atomic():
            _import(run, path, progress)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    except wxr.WXRError:
        _discard_files(run)
        raise
    except Exception as error:
        _discard_files(run)
        raise ImportFailed(
            f"The import stopped at {run.current} ({type(error).__name__}: {error}). "
            "Nothing was saved: the database is as it was before the run."
        ) from error
    except BaseException:  # Ctrl-C: rolled back too
        _discard_files(run)
        raise
    if not dry_run and _articles_changed(run.report):
        call_command("rebuild_search_documents", no_progress=True, stdout=_Null())
    return run.report


def _discard_files(run):
    if run.images is not None:
        run.images.delete_stored_files()


def _articles_changed(report):
    return (
        any(outcome in ("created", "updated") for _, outcome in report.counts["Articles"])
        or report.total("Authors", "updated")
        or report.total("Topics", "updated")
    )


def _import(run, path, progress):
    export, report = run.export, run.report
    run.ledger = Ledger(export.source)
    run.current = "the authors"
    run.authors = import_authors(run)
    run.current = "the categories"
    run.topics = Topics(run)
    run.topics.load(export.categories)
    run.tags = Tags(run)
    run.current = "the attachments"
    run.images = Images(run)
    run.images.load(export.attachments)
    run.attached = defaultdict(list)
    for wp_id, attachment in export.attachments.items():
        run.attached[attachment.parent_id].append(wp_id)
    pages, comments = Pages(run), Comments(run)
    redirects = Redirects(run)
    total = sum(export.post_types[kind] for kind in IMPORTED_TYPES)
    with tqdm(
        total=total, unit="item", disable=not progress, file=sys.stderr, desc="Importing"
    ) as bar:
        for item in wxr.items(path):
            if item.post_type not in IMPORTED_TYPES:
                if item.post_type not in QUIET_TYPES:
                    report.skip(item.label(), f"post type “{item.post_type}” is not imported")
                continue
            run.current = item.label()
            page, new = pages.import_item(item)
            if page is not None:
                if item.post_type == "post":
                    fallback_date = item.date or page.latest_revision_created_at
                    comments.import_for(page.pk, item, new, fallback_date)
                if page.live or page.go_live_at:
                    redirects.for_item(item, page)
            bar.update()
    run.current = "the redirects"
    redirects.for_topics(run.topics)
    redirects.for_authors(run.authors)
    redirects.for_feeds()
    redirects.for_uploads(run.images)
    redirects.save()
    run.current = "the import records"
    run.ledger.save()
    run.current = "the end"


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
