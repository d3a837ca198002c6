"""The fuzz suite's requests: every public endpoint and form, and what Hypothesis sends them.

Each `Endpoint` is a method, a path (with generated segments where the URL takes a slug or a
token) and a Hypothesis strategy for the rest: query strings (known parameters with hostile
values, unknown ones, repeats, raw bytes that are not UTF-8), form bodies (the form's fields,
URL-encoded, multipart, in UTF-16, with broken boundaries, with and without a CSRF token),
paths (NUL, over-long names, percent-encoded garbage). Requests go over real HTTP to a live
server (home/tests/test_fuzz.py); any 5xx fails. docs/security.md, "The fuzz suite".
"""

import http.client
import os
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote, quote_from_bytes, urlencode, urlsplit

from hypothesis import strategies as st

from articles.middleware import WORDPRESS_PARAMETERS
from therapists.facets import FACETS, FLAGS

CLOSED = 0  # the server closed the connection without an answer (not a 5xx)
PROGRESS_FILE = os.environ.get("FUZZ_PROGRESS", "")
CSRF_SECRET = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz"  # 32 characters: Django accepts it unmasked
ARABIC_ZIP = "\u0669\u0667\u0662\u0661\u0664"
# Values that broke, or could break, something: digits that are not 0-9, NUL and other control
# and format characters, numbers out of range, markup, traversal, over-long text.
SPECIAL = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "2",
    "25",
    "97214",
    "97214-1234",
    ARABIC_ZIP,
    "９７２１４",
    "²",
    "²²²²²",
    "\u2460",
    "1e999",
    "99999999999999999999999999",
    "NaN",
    "\x00",
    "a\x00b",
    "\x1f\x7f",
    "Admin\u202etoor\u202c",
    "\u2066\u2067\u2068\u2069",
    "\ufeff\u200b",
    "\ud7ff\ue000\U0010ffff",
    "Portland, OR",
    "portland",
    "OR",
    "anxiety",
    "cbt",
    "english",
    "female",
    "name",
    "distance",
    "newest",
    "title",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"',
    "%",
    "%00",
    "../../../etc/passwd",
    "a@b.c",
    "a@ex\u202eample.com",
    "https://example.com/",
    "javascript:alert(1)",
    "x" * 256,
    "é" * 200,
    "9" * 5000,
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-16",
    "application/x-www-form-urlencoded; charset=latin-1",
    "application/x-www-form-urlencoded; charset=nonsense",
    "multipart/form-data; boundary=",
    "multipart/form-data",
    "multipart/form-data; boundary=xyz",
    "application/json",
    "text/plain",
    "",
]

text_values = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=40),
    st.text(
        alphabet=st.characters(categories=["Cc", "Cf", "Nd", "No", "Zl", "Zp", "Zs"]), max_size=12
    ),
    st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(30, 1500)),
)


def _quote(value):
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


# A path segment or query value as it goes on the wire: percent-encoded text, or raw bytes that
# need not be UTF-8.
encoded_values = st.one_of(
    text_values.map(_quote),
    st.binary(max_size=40).map(lambda b: quote_from_bytes(b, safe="")),
)


def query_strings(names):
    """?name=value pairs: the endpoint's parameters (often), any name (sometimes), repeats."""
    name = st.one_of(st.sampled_from(names), text_values.map(str)) if names else text_values
    pair = st.tuples(name.map(_quote), encoded_values)
    return st.lists(pair, max_size=6).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


def form_bodies(fields):
    """(content type, body bytes): the form's fields with hostile values, in any encoding."""
    values = st.fixed_dictionaries({}, optional={name: text_values for name in fields})
    extra = st.dictionaries(text_values, text_values, max_size=3)

    def encode(draw_values, more, content_type, with_token, raw):
        data = {**draw_values, **more}
        if with_token:
            data["csrfmiddlewaretoken"] = CSRF_SECRET
        if raw is not None:
            return content_type, raw
        if content_type.startswith("multipart/form-data; boundary=xyz"):
            parts = [
                f'--xyz\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                for k, v in data.items()
            ]
            return content_type, ("".join(parts) + "--xyz--\r\n").encode("utf-8", "surrogatepass")
        body = urlencode(
            {
                k.encode("utf-8", "surrogatepass"): v.encode("utf-8", "surrogatepass")
                for k, v in data.items()
            }
        )
        if "utf-16" in content_type:
            return content_type, body.encode("utf-16")
        return content_type, body.encode("ascii")

    return st.builds(
        encode,
        values,
        extra,
        st.one_of(st.just(CONTENT_TYPES[0]), st.sampled_from(CONTENT_TYPES)),
        st.sampled_from([True, True, True, False]),  # mostly past CSRF, into the view
        st.one_of(st.none(), st.none(), st.binary(max_size=200)),
    )


