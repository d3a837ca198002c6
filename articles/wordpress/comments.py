"""WordPress comments → the article's comments, threads and numbers kept.

`1` (approved) → approved, `0` (held) → pending, `spam` → spam, `trash` → rejected: the public
sees approved ones only, and emails are never shown, as for every comment. Pingbacks and
trackbacks are not comments a reader wrote: skipped. Approved comments are numbered in date order
after the article's existing numbers, so #1 is still the first reply WordPress showed; a reply
keeps its parent (`wp:comment_parent`), and one whose parent is not in the export becomes a
top-level comment, with a line in the report. The text becomes plain text, as readers' comments
here are: paragraphs kept, markup dropped.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import Max

from articles.models import Comment
from home.sanitize import plain_text

from .ledger import digest

BATCH = 1000
FLUSH_AT = 5000
STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
    "post-trashed": Comment.Status.REJECTED,
}
SKIPPED_TYPES = {"pingback", "trackback"}
NAME_MAX, EMAIL_MAX, WEBSITE_MAX = 60, 254, 200
UPDATED_FIELDS = ["article", "name", "email", "website", "body", "created_at", "status", "number"]
UPDATED_FIELDS += ["parent"]
website_validator = URLValidator(schemes=["http", "https"])


def comment_text(content):
    text = content.replace("\r\n", "\n")
    if "<" in text or "&" in text:  # most comments are plain text already
        text = re.sub(r"(?i)<br\s*/?>", "\n", text)
        text = plain_text(re.sub(r"(?i)</p\s*>", "\n\n", text))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _email(value):
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value[:EMAIL_MAX]


def _website(value):
    if not value or len(value) > WEBSITE_MAX:
        return ""
    try:
        website_validator(value)
    except ValidationError:
        return ""
    return value


def _order(comment):
    return (comment.date.timestamp() if comment.date else 0, int(comment.wp_id or 0))


class Comments:
    def __init__(self, run):
        self.run = run
        self.waiting = []  # per post: (label, known ids, fresh, updated), written by flush()
        self.waiting_count = 0

    def import_for(self, article_pk, item, new_article, fallback_date):
        report, ledger = self.run.report, self.run.ledger
        label = item.label()
        known = {}  # WordPress comment id -> comment pk
        fresh, changed = [], []
        for wp in sorted(item.comments, key=_order):
            if wp.type in SKIPPED_TYPES:
                report.count("Comments", f"{wp.type}s", "skipped")
                continue
            status = STATUSES.get(wp.approved)
            if status is None:
                report.note(f"comment {wp.wp_id} on {label}", f"status “{wp.approved}”: pending")
                status = Comment.Status.PENDING
            body = comment_text(wp.content)
            if not wp.wp_id or not body:
                report.skip(f"comment {wp.wp_id or '?'} on {label}", "no id or no text")
                continue
            name = plain_text(wp.author) if "<" in wp.author or "&" in wp.author else wp.author
            data = {
                "name": " ".join(name.split())[:NAME_MAX] or "Anonymous",
                "email": _email(wp.email.strip()),
                "website": _website(wp.url.strip()),
                "body": body,
                "created_at": wp.date or fallback_date,
                "status": status,
            }
            item_digest = digest({**data, "parent": wp.parent_id})
            entry = ledger.get("comment", wp.wp_id)
            if entry is None:
                fresh.append((wp, data, item_digest))
            elif entry.digest == item_digest:
                known[wp.wp_id] = entry.object_id
                report.count("Comments", status, "unchanged")
            else:
                known[wp.wp_id] = entry.object_id
                changed.append((wp, data, item_digest, entry))
        if not fresh and not changed:
            return
        existing = Comment.objects.in_bulk([entry.object_id for *_, entry in changed])
        created = [Comment(article_id=article_pk, **data) for _, data, _ in fresh]
        updated = []
        for wp, data, item_digest, entry in changed:
            comment = existing.get(entry.object_id)
            if comment is None:  # deleted here since: a moderator's decision stands
                report.note(f"comment {wp.wp_id} on {label}", "deleted since the last import")
                continue
            for name, value in data.items():
                setattr(comment, name, value)
            if comment.article_id != article_pk:  # moved to another post in WordPress
                comment.article_id, comment.number = article_pk, None
            updated.append((wp, comment, item_digest))
            report.count("Comments", data["status"], "updated")
        self._number(article_pk, new_article, created + [comment for _, comment, _ in updated])
        fresh = [(wp, comment, d) for (wp, _, d), comment in zip(fresh, created, strict=True)]
        self.waiting.append((label, known, fresh, updated))
        self.waiting_count += len(fresh) + len(updated)
        if self.waiting_count >= FLUSH_AT:
            self.flush()

    def flush(self):
        """Write the comments waiting, of many posts at once. New ones go in generations: those
        whose parent exists already (or that have none), then their replies, and so on, so
        each is inserted with its parent (a few queries per thousand comments)."""
        if not self.waiting:
            return
        waiting, self.waiting, self.waiting_count = self.waiting, [], 0
        report, ledger = self.run.report, self.run.ledger
        rest = [
            (label, known, wp, c, d) for label, known, fresh, _ in waiting for wp, c, d in fresh
        ]
        unwritten = {(id(known), wp.wp_id) for _, known, wp, _, _ in rest}
        while rest:
            ready = [entry for entry in rest if (id(entry[1]), entry[2].parent_id) not in unwritten]
            if not ready:  # parents in a loop (a damaged export): cut it
                ready = rest
            self._thread([(label, known, wp, comment) for label, known, wp, comment, _ in ready])
            Comment.objects.bulk_create([entry[3] for entry in ready], batch_size=BATCH)
            for _, known, wp, comment, item_digest in ready:
                known[wp.wp_id] = comment.pk
                unwritten.discard((id(known), wp.wp_id))
                ledger.record("comment", wp.wp_id, comment.pk, item_digest)
                report.count("Comments", comment.status, "created")
            ready_ids = {id(entry[3]) for entry in ready}
            rest = [entry for entry in rest if id(entry[3]) not in ready_ids]
        changed = []
        for label, known, _, updated in waiting:
            for wp, comment, item_digest in updated:
                ledger.record("comment", wp.wp_id, comment.pk, item_digest)
            self._thread([(label, known, wp, comment) for wp, comment, _ in updated])
            changed += [comment for _, comment, _ in updated]
        Comment.objects.bulk_update(changed, UPDATED_FIELDS, batch_size=BATCH)

    @staticmethod
    def _number(article_pk, new_article, comments):
        """Numbers for the approved ones that have none yet, in date order, after the last."""
        waiting = [c for c in comments if c.status == Comment.Status.APPROVED and c.number is None]
        if not waiting:
            return
        last = 0
        if not new_article:
            last = Comment.objects.filter(article_id=article_pk).aggregate(Max("number"))
            last = last["number__max"] or 0
        for number, comment in enumerate(sorted(waiting, key=lambda c: c.created_at), last + 1):
            comment.number = number

    def _thread(self, entries):
        """Point comments at their parents (written by now), or at none with a report line
        when the parent is not among the post's imported comments."""
        for label, known, wp, comment in entries:
            parent_pk = None
            if wp.parent_id not in ("", "0"):
                parent_pk = known.get(wp.parent_id)
                if parent_pk is None:
                    self.run.report.note(
                        f"comment {wp.wp_id} on {label}",
                        f"its parent comment {wp.parent_id} is not in the export: "
                        "imported as a top-level comment",
                    )
            comment.parent_id = parent_pk
