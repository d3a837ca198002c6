"""Benchmark the directory on PostgreSQL with 50,000 profiles (`make bench-directory`).

Builds the data once, in bulk: page rows with treebeard paths computed here (add_child one by
one would take hours), profile rows, practice locations, many-to-many rows and the name search
index. Later runs reuse it. Then it times, for random ZIP codes near US metros:

- the search: ZIP + 25-mile radius + two filters (issue and insurance), counting the results
  and fetching the first page of cards with everything a card shows;
- the whole results page: an HTTP request through Django (facets, template, middleware);
- the same three measures for a name search, a whole state and the landing page (no criteria),
  each as the first visitor after a change meets it and with the cache warm;
- what the task worker does after each change (the options' bits, the landing page);
- "Did you mean": the suggestion for a misspelt surname, and its results page;

and prints p50/p95/max (every run and best of 3), the result counts and the size of the
directory's tables and indexes. Generating runs at a lowered priority (nice 10).
"""

import random
import time
from functools import partial
from urllib.parse import urlencode

import zipcodes
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import QueryDict
from django.test import Client
from django.utils import timezone
from django.utils.text import slugify
from tqdm import tqdm
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from home.benchmarks import (
    live_child_page,
    lowered_priority,
    prepare_database,
    time_interleaved,
    write_sizes,
    write_timings,
)
from home.models import SiteSettings
from therapists.bench_data import FIRST_NAMES, LAST_NAMES, OPENINGS, PROMISES
from therapists.counts import count_facets, current_version, forget_facet_counts
from therapists.finder import DirectorySearch
from therapists.forms import DirectorySearchForm
from therapists.landing_cache import warm_landing_page
from therapists.models import (
    Approach,
    Identity,
    Insurer,
    Issue,
    Language,
    PracticeLocation,
    Profession,
    ProfileAvailability,
    State,
    TherapistIndexPage,
    TherapistProfilePage,
    accepting_cutoff,
)
from therapists.models.pages import sort_name_for
from therapists.name_suggestions import suggest_name
from therapists.option_bits import option_bits
from therapists.views import RESULTS_PER_PAGE

# Downtown ZIP codes of 40 large US cities: most therapists practise near one.
METRO_ZIPS = """10001 90012 60601 77002 85004 19103 78205 92101 75201 95113 78701 32202 43215
28202 94102 46204 98101 80202 20001 02108 37203 97204 89101 48226 38103 21202 53202 87102
85701 93721 95814 64106 30303 33130 55401 70112 44113 15222 63101 84101""".split()
BATCH = 2000


