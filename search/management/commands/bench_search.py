"""Benchmark the article search on PostgreSQL (`make bench-search`).

Builds a corpus once, in bulk: N articles (default 100,000) of 300–2,000 words drawn from a
Zipf-distributed vocabulary (the demo articles' and the system licences' words, most frequent
first, then a tail of rare made-up words), about 2,000 authors, the page rows with treebeard
paths computed here (add_child one by one would take hours), the search documents and their
index entries (the same tsvectors Wagtail's database backend writes, computed by PostgreSQL in
one INSERT … SELECT per batch). Later runs reuse it.

Then it runs a fixed mix of queries (common words, rare words, two-word phrases, author
surnames) in every scope and prints p50/p95/max (all runs and best of 3) for the search (count
and first page of results with everything a result shows) and for the whole results page through
Django, the result counts, the size of each search index (RUM ones included) and how long the
indexes and the "Did you mean" vocabulary took to build, then times "Did you mean" on the same
queries misspelt (search/bench_report.py).
"""

import json
import os
import random
import re
import statistics
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.models import Locale, Page

from articles.demo_content import ARTICLES
from articles.models import ArticleIndexPage, ArticlePage, Author, Topic
from home.benchmarks import (
    live_child_page,
    lowered_priority,
    percentile,
    prepare_database,
    time_interleaved,
    write_timings,
)
from search import spelling
from search.bench_report import index_report, measure_did_you_mean
from search.models import SCOPE_MODELS, ContentDocument, recency_key
from search.query import ArticleSearch
from search.views import RESULTS_PER_PAGE, _result_rows

BATCH = 1000
AUTHORS = 2000
FIRST = """Ada Alma Amir Anika Arlo Asha Bea Bram Caleb Cara Dario Dina Eitan Elena Enzo Esme Farah
Felix Gemma Gideon Hana Hugo Ilse Ivo Jana Jonah Kai Kira Lars Lena Leo Lina Malik Mara Milo Mina
Nadia Nico Nora Omar Oona Pavel Pia Quentin Rhea Rui Sami Sana Theo Tova Uma Vera Viktor Wanda
Xavi Yara Yusuf Zadie Zane Ansel""".split()
LAST = """Albescu Brandvold Carrow Delacourt Eskildsen Fairweather Grisham Holloway Ingersoll
Jessup Kowalczyk Lachance Montague Northcott Oyelaran Pemberton Quayle Redwine Stallworth Trevino
Underhill Valcourt Westergaard Yancey Zelinski Ashdown Birchall Coldwell Dunleavy Everhart
Fenwick Gallister Hargreave Islington Jorgenson Kilbride Lockridge Merriweather Nettleship
Ormsby Prendergast Quarrington Rockwell Sandoval Thackeray Uttley Vandermeer Winslow Yardley
Zamora Abercrombie Blackwood Cartwright Devereux Ellingham Fitzroy Goldsworthy Hawthorne
Inglewood Juniper""".split()


def vocabulary(rng):
    """Words, most frequent first: real ones by frequency, then a tail of rare made-up ones."""
    text = json.dumps(ARTICLES).lower()
    licences = Path("/usr/share/common-licenses")
    if licences.is_dir():
        for path in sorted(licences.iterdir()):
            if path.is_file():
                text += " " + path.read_text(errors="ignore").lower()
    counts = Counter(w for w in re.findall(r"[a-z]{2,}", text) if not w.startswith("http"))
    words = [word for word, _ in counts.most_common()]
    syllables = "ka lo mi ren sa tor vel quin dra phe mor lun bis ter gal nox ri ve".split()
    tail = set()
    while len(tail) < 20_000:
        tail.add("".join(rng.choice(syllables) for _ in range(rng.randint(3, 4))))
    return words + sorted(tail)


