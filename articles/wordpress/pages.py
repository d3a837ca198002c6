"""WordPress posts → article pages below the article index; pages → standard pages.

By `wp:status`: publish → live, shown with its WordPress date; draft and pending → drafts;
future → scheduled for its date (Wagtail's publish_scheduled makes it live); private → live,
visible only to signed-in Editors and Writers (a view restriction); a password-protected post
keeps its password (Wagtail's password restriction); trash, auto-drafts and revisions are skipped.
Every page is validated as Wagtail validates it and gets a revision and a history: new articles
in batches (bulk.py), new standard pages through add_child, changed pages through save_revision
and publish, each inside a savepoint. A page Wagtail refuses to publish is imported as a draft,
one it refuses altogether is reported, and the rest go on. An item whose export text has not
changed is not converted again; one changed here since the last import is left as it is.
"""

from datetime import UTC

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, PageViewRestriction

from articles.models import ArticlePage, ArticlePageTag
from articles.models.comments import excerpt
from home.groups import EDITORS, WRITERS
from home.models import StandardPage
from home.sanitize import plain_text

from .bulk import NewArticles
from .convert import to_blocks
from .ledger import digest
from .markup import resolve
from .slugs import Slugs

TARGETS = {
    "publish": "live",
    "private": "private",
    "future": "scheduled",
    "draft": "draft",
    "pending": "draft",
}
SKIPPED = {"trash": "in the trash", "auto-draft": "an unsaved auto-draft", "inherit": "a revision"}
TITLE_MAX, STANDFIRST_MAX, SUMMARY_MAX, ALT_MAX = 255, 400, 250, 250


LOOKED_UP = ["url_path", "live", "go_live_at", "latest_revision", "latest_revision_created_at"]
# Bumped when the conversion changes, so that a re-run converts every item again.
CONVERSION = 1


def raw_digest(item, media):
    """A hash of the item as the export has it (not its comments) and of the images the import
    has: an item whose hash is unchanged is skipped without being converted again."""
    fields = [item.post_type, item.title, item.content, item.excerpt, item.date, item.modified]
    fields += [item.slug, item.status, item.parent_id, item.password, item.comment_status]
    fields += [sorted(item.categories), item.creator, item.meta.get("_thumbnail_id", "")]
    return digest({"conversion": CONVERSION, "item": fields, "media": media})


def _messages(error):
    if hasattr(error, "error_dict"):
        return error.message_dict.items()
    return [("page", error.messages)]


def first_words(text, limit):
    return excerpt(text, limit - 1) if text else ""