@dataclass
class Endpoint:
    name: str
    method: str
    path: str  # "{}" stands for a generated path segment
    params: list = field(default_factory=list)  # query parameters
    fields: list = field(default_factory=list)  # form fields (POST)

    def strategy(self):
        segments = self.path.count("{}")
        path = st.tuples(*[encoded_values] * segments).map(lambda parts: self.path.format(*parts))
        query = query_strings(self.params)
        body = form_bodies(self.fields) if self.method == "POST" else st.just(("", b""))
        return st.builds(Request, st.just(self.method), path, query, body)


@dataclass
class Request:
    method: str
    path: str
    query: str
    body: tuple  # (content type, bytes)

    def target(self):
        return self.path + (f"?{self.query}" if self.query else "")

    def __repr__(self):
        content_type, body = self.body
        shown = f" [{content_type}] {body[:300]!r}" if self.method == "POST" else ""
        return f"{self.method} {self.target()[:500]}{shown}"


DIRECTORY_PARAMS = [
    "location",
    "radius",
    "q",
    "max_fee",
    "sort",
    "page",
    *(facet.param for facet in FACETS),
    *(flag.param for flag in FLAGS),
]
COMMENT_FIELDS = ["name", "email", "website", "body", "started", "leave_empty", "parent"]
CONTACT_FIELDS = ["name", "email", "phone", "message", "consent", "website"]
REPORT_FIELDS = ["reason", "details", "reporter_email", "website"]
JOIN_FIELDS = [
    "name",
    "email",
    "password1",
    "password2",
    "profession",
    "license_type",
    "license_number",
    "license_state",
    "zip_code",
    "accept_terms",
]


