"""Benchmark comments at scale on PostgreSQL (`make bench-comments`).

Builds once, in bulk (articles/bench_corpus.py): N live articles (default 100,000) and M
comments (default 1,000,000), one hot article holding 20,000 of them, the rest spread with a
long tail; 90 % approved. Later runs reuse it. Then it times, three runs each, interleaved:

- the hot article's page: its first, a middle and its last page of comments;
- ordinary articles' pages (random ones, each with its comments);
- Recent Comments computed afresh (what a cache miss of the shared frame costs) and the whole
  article page with the frame's cache emptied before each request (the uncached path);

and prints p50/p95/max, the SQL queries per page (the budget is 12), the build times and the
size of the comment table and each of its indexes.
"""

import random
import time

from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.models import Count
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from tqdm import tqdm

from articles import bench_corpus
from articles.models import ArticleIndexPage, ArticlePage, Comment
from articles.models.comments import COMMENTS_PAGE_PARAM, COMMENTS_PER_PAGE
from articles.templatetags.article_tags import RECENT_COMMENTS, _recent_comments
from home.benchmarks import (
    lowered_priority,
    prepare_database,
    time_interleaved,
    write_sizes,
    write_timings,
)
from home.frame import find_site

HOT_COMMENTS = 20_000
MAX_QUERIES = 12


class Command(BaseCommand):
    help = "Generate N articles and M comments on PostgreSQL (once) and time comment pages."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--comments", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=11)
        parser.add_argument("--pages", type=int, default=30, help="ordinary articles timed")

    def handle(self, *args, **options):
        prepare_database(self.stdout, "bench-comments")
        rng = random.Random(options["seed"])
        index = ArticleIndexPage.objects.first()
        if index is None:
            call_command("load_demo_content", stdout=open("/dev/null", "w"))
            index = ArticleIndexPage.objects.get()
        self.build(index, options["articles"], options["comments"], rng)
        self.measure(rng, options["pages"])

    # Data

    def build(self, index, articles, comments, rng):
        missing = articles - ArticlePage.objects.count()
        if missing > 0:
            self.stdout.write(f"Creating {missing:,} articles…")
            started = time.perf_counter()
            with lowered_priority(), tqdm(total=missing, unit="article") as bar:
                bench_corpus.create_articles(index, missing, rng, bar.update)
            self.stdout.write(f"  articles built in {time.perf_counter() - started:.0f} s")
        if Comment.objects.count() >= comments:
            self.stdout.write(f"Reusing {Comment.objects.count():,} comments.")
            return
        # Start the comments afresh: the plan (the hot article, the tail) needs all of them.
        with connection.cursor() as cursor:  # no per-row signals: a rebuild, not moderation
            cursor.execute(f"TRUNCATE {Comment._meta.db_table}")
        ids = list(ArticlePage.objects.live().order_by("pk").values_list("pk", flat=True))
        hot = ids[len(ids) // 2]
        plan = bench_corpus.comment_plan(ids, comments, hot, min(HOT_COMMENTS, comments), rng)
        self.stdout.write(f"Writing {comments:,} comments ({plan[hot]:,} on article {hot})…")
        started = time.perf_counter()
        with lowered_priority():
            indexes = bench_corpus.drop_comment_indexes()
            with tqdm(total=comments, unit="comment") as bar:
                written = bench_corpus.copy_comments(plan, rng, bar.update)
            copied = time.perf_counter() - started
            timings = bench_corpus.build_indexes(indexes)
        self.stdout.write(f"  {written:,} comments copied in {copied:.0f} s; indexes built in:")
        for name, seconds in timings:
            self.stdout.write(f"    {name}: {seconds:.1f} s")

    # Timing

    def measure(self, rng, pages):
        busiest = (
            Comment.objects.approved()
            .values("article")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        hot_page = ArticlePage.objects.get(pk=busiest["article"])
        approved = Comment.objects.approved().filter(article=hot_page).count()
        last = max(1, (approved - 1) // COMMENTS_PER_PAGE + 1)
        self.stdout.write(
            f"\n{ArticlePage.objects.live().count():,} live articles, "
            f"{Comment.objects.count():,} comments ({approved:,} approved on the hottest "
            f"article, {last} pages of {COMMENTS_PER_PAGE}).\n"
        )
        client = Client(HTTP_HOST="localhost")
        url = hot_page.url

        def hot_cases(numbers):
            return [f"{url}?{COMMENTS_PAGE_PARAM}={n}" if n > 1 else url for n in numbers]

        ids = list(ArticlePage.objects.live().values_list("pk", flat=True))
        ordinary = [page.url for page in ArticlePage.objects.filter(pk__in=rng.sample(ids, pages))]

        def render(path, clear=False):
            if clear:
                cache.clear()
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return 1

        self.report("hot article, first page of comments", render, hot_cases([1] * 10))
        middle = [rng.randint(2, max(2, last - 1)) for _ in range(10)]
        self.report("hot article, a middle page of comments", render, hot_cases(middle))
        self.report("hot article, last page of comments", render, hot_cases([last] * 10))
        self.report("ordinary articles (random)", render, ordinary)
        self.report(
            "ordinary articles, frame cache emptied before each (uncached path)",
            lambda path: render(path, clear=True),
            ordinary,
        )
        request = RequestFactory().get("/", HTTP_HOST="localhost")
        find_site(request)
        self.report(
            "Recent Comments computed afresh (a frame cache miss)",
            lambda _: len(_recent_comments(request, RECENT_COMMENTS)),
            [None] * 20,
        )
        self.query_counts(client, [url, hot_cases([last])[0], ordinary[0]])
        self.sizes()

    def query_counts(self, client, paths):
        self.stdout.write(f"SQL queries per page (warm, the budget is {MAX_QUERIES}):")
        for path in paths:
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            flag = "" if len(queries) <= MAX_QUERIES else "  OVER BUDGET"
            self.stdout.write(f"  {path[-60:]}: {len(queries)}{flag}")

    def sizes(self):
        write_sizes(self.stdout, Comment._meta.db_table)

    def report(self, label, run, params_list):
        rounds, counts = time_interleaved(run, params_list, repeat=3, warm_up=2)
        write_timings(self.stdout, label, rounds, counts)