class Command(BaseCommand):
    help = "Generate N articles on PostgreSQL (once) and time the article search in every scope."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=5)
        parser.add_argument("--repeat", type=int, default=3, help="runs of each query")

    def handle(self, *args, **options):
        started = time.perf_counter()
        # migrate also makes the RUM and trigram indexes where they are missing (post_migrate).
        prepare_database(self.stdout, "bench-search")
        self.stdout.write(
            f"migrate (and any missing search index): {time.perf_counter() - started:.0f} s"
        )
        rng = random.Random(options["seed"])
        self.words = vocabulary(rng)
        index = self.ensure_index()
        existing = ArticlePage.objects.count()
        missing = options["articles"] - existing
        if missing > 0:
            self.stdout.write(f"Creating {missing:,} articles ({existing:,} exist)…")
            started = time.perf_counter()
            with lowered_priority():
                self.generate(index, missing, rng)
            self.stdout.write(f"  done in {time.perf_counter() - started:.0f} s")
        else:
            self.stdout.write(f"Reusing {existing:,} articles.")
        self.measure(rng, options["repeat"])

    def ensure_index(self):
        index = ArticleIndexPage.objects.first()
        if index is None:
            call_command("load_demo_content", stdout=open(os.devnull, "w"))
            index = ArticleIndexPage.objects.get()
        return index

    # Data

    def ensure_authors(self, rng):
        authors = list(Author.objects.filter(slug__startswith="bench-"))
        if len(authors) >= AUTHORS:
            return authors
        names = sorted({f"{first} {last}" for first in FIRST for last in LAST})
        rng.shuffle(names)
        Author.objects.bulk_create(
            [
                Author(name=name, slug=f"bench-{slugify(name)}", credentials="")
                for name in names[:AUTHORS]
            ],
            ignore_conflicts=True,
        )
        return list(Author.objects.filter(slug__startswith="bench-"))

    def generate(self, index, count, rng):
        authors = self.ensure_authors(rng)
        topics = list(Topic.objects.all())
        # Zipf: the word of rank r has weight 1 / (r + 2.7).
        weights, total = [], 0.0
        for rank in range(len(self.words)):
            total += 1.0 / (rank + 2.7)
            weights.append(total)
        self.cum_weights = weights
        content_type = ContentType.objects.get_for_model(ArticlePage)
        locale = Locale.get_default()
        index_page = Page.objects.get(pk=index.pk)
        next_step = index_page.numchild + 1
        # Bulk loading: drop the index table's GIN indexes and build them again at the end,
        # which is several times faster than updating them row by row.
        gin_indexes = self.drop_gin_indexes()
        try:
            with tqdm(total=count, unit="article", smoothing=0.05) as progress:
                while count > 0:
                    size = min(BATCH, count)
                    with transaction.atomic():
                        self.create_batch(
                            index_page, next_step, size, rng, authors, topics, content_type, locale
                        )
                        next_step += size
                        Page.objects.filter(pk=index_page.pk).update(numchild=next_step - 1)
                    count -= size
                    progress.update(size)
        finally:
            self.stdout.write(f"  building {len(gin_indexes)} GIN/RUM indexes and ANALYZE…")
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '512MB'")
                for name, definition in gin_indexes:
                    started = time.perf_counter()
                    cursor.execute(definition)
                    if name.startswith("search_") and "USING gin" in definition:
                        # as migrations search/0004 and 0005 set
                        cursor.execute(f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS 1000")
                    self.stdout.write(f"    {name}: {time.perf_counter() - started:.0f} s")
                cursor.execute("VACUUM ANALYZE")
            started = time.perf_counter()
            spelling.rebuild()
            self.stdout.write(f"    Did-you-mean vocabulary: {time.perf_counter() - started:.0f} s")

    def drop_gin_indexes(self):
        """Drop the GIN and RUM indexes of Wagtail's index table; return their names and
        definitions."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes "
                "WHERE tablename = 'wagtailsearch_indexentry' "
                "AND (indexdef ILIKE '%USING gin%' OR indexdef ILIKE '%USING rum%')"
            )
            found = cursor.fetchall()
            for name, _ in found:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        return found

    def sentence(self, rng, n):
        words = rng.choices(self.words, cum_weights=self.cum_weights, k=n)
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def paragraph(self, rng, n_words):
        out, left = [], n_words
        while left > 0:
            n = min(left, rng.randint(8, 22))
            out.append(self.sentence(rng, n))
            left -= n
        return " ".join(out)

    def create_batch(self, index, first_step, size, rng, authors, topics, ctype, locale):
        now = timezone.now()
        pages, extra = [], []
        for offset in range(size):
            step = first_step + offset
            title = self.sentence(rng, rng.randint(4, 10))[:-1]
            slug = f"{slugify(title)[:60]}-{step}"
            published = now - timedelta(days=rng.randint(0, 3650), minutes=rng.randint(0, 1440))
            n_words = rng.randint(300, 2000)
            standfirst = self.sentence(rng, rng.randint(15, 30))
            body, left = [], n_words - len(standfirst.split())
            while left > 0:
                n = min(left, rng.randint(60, 160))
                body.append(
                    {
                        "type": "paragraph",
                        "value": f"<p>{self.paragraph(rng, n)}</p>",
                        "id": str(uuid.uuid4()),
                    }
                )
                left -= n
            pages.append(live_child_page(index, step, title, slug, ctype, locale, published))
            chosen = rng.sample(authors, 1 if rng.random() < 0.85 else 2)
            extra.append((standfirst, body, chosen, rng.sample(topics, rng.randint(1, 2))))
        Page.objects.bulk_create(pages)
        articles, author_rows, topic_rows, docs = [], [], [], {m: [] for m in SCOPE_MODELS.values()}
        for page, (standfirst, body, chosen, chosen_topics) in zip(pages, extra, strict=True):
            day = timezone.localdate(page.first_published_at)
            articles.append(
                ArticlePage(
                    page_ptr_id=page.pk,
                    standfirst=standfirst,
                    body=body,
                    date_published=day,
                    comments_open=True,
                )
            )
            author_rows += [(page.pk, author.pk) for author in chosen]
            topic_rows += [(page.pk, topic.pk) for topic in chosen_topics]
            key = recency_key(day, page.pk)
            texts = {
                "title": page.title,
                "content": "\n".join([standfirst] + [block["value"][3:-4] for block in body]),
                "author": ", ".join(author.name for author in chosen),
            }
            for scope, model in SCOPE_MODELS.items():
                docs[model].append(model(id=key, article_id=page.pk, text=texts[scope]))
        # Multi-table inheritance has no bulk_create: insert the child table's rows directly.
        ArticlePage.objects._insert(articles, fields=ArticlePage._meta.local_concrete_fields)
        for relation, rows in (("authors", author_rows), ("topics", topic_rows)):
            through = getattr(ArticlePage, relation).through
            source, target = (
                f.attname
                for f in through._meta.concrete_fields
                if f.is_relation and f.attname != "id"
            )
            through.objects.bulk_create([through(**{source: a, target: b}) for a, b in rows])
        for model, rows in docs.items():
            model.objects.bulk_create(rows)
            self.index_documents(model, [row.pk for row in rows])

    def index_documents(self, model, ids):
        """The index entries Wagtail's database backend writes for these documents (its
        ObjectIndexer: the single search field as the body vector with weight D, the
        autocomplete field with the 'simple' configuration, plain-text mirrors), in one
        statement so PostgreSQL builds the tsvectors."""
        ctype = ContentType.objects.get_for_model(model)
        autocomplete = (
            "setweight(to_tsvector('simple', COALESCE(d.text, '')), 'D')"
            if model is not ContentDocument
            else "to_tsvector('')"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO wagtailsearch_indexentry
                    (content_type_id, object_id, title, autocomplete, body, title_norm,
                     title_text, body_text)
                SELECT %s, d.id::text, to_tsvector(''), {autocomplete},
                       setweight(to_tsvector(COALESCE(d.text, '')), 'D'), 1.0, '', d.text
                FROM {model._meta.db_table} d WHERE d.id = ANY(%s)
                ON CONFLICT (content_type_id, object_id) DO NOTHING
                """,
                [ctype.pk, ids],
            )

    # Timing

    def query_mix(self, rng):
        """A fixed mix: common words, rare words, two-word phrases and author surnames."""
        stop = {
            "the and of to a in is that it for you be on as with or this are can not your "
            "at by an if from but we they have more any its no do so may what which when "
            "one all will their has was there than our about into other those such also"
        }
        stop = set(next(iter(stop)).split())
        real = [w for w in self.words if len(w) > 3 and w not in stop][:1200]
        common = real[5:45]
        rare = self.words[-20_000:]
        mix = []
        for _ in range(10):
            mix.append(("common word", rng.choice(common)))
        for _ in range(10):
            mix.append(("rare word", rng.choice(rare)))
        for _ in range(10):
            mix.append(("two words", f"{rng.choice(real[:300])} {rng.choice(real[:300])}"))
        for _ in range(10):
            mix.append(("author surname", rng.choice(LAST)))
        return mix

    def measure(self, rng, repeat):
        mix = self.query_mix(random.Random(11))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('wagtailsearch_indexentry'),"
                " pg_relation_size('search_indexentry_title_body_gin'),"
                " pg_total_relation_size('search_titledocument')"
                " + pg_total_relation_size('search_contentdocument')"
                " + pg_total_relation_size('search_authordocument')"
            )
            entries, gin, documents = cursor.fetchone()
        n = ArticlePage.objects.live().count()
        self.stdout.write(
            f"\n{n:,} live articles, {Author.objects.count():,} authors, "
            f"{ContentDocument.objects.count():,} documents per scope.\n"
            f"Index: wagtailsearch_indexentry {entries / 2**20:,.0f} MB (all indexed models, "
            f"with its indexes; the title||body GIN index {gin / 2**20:,.0f} MB), "
            f"search documents {documents / 2**20:,.0f} MB.\n"
            f"{index_report()}\n"
            f"{len(mix)} queries per scope (10 common words, 10 rare words, 10 two-word "
            f"phrases, 10 author surnames), each run {repeat} times.\n"
        )

        def search(params):
            words = params["q"].split()
            sort = params.get("sort", "relevance")
            results = ArticleSearch(words, scope=params.get("scope"), sort=sort).results()
            total = results.count()
            page = list(results[:RESULTS_PER_PAGE])
            _result_rows(page, words)
            return total

        client = Client(HTTP_HOST="localhost")

        def render(params):
            response = client.get("/search/?" + urlencode(params))
            assert response.status_code == 200, response.status_code
            html = response.content.decode()
            return int(html.split('data-total="', 1)[1].split('"', 1)[0])

        for scope in ("title", "content", "author", None):
            params = [{"q": q, **({"scope": scope} if scope else {})} for _, q in mix]
            label = scope or "all (no scope)"
            self.report(f"search, scope {label}", search, params, repeat, mix)
        newest = [{"q": q, "sort": "newest"} for _, q in mix]
        self.report("search, all scopes, newest first", search, newest, repeat, mix)
        for scope in ("title", "content", "author", None):
            params = [{"q": q, **({"scope": scope} if scope else {})} for _, q in mix]
            self.report(
                f"results page (HTTP, render), scope {scope or 'all'}", render, params, repeat
            )
        measure_did_you_mean(self.stdout, mix, repeat)

    def report(self, label, run, params_list, repeat, mix=None):
        runs, counts = time_interleaved(run, params_list, repeat=repeat)
        write_timings(self.stdout, label, runs, counts)
        if mix:
            by_kind = {}
            for (kind, _), times, count in zip(mix, zip(*runs, strict=True), counts, strict=True):
                by_kind.setdefault(kind, []).append((min(times), count))
            for kind, rows in by_kind.items():
                self.stdout.write(
                    f"    {kind:15} best p50 {percentile([t for t, _ in rows], 0.5):6.1f} ms"
                    f"  max {max(t for t, _ in rows):6.1f} ms"
                    f"  results median {statistics.median([c for _, c in rows]):,.0f}"
                )
