vcl 4.1;
# MindWell's full-page cache in front of gunicorn (`make serve`; docs/operations.md,
# "The page cache").
#
# The contract with Django (home/cache_headers.py, home/frontend_cache.py):
# - Varnish keeps a response only when Django allows it: `Cache-Control` with public, max-age
#   or s-maxage (s-maxage wins), none of private/no-cache/no-store, and no Set-Cookie.
# - Responses name their surrogate keys in an `xkey` header (space-separated); a PURGE with an
#   `xkey-purge: key1 key2` header drops every object carrying one of them, a plain PURGE of a
#   URL drops that URL. Both only from this machine.
# - Anonymous visitors' cookies are dropped, except the directory prompt's
#   `hide_find_therapist_prompt=1`, which picks one of two variants of an HTML page.
#   A session, CSRF or messages cookie means the page is for that visitor: passed to Django.

import cookie;
import xkey;

# `backend default` (gunicorn's address): deploy/stack.py writes it beside the working
# directory, since only the launcher knows the port.
include "mindwell-backend.vcl";

# Who may purge: this machine (home/frontend_cache.py).
acl purgers {
    "127.0.0.1";
    "::1";
}

# A TLS terminator on this machine may tell us the client's address and scheme; nobody else may.
acl local_proxies {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is allowed from this machine only"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone + " objects"));
        }
        return (purge);
    }

    # Rate limits and logs need the client, not Varnish (CLIENT_IP_HEADER=HTTP_X_REAL_IP).
    if (!(client.ip ~ local_proxies && req.http.X-Real-IP)) {
        set req.http.X-Real-IP = client.ip;
    }
    if (client.ip !~ local_proxies) {
        unset req.http.X-Forwarded-Proto;
    }

    # A page past its lifetime is served stale for at most 10 s while it is fetched again in
    # the background. When gunicorn could not answer (vcl_deliver restarts the request), any
    # copy within the whole grace (24 h) will do. No health probe decides this: under a spike
    # a slow probe would mark gunicorn sick and turn slow pages into errors.
    if (req.restarts > 0 && req.http.X-Mindwell-Stale-Ok) {
        set req.grace = 24h;
    } else {
        unset req.http.X-Mindwell-Stale-Ok;
        set req.grace = 10s;
    }

    if (req.method != "GET" && req.method != "HEAD") {
        # POST answers (forms), and the built-in rules for anything else.
        return (pass);
    }
    # Per-visitor and one-time pages: the admin, previews (under /admin/), account pages, and
    # the token links and "check your email" pages of joining and the newsletter (/join/ itself
    # is a public page). Django marks none of them cacheable either.
    if (req.url ~ "^/(admin|django-admin|account)(/|\?|$)"
        || req.url ~ "^/join/(verify|check-your-email)/"
        || req.url ~ "^/newsletter/(confirm|unsubscribe|check-your-email)/"
        || req.url ~ "^/directory/hide-prompt/") {
        return (pass);
    }

    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        if (cookie.isset("sessionid") || cookie.isset("csrftoken") || cookie.isset("messages")) {
            # Signed in, part-way through a form, or a "thank you" waiting to be shown.
            return (pass);
        }
        if (cookie.get("hide_find_therapist_prompt") == "1") {
            set req.http.Cookie = "hide_find_therapist_prompt=1";
        } else {
            unset req.http.Cookie;
        }
    }
    # The built-in checks but its cookie rule (it passes any Cookie, the prompt's included).
    call vcl_req_host;
    call vcl_req_method;
    call vcl_req_authorization;
    return (hash);
}

sub vcl_hash {
    # One site: a page is the same whatever Host asked for it (every link comes from BASE_URL,
    # Django refuses unknown hosts), so objects are keyed by path and query, and purges need no
    # Host. The prompt cookie picks a variant through Vary (vcl_backend_response), so a PURGE of
    # a URL drops both.
    hash_data(req.url);
    return (lookup);
}

sub vcl_backend_response {
    # Keep what we have for a day past its lifetime: served while gunicorn is down (see req.grace).
    set beresp.grace = 24h;

    # A failed background refresh keeps the stale copy instead of caching the error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }

    # Image renditions: a new image or focal point gets a new file name, so they keep for long.
    # Django marks them immutable for a year (home/media.py); a month for any other backend.
    if (bereq.url ~ "^/media/images/" && beresp.status == 200) {
        unset beresp.http.Set-Cookie;
        if (beresp.http.Cache-Control !~ "immutable") {
            set beresp.http.Cache-Control = "public, max-age=2592000";
        }
        set beresp.ttl = 30d;
        return (deliver);
    }

    # Only what Django declared shareable.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)"
        || beresp.http.Cache-Control !~ "(?i)(public|s-maxage|max-age)"
        || beresp.http.Vary == "*") {
        # Hit-for-miss: the next request goes straight to Django, and is kept if it may be.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }

    if (beresp.http.Content-Type ~ "(?i)^text/html") {
        # The two variants of a page: with and without the directory prompt.
        if (!beresp.http.Vary) {
            set beresp.http.Vary = "Cookie";
        } elsif (beresp.http.Vary !~ "(?i)(^|,)\s*cookie\s*(,|$)") {
            set beresp.http.Vary = beresp.http.Vary + ", Cookie";
        }
    }

    # Text is compressed once, when cached, and served compressed to every client that accepts
    # it (Varnish unzips for the rest). Passed responses (per-visitor pages) are left as
    # Django made them; static files come precompressed from WhiteNoise.
    if (beresp.http.Content-Type ~ "(?i)^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript|ld\+json)|image/svg\+xml)"
        && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
}

sub vcl_deliver {
    # gunicorn is down or restarting: look again, for a stale copy this time.
    if (resp.status == 503 && req.restarts == 0 && (req.method == "GET" || req.method == "HEAD")) {
        set req.http.X-Mindwell-Stale-Ok = "1";
        return (restart);
    }
    # Surrogate keys are for purging here, not for clients.
    unset resp.http.xkey;
    # The browser's max-age counts from when it receives the page: an Age of minutes spent in
    # Varnish would make a page stale on arrival (Varnish is purged on change; browsers are not).
    if (resp.http.Content-Type ~ "(?i)^text/html") {
        unset resp.http.Age;
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}

sub vcl_backend_error {
    # gunicorn is down and nothing is cached for this page: say so plainly, with the crisis
    # lines the site's own 500 page gives.
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "30";
    set beresp.http.Cache-Control = "no-store";
    set beresp.body = {"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>MindWell is restarting</title></head>
<body>
<main>
<h1>MindWell is restarting</h1>
<p>This page is not available for a moment. Please try again in a minute.</p>
<p>If you need help now, call or text <strong>988</strong> (Suicide &amp; Crisis Lifeline) or, in an emergency, call <strong>911</strong>.</p>
</main>
</body>
</html>
"};
    return (deliver);
}
