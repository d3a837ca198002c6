"""The fuzz suite (docs/security.md, "The fuzz suite"): Hypothesis sends generated requests to
every public endpoint and form of a live server and fails on any 5xx.

`pytest` (so `make test`) runs a short, derandomised pass: FUZZ_EXAMPLES (default 12) examples
an endpoint. `make fuzz` runs it at full length (2,000 an endpoint, random) against PostgreSQL.
The summary line (requests, statuses, 5xx, time) is printed at the end of the run.
"""

import os
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from articles.models import Subscriber
from articles.newsletter import confirmation_token
from articles.tests.utils import make_article, make_author, make_index, make_topic
from therapists.tests.fixtures import build_directory

from .fuzzing import ARABIC_ZIP, Request, Tally, endpoints, send

UTF16_FORM = "application/x-www-form-urlencoded; charset=utf-16"

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
FULL_RUN = EXAMPLES >= 500
# A full run explores (a new seed each time); the short one is the same every run.
DERANDOMIZE = os.environ.get("FUZZ_DERANDOMIZE", "0" if FULL_RUN else "1") == "1"
THREADS = int(os.environ.get("FUZZ_THREADS", "3"))
# A full-length run of some endpoints only (their names, comma-separated), e.g. new ones.
ONLY = {name.strip() for name in os.environ.get("FUZZ_ONLY", "").split(",") if name.strip()}


@pytest.fixture
def fuzz_content(live_db):
    """An article with a topic and an author, the directory, a subscriber: what the endpoints
    need to reach their views (a form on a page that exists, a token that is real)."""
    index = make_index()
    topic, author = make_topic("Anxiety"), make_author()
    article = make_article(index, "Coping with panic", topics=[topic], authors=[author])
    directory, _, people = build_directory()
    subscriber = Subscriber.objects.create(email="reader@example.com", confirm_nonce="n1")
    return {
        "index": index.url,
        "article": article.url,
        "topic": f"{index.url}topics/{topic.slug}/",
        "author": f"{index.url}authors/{author.slug}/",
        "directory": directory.url,
        "city": f"{directory.url}locations/or/portland/",
        "profile": people["A"].url,
        "unsubscribe": f"/newsletter/unsubscribe/{subscriber.token}/",
        "confirm": f"/newsletter/confirm/{confirmation_token(subscriber)}/",
    }


def fuzz_endpoint(base_url, endpoint, tally):
    """Run Hypothesis on one endpoint; the failing request (shrunk) as a string, or None."""

    @settings(
        max_examples=EXAMPLES,
        derandomize=DERANDOMIZE,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(request=endpoint.strategy())
    def check(request):
        status = send(base_url, request)
        tally.add(endpoint.name, status)
        assert status < 500, f"{status} for {request!r}"

    try:
        check()
    except AssertionError as error:
        return f"{endpoint.name}: {error}"
    except Exception as error:  # noqa: BLE001 (a 5xx that did not happen again: FlakyFailure)
        # Reported like any 5xx, and the other endpoints go on (pool.map would cancel them).
        return f"{endpoint.name}: {type(error).__name__}: {error}"
    return None


def test_no_generated_request_gets_a_5xx(fuzz_content, live_server, request):
    targets = endpoints(fuzz_content)
    if ONLY:
        unknown = ONLY - {endpoint.name for endpoint in targets}
        assert not unknown, f"FUZZ_ONLY names no endpoint: {sorted(unknown)}"
        targets = [endpoint for endpoint in targets if endpoint.name in ONLY]
    for name in ("article", "profile", "city", "topic", "author", "unsubscribe"):
        # The content is really there, so the forms and pages are reached, not 404s.
        status = send(live_server.url, Request("GET", fuzz_content[name], "", ("", b"")))
        assert status == 200, (name, status)
    # The issue's own findings, over HTTP (on PostgreSQL in CI and `make fuzz`).
    findings = [
        (Request("GET", "/newsletter/unsubscribe/%00/", "", ("", b"")), 404),
        (Request("GET", "/%00/", "", ("", b"")), 404),
        (
            Request("GET", fuzz_content["directory"], f"location={quote(ARABIC_ZIP)}", ("", b"")),
            200,
        ),
        (Request("POST", fuzz_content["article"], "", (UTF16_FORM, "a=b".encode("utf-16"))), 400),
        (Request("POST", "/join/", "", ("multipart/form-data; boundary=", b"--\r\n")), 400),
        (Request("POST", "/newsletter/", "", ("multipart/form-data; boundary=", b"")), 400),
    ]
    for finding, expected in findings:
        assert send(live_server.url, finding) == expected, finding
    tally = Tally()
    with ThreadPoolExecutor(THREADS) as pool:
        failures = [
            failure
            for failure in pool.map(lambda e: fuzz_endpoint(live_server.url, e, tally), targets)
            if failure
        ]
    request.config.fuzz_summary = tally.summary()
    assert not failures, "\n".join(failures)
    assert min(tally.by_endpoint.values()) >= min(EXAMPLES, 10)
