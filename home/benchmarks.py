"""Set-up and timing helpers shared by `make bench-directory` and `make bench-search`."""

import os
import statistics
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from wagtail.models import Page


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_interleaved(run, params_list, repeat=3, warm_up=3, before_each=None):
    """Run every case `repeat` times, interleaved, after warming caches and connections.

    `run(params)` returns the case's result count; `before_each()`, untimed, runs before each
    case (to empty a cache, say). Returns the timings in ms, one list per round, and each
    case's count from the first round.
    """
    for params in params_list[:warm_up]:
        run(params)
    rounds = [[] for _ in range(repeat)]
    counts = []
    for timings in rounds:
        for params in params_list:
            if before_each is not None:
                before_each()
            started = time.perf_counter()
            count = run(params)
            timings.append((time.perf_counter() - started) * 1000)
            if timings is rounds[0]:
                counts.append(count)
    return rounds, counts


def write_timings(stdout, label, rounds, counts):
    """p50/p95/max over every run ("all runs": what a visitor saw) and over each case's fastest
    run ("best of n": filters out moments when other work on a shared machine held the CPU),
    then the result counts."""
    every = [t for timings in rounds for t in timings]
    best = [min(times) for times in zip(*rounds, strict=True)]
    stdout.write(f"{label}   (n={len(counts)} x {len(rounds)})")
    for name, timings in (("all runs ", every), (f"best of {len(rounds)}", best)):
        stdout.write(
            f"  {name}  p50 {percentile(timings, 0.5):6.1f} ms"
            f"   p95 {percentile(timings, 0.95):6.1f} ms   max {max(timings):6.1f} ms"
        )
    stdout.write(
        f"  results: min {min(counts):,}, median {statistics.median(counts):,.0f}, "
        f"max {max(counts):,}"
    )


def prepare_database(stdout, command_name):
    """Refuse production and non-PostgreSQL databases, create the benchmark's database on first
    use (the only one a benchmark writes to), and migrate it."""
    if getattr(settings, "IS_PRODUCTION", False):
        raise CommandError("Refusing to run under production settings.")
    if connection.vendor != "postgresql":
        raise CommandError(
            f"The benchmark needs PostgreSQL: set DATABASE_URL (make {command_name} does)."
        )
    settings.DEBUG = False  # no query log: it would grow without bound and cost time
    try:
        connection.ensure_connection()
    except OperationalError:
        name = connection.settings_dict["NAME"]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
        stdout.write(f"Created database {name}.")
        connection.close()
    call_command("migrate", verbosity=0)


@contextmanager
def lowered_priority(niceness=10):
    """Generating data yields to other work on a shared machine; the timing that follows runs
    at the usual priority, or contention would distort it."""
    priority = os.getpriority(os.PRIO_PROCESS, 0)
    os.setpriority(os.PRIO_PROCESS, 0, max(priority, niceness))
    try:
        yield
    finally:
        os.setpriority(os.PRIO_PROCESS, 0, priority)


def live_child_page(parent, step, title, slug, content_type, locale, published):
    """An unsaved live Page row for a benchmark's bulk_create as `parent`'s `step`-th child:
    treebeard's path computed here (add_child one by one would take hours)."""
    return Page(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=Page._get_path(parent.path, parent.depth + 1, step),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=published,
        last_published_at=published,
        locale=locale,
        translation_key=uuid.uuid4(),
    )


def write_sizes(stdout, *tables):
    """The size of each table and of each of its indexes (PostgreSQL)."""
    stdout.write("Sizes (table, then its indexes):")
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                "SELECT %s, pg_relation_size(%s) UNION ALL (SELECT indexname, "
                "pg_relation_size(quote_ident(indexname)) FROM pg_indexes WHERE tablename = %s "
                "ORDER BY indexname)",
                [table, table, table],
            )
            for name, size in cursor.fetchall():
                indent = "  " if name == table else "    "
                stdout.write(f"{indent}{name}: {size / 1024 / 1024:,.1f} MB")