class Pages:
    def __init__(self, run):
        self.run = run
        self.parents = run.ledger.ids("page")  # WordPress page id -> page pk
        self.private_groups = list(Group.objects.filter(name__in=[EDITORS, WRITERS]))
        self.slugs = Slugs(run)
        self.authors = {author.pk: author for author in run.authors.values()}
        self.batch = NewArticles(run.index, run.referenced[ArticlePage])
        self.new_restrictions = []

    # One item

    def import_item(self, item, then):
        """Import one post or page. `then(page, new, changed)` runs once it is written (at once,
        or for a new article when its batch is: bulk.py), or at once if it was left as it is;
        not at all for a skipped item."""
        run = self.run
        is_post = item.post_type == "post"
        section = "Articles" if is_post else "Pages"
        if item.status in SKIPPED:
            run.report.skip(item.label(), SKIPPED[item.status])
            run.report.count(section, item.status, "skipped")
            return
        kind = "post" if is_post else "page"
        model = ArticlePage if is_post else StandardPage
        item_digest = raw_digest(item, run.images.signature)
        entry = run.ledger.get(kind, item.wp_id)
        page = None
        if entry:  # what later steps read of an unchanged page (redirects, comments)
            page = model.objects.filter(pk=entry.object_id).only(*LOOKED_UP).first()
        if entry and page is None:
            run.report.note(item.label(), "deleted here since the last import: not imported again")
            run.report.count(section, item.status, "left deleted")
            return
        if page is not None and entry.digest == item_digest:
            run.report.count(section, item.status, "unchanged")
            then(page, False, False)
            return
        if page is not None and page.latest_revision_id != entry.revision_id:
            run.report.note(item.label(), "changed here since the last import: left as it is")
            run.report.count(section, item.status, "kept (edited here)")
            then(page, False, False)
            return
        target = TARGETS.get(item.status)
        if target is None:
            run.report.note(item.label(), f"unknown status “{item.status}”: imported as a draft")
            target = "draft"
        markup = resolve(item.content, run.export.reusable_blocks, run.attached.get(item.wp_id, ()))
        run.report.content(item.label(), markup)
        body = to_blocks(markup.body, run.images, run.embed_ok, run.old_hosts)
        for src in body.missing_images:
            why = run.images.why_missing(src)
            run.report.missing(item.label(), f"image {src[:100]} left out ({why})")
        for note in dict.fromkeys(body.notes):
            run.report.note(item.label(), note)
        text = " ".join(plain_text(markup.body).split())
        title = " ".join(plain_text(item.title).split())[:TITLE_MAX]
        if not title:
            if not text:
                run.report.skip(item.label(), "no title and no content")
                run.report.count(section, item.status, "skipped")
                return
            title = first_words(text, 60)
            run.report.note(item.label(), f"had no title: titled “{title}”")
        if target != "draft" and item.date is None:
            run.report.note(item.label(), "has no valid date: imported as a draft")
            target = "draft"
        if is_post:
            fields = self.article_fields(item, markup, body, text, title, target)
        else:
            fields = self.page_fields(item, body, text, title)
            if item.comments:
                run.report.count("Comments", "on pages", "skipped", len(item.comments))
        state = {"target": target, "password": item.password}
        parent = self.parent_for(item, is_post)
        new = page is None
        if not new:
            page = model.objects.get(pk=page.pk)
        fields["slug"] = self.slugs.plan(item, title, parent, None if new else page.slug)

        def written(page, state=state):
            self.restrict(page, state, new)
            if not is_post:
                self.parents[item.wp_id] = page.pk
            run.ledger.record(kind, item.wp_id, page.pk, item_digest, page.latest_revision_id)
            run.report.count(section, item.status, "created" if new else "updated")
            then(page, new, True)

        if new and is_post:
            self.queue_article(fields, state, item, written)
            return
        page = self.save(page, model, parent, fields, state, item)
        if page is None:
            run.report.count(section, item.status, "skipped")
            return
        written(page)

    def queue_article(self, fields, state, item, written):
        """A new article, validated now and written with its batch (bulk.py)."""
        for target in dict.fromkeys([state["target"], "draft"]):
            page = ArticlePage()
            self.apply(page, fields)
            self.set_state(page, target, item)
            try:
                self.batch.validate(page, target)
            except ValidationError as error:
                reasons = "; ".join(f"{name}: {' '.join(m)}" for name, m in _messages(error))
                if target != "draft":
                    self.run.report.note(item.label(), f"Wagtail refused to publish it ({reasons})")
                    continue
                self.run.report.skip(item.label(), f"Wagtail refused it ({reasons})")
                self.run.report.count("Articles", item.status, "skipped")
                return
            state = {**state, "target": target}
            self.batch.add(page, target, lambda page, state=state: written(page, state))
            return

    def parent_for(self, item, is_post):
        if is_post:
            return self.run.index
        if item.parent_id not in ("", "0"):
            parent_pk = self.parents.get(item.parent_id)
            if parent_pk:
                return StandardPage.objects.get(pk=parent_pk)
            self.run.report.note(
                item.label(), f"parent page {item.parent_id} not imported: placed at the top"
            )
        return self.run.home

    def article_fields(self, item, markup, body, text, title, target):
        run = self.run
        standfirst = plain_text(item.excerpt) or plain_text(markup.teaser) or text or title
        hero = run.images.refs.get(item.meta.get("_thumbnail_id", ""))
        authors = [run.authors[item.creator].pk] if item.creator in run.authors else []
        if not authors:
            run.report.note(item.label(), f"author “{item.creator}” is not in the export")
        topics = run.topics.for_item(item.categories)
        tags = run.tags.for_item(item.categories)
        live = target in ("live", "private")
        return {
            "title": title,
            "standfirst": first_words(" ".join(standfirst.split()), STANDFIRST_MAX),
            "hero_image_id": hero.pk if hero else None,
            # The image's description is its alt text; the title stands in only without one.
            "hero_alt": first_words(hero.title, ALT_MAX) if hero and not hero.alt else "",
            "body": body.blocks,
            "comments_open": item.comment_status != "closed",
            "date_published": timezone.localdate(item.date) if live else None,
            "first_published_at": item.date if live else None,
            "go_live_at": item.date if target == "scheduled" else None,
            "authors": authors,
            "topics": topics,
            "tags": [tag.pk for tag in tags],
        }

    def page_fields(self, item, body, text, title):
        changed = item.modified or item.date
        return {
            "title": title,
            "summary": first_words(plain_text(item.excerpt) or text, SUMMARY_MAX),
            "body": body.blocks,
            "last_updated": timezone.localdate(changed) if changed else timezone.localdate(),
            "first_published_at": item.date if item.status in ("publish", "private") else None,
            "go_live_at": item.date if item.status == "future" else None,
        }

    def apply(self, page, fields):
        for name, value in fields.items():
            if name == "authors":
                page.authors = [self.authors[pk] for pk in value]
            elif name == "topics":
                page.topics = [self.run.topics.objects[pk] for pk in value]
            elif name == "tags":
                page.tagged_items = [ArticlePageTag(tag_id=pk) for pk in value]
            else:
                setattr(page, name, value)

    def save(self, page, model, parent, fields, state, item):
        """Write the page through Wagtail (`page` None: a new one). A refusal (validation) of
        a page to publish is retried as a draft, then reported and skipped. The page or None."""
        for attempt in range(2):
            current = page or model()
            try:
                with transaction.atomic():
                    self.write(current, parent, fields, state, item)
                if page is not None:  # publish() worked on its own copy: read back what it set
                    current.refresh_from_db(fields=["live", "go_live_at", "live_revision"])
                return current
            except ValidationError as error:
                reasons = "; ".join(
                    f"{name}: {' '.join(messages)}" for name, messages in _messages(error)
                )
                if attempt == 0 and state["target"] != "draft":
                    self.run.report.note(item.label(), f"Wagtail refused to publish it ({reasons})")
                    # A live page keeps its live version; the new one waits as a draft.
                    state = {**state, "target": "draft", "refused": True}
                    if page is not None:
                        page = model.objects.get(pk=page.pk)  # as it was before the attempt
                    continue
                self.run.report.skip(item.label(), f"Wagtail refused it ({reasons})")
                return None
        return None

    def write(self, page, parent, fields, state, item):
        new = page.pk is None
        self.apply(page, fields)
        if new:
            self.create(page, parent, state["target"], item)
        else:
            revision = page.save_revision(clean=False)
            if state["target"] != "draft":
                revision.publish(skip_permission_checks=True)
                changed = item.modified or item.date
                if state["target"] != "scheduled" and changed:
                    Page.objects.filter(pk=page.pk).update(last_published_at=changed)
            elif page.live and not state.get("refused"):
                page.unpublish()
        self.restrict(page, state, new)

    def create(self, page, parent, target, item):
        """A new page, saved once in its final state: add_child validates a live page in full,
        as publishing does, then its first revision is the live one (or, for a scheduled page,
        the one approved to go live), with the create and publish entries in its history.
        Publishing each new page instead would save it three times and send page_published,
        which makes the search app rewrite that article's documents on its own: 10,000 times
        for an archive (the import rebuilds them once, at the end)."""
        live = self.set_state(page, target, item)
        parent.add_child(instance=page)
        log(instance=page, action="wagtail.create", content_changed=True)
        revision = page.save_revision(clean=False, changed=not live)
        if live:
            page.live_revision = revision
            Page.objects.filter(pk=page.pk).update(live_revision=revision)
            log(instance=page, action="wagtail.publish", revision=revision, content_changed=True)
        elif target == "scheduled":
            revision.approved_go_live_at = page.go_live_at
            revision.save(update_fields=["approved_go_live_at"])
            go_live = page.go_live_at.astimezone(UTC).isoformat()
            data = {"revision": {"id": revision.pk, "created": revision.created_at.isoformat()}}
            data["revision"].update(go_live_at=go_live, has_live_version=False)
            log(instance=page, action="wagtail.publish.schedule", revision=revision, data=data)

    @staticmethod
    def set_state(page, target, item):
        """Live or not, as publishing would leave a new page; whether it is live."""
        now = timezone.now()
        live = target in ("live", "private") or (
            target == "scheduled" and page.go_live_at is not None and page.go_live_at <= now
        )
        if live:
            page.go_live_at = None  # a "future" date already past: live now, as Wagtail would
            page.last_published_at = item.modified or item.date
        elif target == "draft":
            page.go_live_at = page.first_published_at = page.date_published = None
        page.live, page.has_unpublished_changes = live, not live
        return live

    def restrict(self, page, state, new):
        """Private → Editors and Writers only; a password → Wagtail's password restriction. A new
        page's restriction is written with the others by save_restrictions(): saving each one
        would make the search app re-check that page alone after the commit, and the search
        documents are rebuilt after the run anyway."""
        wanted = None
        if state["target"] == "private":
            wanted = PageViewRestriction(page=page, restriction_type=PageViewRestriction.GROUPS)
        elif state["password"]:
            wanted = PageViewRestriction(
                page=page,
                restriction_type=PageViewRestriction.PASSWORD,
                password=state["password"][:255],
            )
        if new:
            if wanted is not None:
                self.new_restrictions.append(wanted)
            return
        PageViewRestriction.objects.filter(page=page).delete()
        if wanted is not None:
            wanted.save()
            if wanted.restriction_type == PageViewRestriction.GROUPS:
                wanted.groups.set(self.private_groups)

    def save_restrictions(self):
        restrictions = PageViewRestriction.objects.bulk_create(self.new_restrictions)
        self.new_restrictions = []
        through = PageViewRestriction.groups.through
        restriction_column, group_column = (
            field.attname
            for field in through._meta.concrete_fields
            if field.is_relation and field.attname != "id"
        )
        through.objects.bulk_create(
            [
                through(**{restriction_column: restriction.pk, group_column: group.pk})
                for restriction in restrictions
                if restriction.restriction_type == PageViewRestriction.GROUPS
                for group in self.private_groups
            ]
        )
