"""New articles written below the article index in batches, the way Wagtail would write them one
by one, in a handful of queries per batch.

Creating a page through Wagtail costs some fifty queries (add_child's validation and tree
update, the cluster and many-to-many saves, save_revision's second save, publish's third, the
log entries), about 0.1 s: an archive of 10,000 posts would take most of an hour. Each new
article is validated first as Wagtail validates it (`full_clean` for a page going live, the
title and slug for a draft, the slug against its siblings either way); then a batch gets its
tree paths (treebeard's materialised path, the next free steps below the index), its rows
(the page table with bulk_create, the article table in one INSERT: Django has no bulk_create for
multi-table inheritance), its authors, topics and tags, its first revision (the live one, or the
one approved to go live for a scheduled article), and the "created" and "published" entries of
its history. Updates of existing pages still go through save_revision and publish (pages.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision

from articles.models import ArticlePage, ArticlePageTag
from home.models import SiteSettings

BATCH = 200
# Fields whose validation would only look up rows the import itself chose (each a query).
NOT_VALIDATED = [
    "content_type",
    "locale",
    "owner",
    "locked_by",
    "alias_of",
    "latest_revision",
    "live_revision",
    "hero_image",
    "path",
    "depth",
    "numchild",
    "url_path",
    "translation_key",
]


class NewArticles:
    def __init__(self, parent, referenced):
        self.parent = parent
        self.referenced = referenced  # pks whose reference index entries are written here
        self.pending = []  # (page, target, callback)
        self.last_step = None
        self.page_type = ContentType.objects.get_for_model(Page)

    def validate(self, page, target):
        """Wagtail's validation of the page, before anything is written (ValidationError)."""
        page.depth = self.parent.depth + 1
        page._cached_parent_obj = self.parent  # get_parent() for the slug check, no query
        page.locale_id = self.parent.locale_id
        for relation in get_all_child_relations(page):  # none yet: no query to find out
            name = relation.get_accessor_name()
            if not getattr(page, name).is_deferring:
                setattr(page, name, [])
        if target == "draft":
            page.minimal_clean()
        else:
            page.full_clean(
                exclude=NOT_VALIDATED, validate_unique=False, validate_constraints=False
            )

    def add(self, page, target, callback):
        """Queue a validated page; `callback(page)` runs once it is written."""
        self.pending.append((page, target, callback))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self):
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        now = timezone.now()
        # What ArticlePage.save would do: an imported article is due for its first clinical
        # review one interval after its WordPress date (docs/articles.md, "Review dates").
        months = SiteSettings.objects.values_list("review_interval_months", flat=True).first()
        for page, _, _ in batch:
            page.update_review_due(default_months=months)
        self.place([page for page, _, _ in batch])
        rows = [self.base_row(page) for page, _, _ in batch]
        Page.objects.bulk_create(rows)
        for (page, _, _), row in zip(batch, rows, strict=True):
            page.id = page.page_ptr_id = row.pk
            page._state.adding = False
        ArticlePage.objects._insert(
            [page for page, _, _ in batch], fields=ArticlePage._meta.local_concrete_fields
        )
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + len(batch))
        self.parent.numchild += len(batch)
        self.relations([page for page, _, _ in batch])
        revisions = [self.revision(page, target, now) for page, target, _ in batch]
        Revision.objects.bulk_create(revisions)
        for (page, _, _), revision in zip(batch, revisions, strict=True):
            page.latest_revision = revision
            page.live_revision = revision if page.live else None
        Page.objects.bulk_update(
            [self.base_row(page, pk=page.pk) for page, _, _ in batch],
            ["latest_revision", "live_revision", "latest_revision_created_at"],
        )
        PageLogEntry.objects.bulk_create(
            [entry for page, target, _ in batch for entry in self.history(page, target, now)]
        )
        for page, _, _ in batch:  # from the pages in memory: no query for their relations
            ReferenceIndex.create_or_update_for_object(page)
            self.referenced.add(page.pk)
        for page, _, callback in batch:
            callback(page)

    def place(self, pages):
        """Tree paths after the index's last child, and the URL paths below it."""
        if self.last_step is None:
            last = self.parent.get_children().order_by("-path").values_list("path").first()
            steplen = Page.steplen
            self.last_step = Page._str2int(last[0][-steplen:]) if last else 0
        for page in pages:
            self.last_step += 1
            page.path = Page._get_path(self.parent.path, self.parent.depth + 1, self.last_step)
            page.depth, page.numchild = self.parent.depth + 1, 0
            page.set_url_path(self.parent)

    def base_row(self, page, pk=None):
        """The page's row of the page table (its own fields are in the article table)."""
        fields = {
            field.attname: getattr(page, field.attname)
            for field in Page._meta.concrete_fields
            if field.attname != "id"
        }
        return Page(id=pk, **fields)

    def relations(self, pages):
        """Authors, topics and tags, as the pages' cluster would save them."""
        for name in ("authors", "topics"):
            through = getattr(ArticlePage, name).through
            page_column, other_column = (
                field.attname
                for field in through._meta.concrete_fields
                if field.is_relation and field.attname != "id"
            )
            through.objects.bulk_create(
                [
                    through(**{page_column: page.pk, other_column: other.pk})
                    for page in pages
                    for other in getattr(page, name).all()
                ]
            )
        ArticlePageTag.objects.bulk_create(
            [
                ArticlePageTag(content_object_id=page.pk, tag_id=tagged.tag_id)
                for page in pages
                for tagged in page.tagged_items.all()
            ]
        )

    def revision(self, page, target, now):
        page.latest_revision_created_at = now
        scheduled = target == "scheduled" and not page.live
        return Revision(
            content_type_id=page.content_type_id,
            base_content_type=self.page_type,
            object_id=str(page.pk),
            created_at=now,
            content=page.serializable_data(),
            object_str=str(page),
            approved_go_live_at=page.go_live_at if scheduled else None,
        )

    def history(self, page, target, now):
        """The entries Wagtail's create and publish (or schedule) actions would log."""
        common = {"content_type_id": page.content_type_id, "page_id": page.pk, "timestamp": now}
        label = page.get_admin_display_title()
        yield PageLogEntry(action="wagtail.create", label=label, content_changed=True, **common)
        revision = page.latest_revision
        if page.live:
            yield PageLogEntry(
                action="wagtail.publish",
                label=label,
                revision=revision,
                content_changed=True,
                **common,
            )
        elif target == "scheduled":
            data = {
                "revision": {
                    "id": revision.pk,
                    "created": now.isoformat(),
                    "go_live_at": page.go_live_at.isoformat(),
                    "has_live_version": False,
                }
            }
            yield PageLogEntry(
                action="wagtail.publish.schedule",
                label=label,
                revision=revision,
                data=data,
                **common,
            )
