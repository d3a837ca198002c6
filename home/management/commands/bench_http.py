"""Benchmark the production stack over HTTP (`make bench-http`; docs/performance.md).

Builds the stack on PostgreSQL (database mindwell_bench_http, the demo content, a Redis of its
own) exactly as `make serve` runs it, then prints, in one run with wrk at the same connections:

- the article from Varnish's cache, nginx serving the same bytes as a static file, their ratio;
- uncached pages straight to gunicorn (article, home, index, profile, directory search):
  req/s and p50/p99, and with --baseline the article of another commit served beside it;
- SQL queries per page (warm caches, counted in-process);
- publish-to-visible: an article change published through the ORM, polled through Varnish;
- grace (cached pages answer while gunicorn is down), and a soak: 64 connections through
  Varnish on a mix of pages, with its errors and non-2xx answers.

Each measure runs --rounds times, interleaved (the median and the range are printed): a
shared machine's other work moves single runs. Setting up runs at a lowered priority.
"""

import gzip
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import uuid
from contextlib import ExitStack
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from deploy.preflight import install_packages, missing_packages
from deploy.stack import Stack
from home.bench_http import (
    baseline_checkout,
    nginx_serving,
    poll_until,
    redis_server,
    rotation_script,
    run_wrk,
)
from home.benchmarks import lowered_priority, prepare_database
from settings.parsers import redis_caches

GZIP = "Accept-Encoding: gzip"
CACHE_PREFIX = "bench"
TOOLS = {"wrk": "wrk", "nginx": "nginx-light", "redis-server": "redis-server"}


def live_article_pages():
    # By name: home is the base app and imports no feature app (docs/architecture.md).
    return apps.get_model("articles", "ArticlePage").objects.live()


def fetch(url, headers=None):
    """(status, X-Cache, body text) of a GET, errors included."""
    try:
        with urlopen(Request(url, headers=headers or {}), timeout=30) as response:
            body = response.read()
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            return response.status, response.headers.get("X-Cache"), body.decode()
    except URLError as error:
        status = getattr(error, "code", 0)
        return status, getattr(error, "headers", {}).get("X-Cache"), ""


