"""Benchmark import_wordpress on PostgreSQL (`make bench-import`).

Each run starts from a fresh database (dropped, created, migrated, demo content loaded), writes a
WordPress export of N posts (default 10,000) with M comments (default 200,000) and their images,
then times the import, and a second run of it (which must change nothing).

The export is shaped like a real archive: half classic HTML, half Gutenberg blocks, 300-1,200
words a post with headings, lists, quotes, captioned images and the odd unknown shortcode; 85 %
published, the rest drafts, pending, scheduled, private and trashed; 40 authors, 30 categories
(a third nested), 150 tags; comments spread unevenly (many posts with a few, some with
hundreds), 80 % approved, a third of them replies, with pingbacks and spam among them; 300
images (small JPEGs) as featured images of a third of the posts.
"""

import os
import random
import resource
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import override_settings
from PIL import Image as PILImage

from articles.demo_content import ARTICLES
from articles.models import ArticlePage, Comment
from home.benchmarks import lowered_priority, prepare_database

SITE = "https://archive.example"
STATUSES = ["publish"] * 85 + ["draft"] * 5 + ["pending"] * 3 + ["future"] * 2
STATUSES += ["private"] * 3 + ["trash"] * 2
APPROVALS = ["1"] * 80 + ["0"] * 10 + ["spam"] * 7 + ["trash"] * 1