def endpoints(urls):
    """Every public endpoint and form; `urls` gives the paths of the content they need:
    article, index, topic, author, profile, directory, state, city, unsubscribe, confirm."""
    page = ["page", *WORDPRESS_PARAMETERS]
    return [
        Endpoint("home", "GET", "/", page),
        Endpoint("articles index", "GET", urls["index"], page),
        Endpoint("topics", "GET", urls["index"] + "topics/", page),
        Endpoint("topic", "GET", urls["index"] + "topics/{}/", page),
        Endpoint("topic (existing)", "GET", urls["topic"], page),
        Endpoint("author", "GET", urls["index"] + "authors/{}/", page),
        Endpoint("author (existing)", "GET", urls["author"], page),
        Endpoint("feed", "GET", urls["index"] + "feed/", page),
        Endpoint("corrections", "GET", urls["index"] + "corrections/", page),
        Endpoint("topic feed", "GET", urls["index"] + "topics/{}/feed/", page),
        Endpoint("article", "GET", urls["article"], ["replytocom", *page]),
        Endpoint("comment", "POST", urls["article"], [], COMMENT_FIELDS),
        Endpoint("newsletter", "GET", "/newsletter/", ["email"]),
        Endpoint("newsletter sign-up", "POST", "/newsletter/", [], ["email", "leave_empty"]),
        Endpoint("newsletter confirm", "GET", "/newsletter/confirm/{}/"),
        Endpoint("newsletter confirm POST", "POST", "/newsletter/confirm/{}/", [], ["confirm"]),
        Endpoint("newsletter confirm (real)", "POST", urls["confirm"], [], ["confirm"]),
        Endpoint("unsubscribe", "GET", "/newsletter/unsubscribe/{}/"),
        Endpoint(
            "unsubscribe POST", "POST", "/newsletter/unsubscribe/{}/", [], ["List-Unsubscribe"]
        ),
        Endpoint("unsubscribe (real)", "POST", urls["unsubscribe"], [], ["List-Unsubscribe"]),
        Endpoint("search", "GET", "/search/", ["q", "scope", "sort", "page"]),
        Endpoint("search suggestions", "GET", "/search/suggest/", ["q"]),
        Endpoint("directory", "GET", urls["directory"], DIRECTORY_PARAMS),
        Endpoint("browse locations", "GET", urls["directory"] + "locations/", page),
        Endpoint("browse a state", "GET", urls["directory"] + "locations/{}/", page),
        Endpoint("browse a city", "GET", urls["directory"] + "locations/{}/{}/", page),
        Endpoint("browse (existing city)", "GET", urls["city"], page),
        Endpoint("profile", "GET", urls["profile"], ["from", *page]),
        Endpoint("contact", "POST", urls["profile"], [], CONTACT_FIELDS),
        Endpoint("hide prompt", "POST", "/directory/hide-prompt/", [], ["next"]),
        Endpoint("report", "GET", "/directory/report/{}/"),
        Endpoint("report POST", "POST", "/directory/report/{}/", [], REPORT_FIELDS),
        Endpoint("message sent", "GET", "/directory/message-sent/{}/"),
        Endpoint("availability link", "GET", "/directory/availability/{}/"),
        Endpoint("availability link POST", "POST", "/directory/availability/{}/", [], ["answer"]),
        Endpoint("therapists near", "GET", "/directory/near/", ["location", "issue"]),
        Endpoint("insight beacon", "POST", "/directory/insight/", [], ["event", "profile"]),
        Endpoint("join", "GET", "/join/"),
        Endpoint("join POST", "POST", "/join/", [], JOIN_FIELDS),
        Endpoint("join verify", "GET", "/join/verify/{}/"),
        Endpoint("account login", "GET", "/admin/login/", ["next"]),
        Endpoint("account login POST", "POST", "/admin/login/", ["next"], ["username", "password"]),
        Endpoint("sitemap", "GET", "/sitemap.xml", ["p", "page"]),
        Endpoint("robots", "GET", "/robots.txt"),
        Endpoint("any path", "GET", "/{}"),
        Endpoint("any path below", "GET", "/{}/{}/"),
        Endpoint("documents", "GET", "/documents/{}/{}"),
    ]


class Tally:
    """Requests sent and answers by status, for the run's summary (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_status = {}
        self.by_endpoint = {}
        self.failures = {}
        self.started = time.monotonic()

    def add(self, endpoint, status):
        with self.lock:
            self.by_status[status] = self.by_status.get(status, 0) + 1
            self.by_endpoint[endpoint] = self.by_endpoint.get(endpoint, 0) + 1
            if PROGRESS_FILE and self.requests % 500 == 0:
                # A long run says how far it is (FUZZ_PROGRESS names the file).
                with open(PROGRESS_FILE, "w") as progress:
                    progress.write(self.summary() + "\n")

    @property
    def requests(self):
        return sum(self.by_status.values())

    @property
    def server_errors(self):
        return sum(n for status, n in self.by_status.items() if status >= 500)

    def summary(self):
        seconds = time.monotonic() - self.started
        statuses = ", ".join(f"{s or 'closed'}: {n}" for s, n in sorted(self.by_status.items()))
        fewest = min(self.by_endpoint.values(), default=0)
        return (
            f"fuzz: {self.requests} requests to {len(self.by_endpoint)} endpoints "
            f"(at least {fewest} each) in {seconds:.0f} s; {self.server_errors} × 5xx; "
            f"statuses {statuses}"
        )


def send(base_url, request, timeout=60):
    """Send `request` as it is (no client-side normalising) and return the status code."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        content_type, body = request.body
        headers = {"Cookie": f"csrftoken={CSRF_SECRET}", "Connection": "close"}
        if request.method == "POST":
            # This site's own origin, as a browser sends it: public forms check it
            # (home/public_forms.py), so the generated bodies reach the views.
            headers["Origin"] = f"{parts.scheme}://{parts.netloc}"
            headers["Content-Type"] = content_type
            headers["Content-Length"] = str(len(body))
        connection.putrequest(request.method, request.target(), skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        try:
            connection.endheaders(body if request.method == "POST" else None)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered before reading it all (a 414 for a huge URL): read that
        try:
            response = connection.getresponse()
            response.read()
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            return CLOSED
        return response.status
    finally:
        connection.close()