class Command(BaseCommand):
    help = "Benchmark gunicorn behind Varnish with the demo content (make bench-http)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=18080, help="Varnish; the next ones too")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--seconds", type=int, default=10, help="per wrk run")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--soak-seconds", type=int, default=60)
        parser.add_argument("--soak-connections", type=int, default=64)
        parser.add_argument("--baseline", default="", help="a commit to serve beside this one")

    def handle(self, *args, **options):
        prepare_database(self.stdout, "bench-http")
        self.stdout.write("Load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        self.options = options
        port = options["port"]
        install_packages(
            missing_packages() + [pkg for tool, pkg in TOOLS.items() if not shutil.which(tool)]
        )
        with ExitStack() as stack:
            redis_url = stack.enter_context(redis_server(port + 9))
            # The stack's own cache keys, so this process's changes clear what gunicorn cached.
            stack.enter_context(override_settings(CACHES=redis_caches(redis_url, CACHE_PREFIX)))
            with lowered_priority():
                if not live_article_pages().exists():
                    self.stdout.write("Loading the demo content…")
                    call_command("load_demo_content", stdout=open("/dev/null", "w"))
            pages = self.pages()
            queries = {name: self.count_queries(path) for name, path in pages.items()}
            web = self.start(
                stack,
                Stack(self.stack_env(redis_url, port), port=port, quiet=True),
            )
            targets = self.targets(web, pages)
            if options["baseline"]:
                targets["article (baseline)"] = self.start_baseline(stack, redis_url, port)
            self.report(targets, queries)
            self.publish_to_visible(web, pages)
            self.grace(web, pages["article"])
            self.soak(web, pages)
        self.stdout.write("\nLoad average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))

    # Set-up

    def pages(self):
        article = live_article_pages().order_by("path").first()
        self.article_pk = article.pk if article else None
        profile = (
            apps.get_model("therapists", "TherapistProfilePage")
            .objects.live()
            .order_by("path")
            .first()
        )
        if article is None or profile is None:
            raise CommandError("The demo content has no live article or profile.")
        zip_code = profile.locations.first().zip_code
        return {
            "article": article.url,
            "home": "/",
            "index": "/articles/",
            "profile": profile.url,
            "directory": f"/find-a-therapist/?location={zip_code}&radius=25",
        }

    def count_queries(self, path):
        client = Client(HTTP_HOST="127.0.0.1")
        client.get(path)  # warm: the site, settings and caches, as on a running server
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}.")
        return len(queries)

    def stack_env(self, redis_url, port, prefix=CACHE_PREFIX):
        return {
            **os.environ,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "BASE_URL": f"http://127.0.0.1:{port}",
            "SECURE_SSL_REDIRECT": "false",
            "REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": prefix,
            "EMAIL_URL": "console://",
            "DEBUG": "false",
        }

    def start(self, exit_stack, web):
        self.stdout.write("migrate, collectstatic, then gunicorn, Varnish and the worker…")
        with lowered_priority():
            web.prepare()
        exit_stack.enter_context(web)
        return web

    def targets(self, web, pages):
        varnish = f"http://127.0.0.1:{web.port}"
        gunicorn = f"http://127.0.0.1:{web.backend_port}"
        # Anonymous pages are cacheable as they are (docs/operations.md, "The page cache").
        cached = varnish + pages["article"]
        for _ in range(2):
            status, state, _ = fetch(cached, {"Accept-Encoding": "gzip"})
        if (status, state) != (200, "hit"):
            raise CommandError(f"The article did not come from the cache: {status} {state}.")
        with urlopen(Request(cached, headers={"Accept-Encoding": "gzip"})) as response:
            self.cached_body = response.read()
        targets = {"article, cache hit": (cached, [GZIP])}
        targets.update({name: (gunicorn + path, [GZIP]) for name, path in pages.items()})
        return targets

    def start_baseline(self, exit_stack, redis_url, port):
        commit = self.options["baseline"]
        with lowered_priority():
            folder, python = exit_stack.enter_context(
                baseline_checkout(settings.BASE_DIR, commit, self.stdout)
            )
            name = f"{connection.settings_dict['NAME']}_baseline"
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                exists = cursor.fetchone()
            if not exists:
                with connection._nodb_cursor() as cursor:
                    cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
            database_url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
            env = {**self.stack_env(redis_url, port + 2, "baseline"), "DATABASE_URL": database_url}
            demo_env = {**env, "DJANGO_SETTINGS_MODULE": "settings.dev"}
            for command in (["migrate", "-v", "0"], ["load_demo_content"]):
                run_python(python, folder, command, demo_env)
            old = Stack(
                env,
                port=port + 2,
                backend_port=port + 2,
                repo=folder,
                python=python,
                varnish=False,
                worker=False,
                quiet=True,
            )
            old.prepare()
        exit_stack.enter_context(old)
        path = run_python(
            python,
            folder,
            [
                "shell",
                "-c",
                (
                    "from articles.models import ArticlePage; "
                    "print(ArticlePage.objects.live().order_by('path').first().url)"
                ),
            ],
            demo_env,
        )
        return f"http://127.0.0.1:{port + 2}{path.strip().splitlines()[-1]}", [GZIP]

    # Measures

    def report(self, targets, queries):
        options = self.options
        with nginx_serving(self.cached_body, self.options["port"] + 3) as nginx_url:
            # Right after the cache hit, so both see the same moment of a shared machine.
            hit = "article, cache hit"
            targets = {
                hit: targets[hit],
                "nginx, same bytes": (nginx_url, [GZIP]),
                **{name: target for name, target in targets.items() if name != hit},
            }
            results = {name: [] for name in targets}
            for round_number in range(options["rounds"]):
                self.stdout.write(f"Round {round_number + 1} of {options['rounds']}…")
                for name, (url, headers) in targets.items():
                    results[name].append(
                        run_wrk(url, options["connections"], options["seconds"], headers)
                    )
        self.stdout.write(
            f"\nwrk -c{options['connections']} -t2, {options['seconds']} s × "
            f"{options['rounds']} rounds, interleaved; median (range)"
        )
        self.stdout.write(f"{'page':24} {'req/s':>22} {'p50 ms':>8} {'p99 ms':>8} {'SQL':>4}")
        for name, runs in results.items():
            rps = [run["rps"] for run in runs]
            sql = queries.get(name, "")
            self.stdout.write(
                f"{name:24} {statistics.median(rps):>9,.0f} ({min(rps):,.0f}–{max(rps):,.0f})"
                f" {median_of(runs, 'p50'):>8} {median_of(runs, 'p99'):>8} {sql!s:>4}"
                + ("   ERRORS" if any(r["errors"] or r["non_2xx"] for r in runs) else "")
            )
        median = {name: statistics.median(r["rps"] for r in runs) for name, runs in results.items()}
        ratio = median["article, cache hit"] / median["nginx, same bytes"]
        self.stdout.write(f"\ncache hit / nginx: {ratio:.2f}× (target ≥ 0.8)")
        if "article (baseline)" in median:
            gain = median["article"] / median["article (baseline)"]
            self.stdout.write(f"uncached article / baseline: {gain:.2f}× (target ≥ 2)")
        over = [f"{name} {count}" for name, count in queries.items() if count > 12]
        self.stdout.write(
            "SQL ≤ 12 on every page: " + ("yes" if not over else "no: " + ", ".join(over))
        )

    def publish_to_visible(self, web, pages, timeout=3.0):
        """How long after a publish or a comment approval the cached pages show it: the
        change goes through the ORM in this process, which purges Varnish as the admin does."""
        varnish = f"http://127.0.0.1:{web.port}"
        urls = {name: varnish + pages[name] for name in ("article", "index", "home")}
        article = live_article_pages().get(pk=self.article_pk)
        original = article.title
        marker = f"bench {uuid.uuid4().hex[:8]}"
        self.stdout.write("\nPublish to visible through Varnish (ORM change, then polling):")
        with override_settings(FRONTEND_CACHE_URL=varnish):
            try:
                self.warm(urls.values())
                # Only the pages that list this article can show its new title.
                listing = {n: u for n, u in urls.items() if escape(original) in fetch(u)[2]}
                article.title = f"{original} ({marker})"
                article.save_revision().publish()
                self.show_latency(listing, marker, timeout, "publish (title)")
                comment = self.pending_comment(article, marker)
                self.warm(urls.values())
                comment.status = comment.Status.APPROVED
                comment.save()
                sidebar = {name: urls[name] for name in ("article", "index")}
                self.show_latency(sidebar, marker, timeout, "comment approval")
            finally:
                article.comments.filter(body__contains=marker).delete()
                article.title = original
                article.save_revision().publish()

    def warm(self, urls):
        for url in urls:
            for _ in range(2):
                fetch(url, {"Accept-Encoding": "gzip"})

    def show_latency(self, urls, marker, timeout, what):
        for name, url in urls.items():
            state = fetch(url)[1]
            seconds = poll_until(lambda url=url: marker in fetch(url)[2], timeout)
            shown = f"{seconds * 1000:.0f} ms" if seconds is not None else f"> {timeout:.0f} s"
            self.stdout.write(f"  {what}, {name} (was X-Cache: {state}): {shown} (target ≤ 1 s)")

    def pending_comment(self, article, marker):
        return article.comments.create(
            name="Bench reader",
            email="bench@example.com",
            # The marker first: Recent Comments shows the start of the newest comments.
            body=f"{marker}: a comment from the benchmark.",
            status=article.comments.model.Status.PENDING,
        )

    def grace(self, web, path):
        varnish = f"http://127.0.0.1:{web.port}"
        cached = varnish + path
        fetch(cached)
        web.stop_process("gunicorn", signal.SIGKILL)
        try:
            hit = fetch(cached)
            other = fetch(varnish + "/")
        finally:
            web.start_gunicorn()
        self.stdout.write(
            f"\nWith gunicorn killed: the cached article {hit[0]} ({hit[1]}), "
            f"an uncached page {other[0]} (Varnish's 'restarting' page)"
        )

    def soak(self, web, pages):
        seconds, connections = self.options["soak_seconds"], self.options["soak_connections"]
        if not seconds:
            return
        paths = [*pages.values(), "/articles/feed/", "/robots.txt"]
        self.stdout.write(
            f"\nSoak: wrk {seconds} s × {connections} connections through Varnish,"
            f" rotating {', '.join(paths)}…"
        )
        result = run_wrk(
            f"http://127.0.0.1:{web.port}/",
            connections,
            seconds,
            [GZIP],
            script=rotation_script(paths),
        )
        self.stdout.write(
            f"  {result['requests']:,} requests, {result['rps']:,.0f} req/s, "
            f"p50 {median_of([result], 'p50')} ms, p99 {median_of([result], 'p99')} ms; "
            f"errors {result['errors']}, non-2xx {result['non_2xx']} (target 0 and 0)"
        )


def median_of(runs, key):
    values = [run[key] for run in runs if run[key] is not None]
    return f"{statistics.median(values):.1f}" if values else "–"


def run_python(python, folder, args, env):
    result = subprocess.run(
        [python, "manage.py", *args], cwd=folder, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"The baseline's {args[0]} failed:\n{result.stderr[-2000:]}")
    return result.stdout