def cdata(text):
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wp_date(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class Archive:
    """Writes the export, item by item, to a file."""

    def __init__(self, rng, posts, comments, media_dir):
        self.rng = rng
        self.posts = posts
        self.comments = comments
        self.media_dir = media_dir
        words = " ".join(
            block if isinstance(block, str) else " ".join(map(str, block[1:]))
            for article in ARTICLES
            for block in article["body"]
        ).split()
        self.words = [word for word in words if word.isalpha()] or ["calm"]
        self.authors = [f"writer{n}" for n in range(40)]
        self.categories = [f"topic-{n}" for n in range(30)]
        self.tags = [f"tag-{n}" for n in range(150)]
        self.images = list(range(100_001, 100_301))
        self.next_comment = 1

    def sentence(self, low=6, high=18):
        words = self.rng.choices(self.words, k=self.rng.randint(low, high))
        return " ".join(words).capitalize() + "."

    def paragraph(self):
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))

    def write(self, path):
        with path.open("w", encoding="utf-8") as out:
            out.write(self.header())
            for wp_id in self.images:
                out.write(self.attachment(wp_id))
            shares = [self.rng.paretovariate(1.2) for _ in range(self.posts)]
            scale = self.comments / sum(shares)
            counts = [int(share * scale) for share in shares]
            counts[0] += self.comments - sum(counts)
            for number, count in enumerate(counts):
                out.write(self.post(number + 1, count))
            out.write("</channel>\n</rss>\n")

    def header(self):
        parts = [
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"'
            ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>Archive</title><link>{SITE}</link><wp:wxr_version>1.2</wp:wxr_version>\n"
            f"<wp:base_site_url>{SITE}</wp:base_site_url>"
            f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        ]
        for number, login in enumerate(self.authors, 1):
            parts.append(
                f"<wp:author><wp:author_id>{number}</wp:author_id><wp:author_login>{login}"
                f"</wp:author_login><wp:author_display_name>{cdata(self.sentence(2, 3)[:-1])}"
                "</wp:author_display_name></wp:author>\n"
            )
        for number, slug in enumerate(self.categories, 1):
            parent = self.categories[number % 10] if number > 20 else ""
            parts.append(
                f"<wp:category><wp:term_id>{number}</wp:term_id><wp:category_nicename>{slug}"
                f"</wp:category_nicename><wp:category_parent>{parent}</wp:category_parent>"
                f"<wp:cat_name>{cdata(f'Topic {number}')}</wp:cat_name></wp:category>\n"
            )
        return "".join(parts)

    def attachment(self, wp_id):
        name = f"2020/01/picture-{wp_id}.jpg"
        path = self.media_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        colour = tuple(self.rng.randrange(256) for _ in range(3))
        PILImage.new("RGB", (320, 180), colour).save(path, quality=80)
        return (
            f"<item><title>Picture {wp_id}</title><wp:post_id>{wp_id}</wp:post_id>"
            "<wp:status>inherit</wp:status><wp:post_type>attachment</wp:post_type>"
            f"<wp:attachment_url>{SITE}/wp-content/uploads/{name}</wp:attachment_url>"
            "<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
            f"<wp:meta_value>{name}</wp:meta_value></wp:postmeta>"
            "<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key>"
            f"<wp:meta_value>{cdata(self.sentence(3, 8))}</wp:meta_value></wp:postmeta></item>\n"
        )

    def body(self, gutenberg, image):
        rng, parts = self.rng, []
        for section in range(rng.randint(3, 8)):
            if section:
                heading = self.sentence(3, 7)[:-1]
                parts.append(
                    f'<!-- wp:heading --><h2 class="wp-block-heading">{heading}</h2>'
                    "<!-- /wp:heading -->"
                    if gutenberg
                    else f"<h2>{heading}</h2>"
                )
            for _ in range(rng.randint(1, 4)):
                text = self.paragraph()
                parts.append(
                    f"<!-- wp:paragraph --><p>{text}</p><!-- /wp:paragraph -->"
                    if gutenberg
                    else text
                )
            if rng.random() < 0.2:
                items = "".join(f"<li>{self.sentence(3, 8)}</li>" for _ in range(4))
                parts.append(
                    f'<!-- wp:list --><ul class="wp-block-list">{items}</ul><!-- /wp:list -->'
                    if gutenberg
                    else f"<ul>{items}</ul>"
                )
            if rng.random() < 0.1:
                parts.append(f"<blockquote><p>{self.sentence()}</p></blockquote>")
        if image and rng.random() < 0.5:
            url = f"{SITE}/wp-content/uploads/2020/01/picture-{image}-600x400.jpg"
            parts.insert(
                2,
                f'[caption id="attachment_{image}"]<img class="wp-image-{image}" src="{url}"> '
                f"{self.sentence(3, 6)}[/caption]",
            )
        if rng.random() < 0.03:
            parts.append('[contact-form-7 id="12"]')
        if rng.random() < 0.02:
            parts.append(f"https://www.youtube.com/watch?v=bench{rng.randrange(10**6)}")
        return "\n\n".join(parts)

    def post(self, wp_id, comment_count):
        rng = self.rng
        status = rng.choice(STATUSES)
        day = datetime(2012, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(6_000_000))
        if status == "future":
            day = datetime.now(UTC) + timedelta(days=rng.randint(1, 300))
        title = self.sentence(4, 9)[:-1]
        slug = f"{'-'.join(title.lower().split()[:6])}-{wp_id}"
        image = rng.choice(self.images) if rng.random() < 0.33 else None
        terms = "".join(
            f'<category domain="category" nicename="{slug}">{cdata(slug)}</category>'
            for slug in rng.sample(self.categories, rng.randint(1, 2))
        ) + "".join(
            f'<category domain="post_tag" nicename="{tag}">{cdata(tag)}</category>'
            for tag in rng.sample(self.tags, rng.randint(0, 4))
        )
        meta = (
            f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
            f"<wp:meta_value>{image}</wp:meta_value></wp:postmeta>"
            if image
            else ""
        )
        return (
            f"<item><title>{cdata(title)}</title>"
            f"<link>{SITE}/{day:%Y/%m}/{slug}/</link>"
            f"<dc:creator>{rng.choice(self.authors)}</dc:creator>"
            f'<guid isPermaLink="false">{SITE}/?p={wp_id}</guid>'
            f"<content:encoded>{cdata(self.body(wp_id % 2 == 0, image))}</content:encoded>"
            f"<excerpt:encoded>{cdata(self.sentence() if rng.random() < 0.3 else '')}"
            f"</excerpt:encoded><wp:post_id>{wp_id}</wp:post_id>"
            f"<wp:post_date_gmt>{wp_date(day)}</wp:post_date_gmt>"
            f"<wp:post_modified_gmt>{wp_date(day + timedelta(days=2))}</wp:post_modified_gmt>"
            f"<wp:comment_status>open</wp:comment_status><wp:post_name>{slug}</wp:post_name>"
            f"<wp:status>{status}</wp:status><wp:post_parent>0</wp:post_parent>"
            f"<wp:post_type>post</wp:post_type>{terms}{meta}"
            f"{self.comment_thread(day, comment_count)}</item>\n"
        )

    def comment_thread(self, day, count):
        rng, parts, ids = self.rng, [], []
        for _ in range(count):
            wp_id, self.next_comment = self.next_comment, self.next_comment + 1
            day += timedelta(minutes=rng.randint(1, 3000))
            parent = rng.choice(ids) if ids and rng.random() < 0.33 else 0
            kind = "pingback" if rng.random() < 0.02 else "comment"
            ids.append(wp_id)
            parts.append(
                f"<wp:comment><wp:comment_id>{wp_id}</wp:comment_id>"
                f"<wp:comment_author>{cdata(self.sentence(1, 2)[:-1])}</wp:comment_author>"
                f"<wp:comment_author_email>reader{wp_id}@example.com</wp:comment_author_email>"
                f"<wp:comment_date_gmt>{wp_date(day)}</wp:comment_date_gmt>"
                f"<wp:comment_content>{cdata(self.paragraph())}</wp:comment_content>"
                f"<wp:comment_approved>{rng.choice(APPROVALS)}</wp:comment_approved>"
                f"<wp:comment_type>{kind}</wp:comment_type>"
                f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
            )
        return "".join(parts)