class Command(BaseCommand):
    help = "Generate 50,000 therapist profiles on PostgreSQL (once) and time directory searches."

    def add_arguments(self, parser):
        parser.add_argument("--profiles", type=int, default=50_000)
        parser.add_argument("--queries", type=int, default=200, help="searches per measure")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, **options):
        prepare_database(self.stdout, "bench-directory")
        rng = random.Random(options["seed"])
        index = self.ensure_directory()
        existing = TherapistProfilePage.objects.count()
        missing = options["profiles"] - existing
        if missing > 0:
            self.stdout.write(f"Creating {missing:,} profiles ({existing:,} exist)…")
            started = time.perf_counter()
            with lowered_priority():
                self.generate(index, missing, rng)
            self.stdout.write(f"  done in {time.perf_counter() - started:.0f} s")
        else:
            self.stdout.write(f"Reusing {existing:,} profiles.")
        self.measure(options["queries"], rng)

    def ensure_directory(self):
        index = TherapistIndexPage.objects.first()
        if index is None:
            # The demo gives the directory page, the vocabularies and 44 hand-made profiles.
            call_command("load_demo_content", stdout=open("/dev/null", "w"))
            index = TherapistIndexPage.objects.get()
        return index

    # Data

    def metro_zips(self):
        zips = []
        for zip_code in METRO_ZIPS:
            centre = zipcodes.matching(zip_code)[0]
            for record in zipcodes.filter_by_coordinates(
                float(centre["lat"]), float(centre["long"]), 30
            ):
                if record["lat"] and record["long"]:
                    zips.append(record)
        return zips

    def generate(self, index, count, rng):
        metro = self.metro_zips()
        anywhere = [r for r in zipcodes.list_all() if r["lat"] and r["long"] and r["active"]]
        vocab = {
            "issues": list(Issue.objects.all()),
            "approaches": list(Approach.objects.all()),
            "professions": list(Profession.objects.all()),
            "languages": list(Language.objects.all()),
            "insurers": list(Insurer.objects.all()),
            "identities": list(Identity.objects.all()),
            "states": {state.code for state in State.objects.all()},
        }
        content_type = ContentType.objects.get_for_model(TherapistProfilePage)
        locale = Locale.get_default()
        index = Page.objects.get(pk=index.pk)
        next_step = index.numchild + 1
        with tqdm(total=count, unit="profile") as progress:
            while count > 0:
                size = min(BATCH, count)
                with transaction.atomic():
                    self.create_batch(
                        index, next_step, size, rng, metro, anywhere, vocab, content_type, locale
                    )
                    next_step += size
                    Page.objects.filter(pk=index.pk).update(numchild=next_step - 1)
                count -= size
                progress.update(size)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def create_batch(self, index, first_step, size, rng, metro, anywhere, vocab, ctype, locale):
        now = timezone.now()
        today = timezone.localdate()
        rows = []
        for offset in range(size):
            step = first_step + offset
            gender = rng.choice(["female"] * 5 + ["male"] * 4 + ["non-binary"])
            name = f"{rng.choice(FIRST_NAMES[gender])} {rng.choice(LAST_NAMES)}"
            slug = f"{slugify(name)}-{step}"
            page = live_child_page(index, step, name, slug, ctype, locale, now)
            rows.append((page, gender))
        pages = Page.objects.bulk_create([page for page, _ in rows])

        profiles, availability, locations = [], [], []
        m2m = {name: [] for name in ("issues", "top", "approaches", "languages", "insurers")}
        m2m.update(identities=[], online_states=[])
        for (page, gender), _ in zip(rows, pages, strict=True):
            record = rng.choice(metro) if rng.random() < 0.8 else rng.choice(anywhere)
            online = rng.random() < 0.6
            fee = rng.choice([60, 80, 100, 120, 150, 180, 220])
            profiles.append(
                TherapistProfilePage(
                    page_ptr_id=page.pk,
                    sort_name=sort_name_for(page.title),
                    statement=f"{rng.choice(OPENINGS)} {rng.choice(PROMISES)}",
                    credentials="LPC",
                    profession=rng.choice(vocab["professions"]),
                    gender=gender,
                    fee_min=fee,
                    fee_max=fee + 40,
                    sliding_scale=rng.random() < 0.4,
                    offers_online=online,
                    offers_in_person=not online or rng.random() < 0.7,
                    license_state=record["state"] if record["state"] in vocab["states"] else "",
                )
            )
            availability.append(
                ProfileAvailability(
                    profile_id=page.pk,
                    accepting_new_clients=rng.random() < 0.8,
                    confirmed_on=today,
                )
            )
            for loc in [record] + ([rng.choice(metro)] if rng.random() < 0.1 else []):
                locations.append(
                    PracticeLocation(
                        profile_id=page.pk,
                        sort_order=len(locations),
                        city=loc["city"],
                        city_slug=slugify(loc["city"]),
                        state=loc["state"],
                        zip_code=loc["zip_code"],
                        latitude=float(loc["lat"]),
                        longitude=float(loc["long"]),
                    )
                )
            issues = rng.sample(vocab["issues"], rng.randint(3, 8))
            m2m["issues"] += [(page.pk, item.pk) for item in issues]
            m2m["top"] += [(page.pk, item.pk) for item in issues[:2]]
            for name, low, high in (
                ("approaches", 1, 4),
                ("languages", 1, 2),
                ("insurers", 0, 4),
                ("identities", 0, 1),
            ):
                chosen = rng.sample(vocab[name], rng.randint(low, high))
                m2m[name] += [(page.pk, item.pk) for item in chosen]
            if online and record["state"] in vocab["states"]:
                m2m["online_states"].append((page.pk, record["state"]))

        # Multi-table inheritance has no bulk_create: insert the child table's rows directly.
        fields = TherapistProfilePage._meta.local_concrete_fields
        TherapistProfilePage.objects._insert(profiles, fields=fields)
        ProfileAvailability.objects.bulk_create(availability)
        PracticeLocation.objects.bulk_create(locations)
        relations = {
            "issues": "issues",
            "top": "top_specialties",
            "approaches": "approaches",
            "languages": "languages",
            "insurers": "insurers",
            "identities": "identities",
            "online_states": "online_states",
        }
        for key, relation in relations.items():
            through = getattr(TherapistProfilePage, relation).through
            source, target = (
                f.attname
                for f in through._meta.concrete_fields
                if f.is_relation and f.attname != "id"
            )
            through.objects.bulk_create(
                [through(**{source: a, target: b}) for a, b in m2m[key]], ignore_conflicts=True
            )
        # The name search index, in bulk (titles only: `?q=` searches names).
        get_search_backend().add_bulk(
            TherapistProfilePage,
            list(TherapistProfilePage.objects.filter(pk__in=[page.pk for page in pages])),
        )

    # Timing

    def measure(self, queries, rng):
        metro = [r["zip_code"] for r in self.metro_zips()]
        issues = list(Issue.objects.values_list("slug", flat=True))
        insurers = list(Insurer.objects.values_list("slug", flat=True))
        cutoff = accepting_cutoff(SiteSettings.for_default_site())
        total_profiles = TherapistProfilePage.objects.live().count()
        self.stdout.write(
            f"\n{total_profiles:,} live profiles, "
            f"{PracticeLocation.objects.count():,} practice locations. "
            f"{queries} queries per measure.\n"
        )
        params_list = [
            {
                "location": rng.choice(metro),
                "radius": "25",
                "issue": rng.choice(issues),
                "insurance": rng.choice(insurers),
            }
            for _ in range(queries)
        ]

        def search(params, facets=False):
            form = DirectorySearchForm(_query_dict(params))
            assert form.is_valid(), form.errors
            matches = DirectorySearch(form.cleaned_data, cutoff).run()
            paginator = Paginator(matches.results, RESULTS_PER_PAGE)
            list(paginator.page(1))
            if facets:
                count_facets(matches)
            return paginator.count

        self.report("search: ZIP + 25 mi + issue + insurance", search, params_list)
        self.report(
            "search and facet counts (every query of a results page)",
            lambda params: search(params, facets=True),
            params_list,
        )

        client = Client(HTTP_HOST="localhost")

        def render(params):
            response = client.get("/find-a-therapist/?" + urlencode(params))
            assert response.status_code == 200, response.status_code
            html = response.content.decode()
            return int(html.split('data-total="', 1)[1].split('"', 1)[0])

        self.report("results page: same searches, whole HTTP response", render, params_list)
        names = [{"q": rng.choice(LAST_NAMES)} for _ in range(max(10, queries // 10))]
        states = [{"location": rng.choice(["CA", "TX", "NY", "IL"])} for _ in range(10)]
        typos = [{"q": misspelt(rng.choice(LAST_NAMES), rng)} for _ in range(20)]
        for label, cases in (
            ("name search (q) alone", names),
            ("a whole state (large result set)", states),
            ("no criteria (all profiles)", [{}] * 10),
        ):
            # Their order and counts are cached (finder.py, counts.py): timed as the first
            # visitor after a change to the directory meets them (every cache emptied; the
            # options' bits rebuilt, as the task worker does at once: landing_cache.py), and
            # as the next ones do.
            for state, before_each in (
                ("cache cold", partial(after_a_change, cutoff)),
                ("cache warm", None),
            ):
                self.report(f"search: {label}, {state}", search, cases, before_each)
                self.report(
                    f"search and facet counts: {label}, {state}",
                    partial(search, facets=True),
                    cases,
                    before_each,
                )
                self.report(f"results page: {label}, {state}", render, cases, before_each)
        self.report(
            "the task worker after a change: option bits, landing page order and counts",
            lambda _params: (forget_facet_counts(), warm_landing_page.call())[1],
            [{}] * 5,
        )
        self.report(
            "did you mean: a misspelt surname (suggest_name; 1 = a suggestion)",
            lambda params: int(suggest_name(params["q"]) is not None),
            typos,
        )
        self.report("results page: a misspelt surname (did you mean)", render, typos)
        write_sizes(
            self.stdout,
            TherapistProfilePage._meta.db_table,
            PracticeLocation._meta.db_table,
            "wagtailsearch_indexentry",
        )

    def report(self, label, run, params_list, before_each=None):
        """Each search runs three times, interleaved: every run counts for "all runs";
        "best of 3" keeps each search's fastest, which filters out moments when other work
        on a shared machine held the CPU (the cost of the search itself)."""
        rounds, counts = time_interleaved(
            run, params_list, repeat=3, warm_up=5, before_each=before_each
        )
        write_timings(self.stdout, label, rounds, counts)


def after_a_change(accepting_since):
    """What a change to the directory leaves: every search's cache emptied (signals.py), and
    the options' bits read again by the task worker (landing_cache.py, option_bits.py)."""
    forget_facet_counts()
    option_bits(current_version(), accepting_since)


def misspelt(word, rng):
    """The word with one letter dropped, doubled or swapped with the next (not the first)."""
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "swap"])
    if kind == "drop":
        return word[:at] + word[at + 1 :]
    if kind == "double":
        return word[: at + 1] + word[at:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _query_dict(params):
    return QueryDict(urlencode(params))
