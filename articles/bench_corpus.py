"""The corpus `make bench-comments` times: many live articles and a million readers' comments,
built in bulk on PostgreSQL.

Articles: page rows with treebeard paths computed here (add_child one by one would take hours),
the article rows and their topics, with a short body (the comments are what is measured; the
article search's corpus, with its long texts and index entries, is `make bench-search`'s).
Comments go in with COPY, numbered on their article in the order approved, as Comment.save
numbers them; the comment table's own indexes are dropped for the load and built again, timed.
"""

import io
import time
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page

from home.benchmarks import live_child_page

from .models import ArticlePage, Comment, Topic

ARTICLE_BATCH = 5000
COMMENT_BATCH = 50_000
WORDS = """sleep anxiety grief therapy couples stress mood habit walk breath kindness routine
evening morning worry friend family work rest change small steady honest practice notice""".split()
NAMES = (
    """Ana Ben Cleo Dev Eli Fay Gus Hal Ida Jo Kit Lou Max Neve Ola Pip Quin Rae Sol Tam""".split()
)
STATUSES = ["approved"] * 90 + ["pending"] * 6 + ["spam"] * 4


def words(rng, count):
    return " ".join(rng.choice(WORDS) for _ in range(count))


def create_articles(index, count, rng, progress=None):
    """`count` live articles below `index`, in batches (one transaction each)."""
    ctype = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    topics = list(Topic.objects.all())
    index_page = Page.objects.get(pk=index.pk)
    step = index_page.numchild + 1
    while count > 0:
        size = min(ARTICLE_BATCH, count)
        with transaction.atomic():
            _article_batch(index_page, step, size, rng, topics, ctype, locale)
            step += size
            Page.objects.filter(pk=index_page.pk).update(numchild=step - 1)
        count -= size
        if progress:
            progress(size)


def _article_batch(index, first_step, size, rng, topics, ctype, locale):
    now = timezone.now()
    pages = []
    for step in range(first_step, first_step + size):
        title = words(rng, rng.randint(4, 8)).capitalize()
        slug = f"{slugify(title)[:50]}-{step}"
        published = now - timedelta(days=rng.randint(1, 3650), minutes=rng.randint(0, 1440))
        pages.append(live_child_page(index, step, title, slug, ctype, locale, published))
    Page.objects.bulk_create(pages)
    articles, topic_rows = [], []
    for page in pages:
        body = [
            {"type": "paragraph", "value": f"<p>{words(rng, 80)}.</p>", "id": str(uuid.uuid4())}
        ]
        articles.append(
            ArticlePage(
                page_ptr_id=page.pk,
                standfirst=words(rng, 20).capitalize() + ".",
                body=body,
                date_published=timezone.localdate(page.first_published_at),
                comments_open=True,
            )
        )
        topic_rows += [(page.pk, topic.pk) for topic in rng.sample(topics, rng.randint(1, 2))]
    # Multi-table inheritance has no bulk_create: insert the child table's rows directly.
    ArticlePage.objects._insert(articles, fields=ArticlePage._meta.local_concrete_fields)
    through = ArticlePage.topics.through
    through.objects.bulk_create(
        [through(articlepage_id=a, topic_id=t) for a, t in topic_rows], ignore_conflicts=True
    )


def comment_plan(article_ids, total, hot_id, hot_count, rng):
    """How many comments each article gets: `hot_count` on the hot one, the rest spread
    unevenly (a long tail: most articles a few, some hundreds), summing to `total`."""
    rest = max(0, total - hot_count)
    weights = [rng.paretovariate(1.2) for _ in article_ids]
    scale = rest / sum(weights)
    plan = {pk: int(weight * scale) for pk, weight in zip(article_ids, weights, strict=True)}
    plan[hot_id] = hot_count
    short = total - sum(plan.values())
    others = [pk for pk in article_ids if pk != hot_id]
    for pk in rng.choices(others, k=max(0, short)):
        plan[pk] += 1
    return plan


def copy_comments(plan, rng, progress=None):
    """The planned comments, written with COPY in batches. Returns how many."""
    columns = (
        "article_id, name, email, website, body, parent_id, created_at, status, client_hash, "
        "number, moderated_at, moderated_by_id"
    )
    now = timezone.now()
    buffer, pending, written = io.StringIO(), 0, 0
    for article_id, count in plan.items():
        number = 0
        # Oldest first: numbers follow approval, which follows posting here. The busiest
        # article is being discussed now, so it also shows in Recent Comments.
        span = timedelta(seconds=count * 320)
        start = now - span if count > 1000 else now - timedelta(days=rng.randint(1, 1000))
        for n in range(count):
            created = start + timedelta(seconds=n * rng.randint(30, 600))
            created = min(created, now - timedelta(seconds=count - n))
            status = rng.choice(STATUSES)
            if status == "approved":
                number += 1
                numbered, moderated = str(number), created.isoformat()
            else:
                numbered, moderated = r"\N", r"\N"
            name = rng.choice(NAMES)
            body = words(rng, rng.randint(8, 60))
            buffer.write(
                f"{article_id}\t{name}\t{name.lower()}{rng.randint(1, 5000)}@example.com\t\t"
                f"{body}\t\\N\t{created.isoformat()}\t{status}\t\t{numbered}\t{moderated}\t\\N\n"
            )
            pending += 1
            if pending >= COMMENT_BATCH:
                written += _flush(buffer, columns)
                if progress:
                    progress(pending)
                buffer, pending = io.StringIO(), 0
    if pending:
        written += _flush(buffer, columns)
        if progress:
            progress(pending)
    return written


def _flush(buffer, columns):
    buffer.seek(0)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {Comment._meta.db_table} ({columns}) FROM STDIN", buffer)
        return cursor.rowcount


def drop_comment_indexes():
    """Drop the comment table's plain indexes (not its key or constraints) for the load;
    returns their names and definitions."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
            [Comment._meta.db_table],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return found


def build_indexes(definitions):
    """Build the indexes again; returns (name, seconds) for each."""
    timings = []
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for name, definition in definitions:
            started = time.perf_counter()
            cursor.execute(definition)
            timings.append((name, time.perf_counter() - started))
        # Every bulk-loaded table, as autovacuum would in time: without statistics on the
        # topic links PostgreSQL planned related articles as a walk over every page (100 ms).
        cursor.execute("VACUUM ANALYZE")
    return timings