class Command(BaseCommand):
    help = "Time import_wordpress on PostgreSQL: a fresh database, a generated 10,000-post export."

    def add_arguments(self, parser):
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--comments", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=19)

    def handle(self, *args, **options):
        if connection.vendor == "postgresql" and not getattr(settings, "IS_PRODUCTION", False):
            self.fresh_database()
        prepare_database(self.stdout, "bench-import")  # refuses production and SQLite
        work = Path(tempfile.mkdtemp(prefix="mindwell-bench-import-"))
        try:
            with override_settings(MEDIA_ROOT=str(work / "media")):
                self.run(work, options)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def fresh_database(self):
        """Every run imports into the same starting point: a new database with the demo."""
        name = connection.settings_dict["NAME"]
        connection.close()
        with connection._nodb_cursor() as cursor:
            quoted = connection.ops.quote_name(name)
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        connection.close()

    def run(self, work, options):
        with lowered_priority():
            call_command("load_demo_content", stdout=open(os.devnull, "w"))
            started = time.perf_counter()
            export = work / "export.xml"
            archive = Archive(
                random.Random(options["seed"]),
                options["posts"],
                options["comments"],
                work / "uploads",
            )
            archive.write(export)
        size = export.stat().st_size / 1e6
        self.stdout.write(
            f"Export: {options['posts']:,} posts, {options['comments']:,} comments, "
            f"{len(archive.images)} images, {size:,.0f} MB (written in "
            f"{time.perf_counter() - started:.0f} s)"
        )
        articles_before = ArticlePage.objects.count()
        for label in ("First import", "Second import (changes nothing)"):
            started = time.perf_counter()
            report = StringIO()
            call_command(
                "import_wordpress", str(export), media_dir=str(work / "uploads"), stdout=report
            )
            elapsed = time.perf_counter() - started
            summary = report.getvalue().split("\n\n")[1]  # the counts, after the heading
            self.stdout.write("  " + summary.replace("\n", "\n  "))
            self.stdout.write(
                f"{label}: {elapsed:,.0f} s ({elapsed / 60:.1f} min); articles "
                f"{ArticlePage.objects.count() - articles_before:,}, comments "
                f"{Comment.objects.count():,}"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(f"Peak memory of this process: {peak:,.0f} MB")
