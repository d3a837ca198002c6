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
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlparse

from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalManyToManyField
from modelsearch.index import RelatedFields
from modelsearch.signal_handlers import post_save_signal_handler
from tqdm import tqdm
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.finders import get_finders
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from articles.models import ArticleIndexPage, ArticlePage
from home.frame import forget_frame
from home.frontend_cache import SITE_KEY, purge_keys
from home.models import StandardPage

from . import wxr
from .comments import Comments
from .ledger import Ledger
from .media import Images
from .pages import Pages
from .redirects import Redirects
from .report import Report
from .taxonomy import Tags, Topics, import_authors

IMPORTED_TYPES = {"post", "page"}
INDEX_BATCH = 500
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
    written: dict = field(default_factory=lambda: defaultdict(set))  # model -> pks to index
    referenced: dict = field(default_factory=lambda: defaultdict(set))  # reference index done

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
    started = time.perf_counter()
    export = wxr.scan(path)
    read = time.perf_counter() - started
    index = ArticleIndexPage.objects.first()
    if index is None:
        raise ImportFailed(
            "There is no article index page (/articles/) to import posts into: create it in "
            "the admin, or run load_demo_content, then import again."
        )
    run = Run(export, media_dir, dry_run, index, Report(export.source, dry_run))
    run.report.timings.append(("reading the file", read))
    try:
        with transaction.atomic(), indexing_deferred(run):
            with timed(run, "writing"):
                _import(run, path, progress)
            run.current = "the search index"
            with timed(run, "Wagtail’s search and reference indexes"):
                index_written(run)
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
        with timed(run, "article search documents"):
            call_command("rebuild_search_documents", no_progress=True, stdout=_Null())
    if not dry_run:
        # Pages were written in bulk, without Wagtail's publish signals that purge one page at
        # a time: every listing may have changed, so the whole page cache goes, and the cached
        # frame (Recent Comments, topics: home/frame.py) is read again.
        purge_keys(SITE_KEY)
        forget_frame()
    return run.report


@contextmanager
def timed(run, phase):
    started = time.perf_counter()
    yield
    run.report.timings.append((phase, time.perf_counter() - started))


def deferred_models():
    return [ArticlePage, StandardPage, get_image_model()]


@contextmanager
def indexing_deferred(run):
    """Wagtail updates its search index and reference index on every save: three or four times
    for each imported page (add_child, save_revision, publish). The import turns that off for
    its pages and images and indexes each once (index_written), in bulk."""
    models = deferred_models()
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


def prefetched(queryset):
    """The queryset with the many-to-many fields its search fields read prefetched: the index
    prefetches only Django's own (not modelcluster's ParentalManyToManyField), so indexing an
    article cost five queries per author and topic field."""
    names = [
        field.field_name
        for field in queryset.model.get_search_fields()
        if isinstance(field, RelatedFields)
        and isinstance(field.get_field(queryset.model), ParentalManyToManyField)
    ]
    return queryset.prefetch_related(*names)


def index_written(run):
    """Wagtail's search index (admin search) and reference index (usage) for what was written."""
    backends = list(get_search_backends(with_auto_update=True))
    for model in deferred_models():
        pks = sorted(run.written.get(model, ()))
        for start in range(0, len(pks), INDEX_BATCH):
            chunk = pks[start : start + INDEX_BATCH]
            objects = list(prefetched(model.get_indexed_objects()).filter(pk__in=chunk))
            for backend in backends:
                backend.add_bulk(model, objects)
            if ReferenceIndex.model_is_indexable(model):
                for instance in objects:
                    if instance.pk not in run.referenced[model]:
                        ReferenceIndex.create_or_update_for_object(instance)


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

            def written(page, new, changed, item=item):
                run.current = item.label()
                if changed:
                    run.written[type(page)].add(page.pk)
                if item.post_type == "post":
                    fallback_date = item.date or page.latest_revision_created_at
                    comments.import_for(page.pk, item, new, fallback_date)
                if page.live or page.go_live_at:
                    redirects.for_item(item, page)

            pages.import_item(item, written)
            bar.update()
    run.current = "the last new articles"
    pages.batch.flush()
    pages.save_restrictions()
    run.current = "the last comments"
    comments.flush()
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
