"""Settings shared by every environment.

This is the one module that reads the environment; dev, test and production only
choose defaults and tighten what they must. docs/configuration.md lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .parsers import email_settings, join_base_url, redis_caches, split_base_url

SITE_DIR = Path(__file__).resolve().parent.parent  # site/, the configuration source root
BASE_DIR = SITE_DIR.parent  # the repository root, where the apps live


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
# Where the site is served. Every absolute URL (feeds, sitemap, canonical, Open Graph, JSON-LD,
# emails, the admin) is built from it (home/absolute.py) and the default Site record follows
# it. `make run` sets it from HOST and PORT; production refuses to start without it.
base_url_given = bool(os.environ.get("BASE_URL", "").strip())
_base_scheme, _base_host, _base_port = split_base_url(
    os.environ.get("BASE_URL", "").strip() or "http://127.0.0.1:8000"
)
BASE_URL = join_base_url(_base_scheme, _base_host, _base_port)  # normalised: no trailing slash
# The default hosts and trusted origins include BASE_URL's, so the site answers where it links.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", f"localhost,127.0.0.1,[::1],{_base_host}")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", BASE_URL)
# Behind reverse proxies: the META key of the header carrying the client's address (e.g.
# HTTP_X_FORWARDED_FOR or HTTP_X_REAL_IP); empty means REMOTE_ADDR. TRUSTED_PROXY_HOPS: how many
# proxies append to it, so the client is the entry that many from the right (never the leftmost,
# which the client writes). Rate limits, comments and the login throttle identify the client by
# it (home/client_identity.py, docs/security.md), hashed, never stored.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
_hops = os.environ.get("TRUSTED_PROXY_HOPS", "1").strip()
if not (_hops.isascii() and _hops.isdigit() and int(_hops) >= 1):
    raise ImproperlyConfigured(
        f"TRUSTED_PROXY_HOPS is the number of proxies in front, 1 or more (not {_hops!r})."
    )
TRUSTED_PROXY_HOPS = int(_hops)

INSTALLED_APPS = [
    "home",
    "articles",
    "therapists",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    # Background tasks (Wagtail 8's own and ours): django-tasks and its database backend, whose
    # `db_worker` runs them in production (`make serve`); dev and tests run them immediately.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: requests no view could read (undecodable bodies, NUL characters) get a 400 before
    # anything else reads them (home/request_guard.py).
    "home.request_guard.RequestGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (home/security_headers.py).
    "home.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session and CSRF middleware: it sees the cookies they set (home/cache_headers.py).
    "home.cache_headers.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The site and the rest of every page's frame from the cache (home/frame.py).
    "home.frame.FrameMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # WordPress's /?p=123 links to imported posts (articles/middleware.py).
    "articles.middleware.WordPressQueryRedirectMiddleware",
    # Therapists see only their own profile in the admin (therapists/admin_access.py).
    "therapists.admin_access.TherapistAdminGuard",
    # Login throttling; last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "urls"
WSGI_APPLICATION = "wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# A SQLite file in the project unless DATABASE_URL says otherwise (PostgreSQL in CI and production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # While PostgreSQL restarts a request fails within seconds (the 500 page) instead of hanging
    # a worker; the health check above reconnects on the next request.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3"))
    )
    # A page's queries read a few thousand rows at most: starting parallel workers cost more
    # than they saved (a Title search's count 20 ms with them, 6 ms without, make bench-search),
    # and so did compiling a query (JIT: 360 ms of the directory's 640 ms count of everyone,
    # make bench-directory).
    DATABASES["default"]["OPTIONS"].setdefault(
        "options",
        f"-c max_parallel_workers_per_gather={int(os.environ.get('DB_PARALLEL_WORKERS', '0'))}"
        " -c jit=off",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Redis when REDIS_URL is set (shared by every worker, which rate limits need); else local memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "mindwell"))
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Rate limits count in that cache. With Redis down they fail open (the form is accepted) rather
# than refusing every visitor: the honeypot, the signed form-age token, link limits and comment
# moderation still stand, and the outage is logged (docs/operations.md, "Services failing").
RATELIMIT_FAIL_OPEN = True

# Background tasks (django-tasks): run at once here; production queues them in the database for
# `manage.py db_worker` (settings/production.py, `make serve`).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The full-page cache in front of the site (Varnish, deploy/varnish/mindwell.vcl).
# FRONTEND_CACHE_URL is where home.frontend_cache sends purges, e.g. http://127.0.0.1:8080;
# empty: no cache, purges do nothing. Anonymous public pages say how long they may be kept
# (home/cache_headers.py): PAGE_CACHE_MAX_AGE seconds in browsers (0: a reader who reloads sees
# a change as soon as Varnish does), PAGE_CACHE_SHARED_MAX_AGE
# in Varnish, which is purged when they change.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "").rstrip("/")
FRONTEND_CACHE_TIMEOUT = float(os.environ.get("FRONTEND_CACHE_TIMEOUT", "2"))
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "0"))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "600"))

# Email: EMAIL_URL (smtp://user:pass@host:587/?tls=True) selects SMTP; each environment
# module sets its own default backend (console in dev, locmem in tests). A URL that could only
# fail when the first email goes out is refused here, at start (email_settings), and a file://
# directory that cannot be written is refused by home's system check (home/checks.py).
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = email_settings(EMAIL_URL)
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email["EMAIL_HOST"]
    EMAIL_PORT = _email["EMAIL_PORT"]
    EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
    EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"]
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"] or None
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "MindWell <hello@mindwell.example>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Where vulnerabilities are reported: /.well-known/security.txt (home/security_txt.py).
SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "security@mindwell.example")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [SITE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Serve uploads from Django (fine for one small server); off when a web server does it.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = os.environ.get("SITE_NAME", "MindWell")
# Wagtail's own absolute links (notification and password reset emails) say the same.
WAGTAILADMIN_BASE_URL = BASE_URL
# Wagtail's database backend (search/backend.py: on PostgreSQL ranked inside a RUM index where the
# extension exists), PostgreSQL full-text search on PostgreSQL, FTS5 on SQLite.
# Elasticsearch/OpenSearch: docs/search.md, "Switching to Elasticsearch or OpenSearch".
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": os.environ.get("SEARCH_BACKEND", "search.backend")}
}
if os.environ.get("SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"].update(
        URLS=[os.environ["SEARCH_URL"]],
        INDEX=os.environ.get("SEARCH_INDEX", "mindwell"),
    )
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Documents only through Wagtail's view, which applies collection privacy (a therapist's uploads:
# the owner and staff only); urls.py never serves media/documents/ itself (docs/security.md).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No requests to other hosts, the admin included: avatars are uploaded or the default one.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGIN_URL = "wagtailadmin_login"

# Content-Security-Policy (home/security_headers.py, docs/security.md): the site's own files
# only, no inline script or style, no plugins, forms posting here only, never framed. The
# iframes of video embeds come from the hosts Wagtail's oEmbed finders give for video.
CSP_EMBED_HOSTS = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'self'", *CSP_EMBED_HOSTS],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Wagtail's admin breaks under that policy (inline scripts in its own templates), so there it is
# report-only; its previews are framed by the admin itself.
CSP_REPORT_ONLY_PREFIXES = ("/admin/",)
CSP_ADMIN_OVERRIDES = {"frame-ancestors": ["'self'"]}
# Permissions-Policy: every browser feature the site does not use is denied; video embeds may
# play, go full screen and picture-in-picture.
_embeds = [f'"{host}"' for host in CSP_EMBED_HOSTS]
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": _embeds,
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": _embeds,
    "fullscreen": ["self", *_embeds],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": _embeds,
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# Therapist accounts (docs/directory.md). Email changes need re-verification, which
# /account/ does; Wagtail's own account page would change the address at once.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Login throttling (django-axes): 5 failed passwords for one username from one client lock that
# pair out for 15 minutes; a success clears the count. The client is CLIENT_IP_HEADER's address.
# AxesBackend refuses a locked-out login and otherwise lets ModelBackend check the password; it
# comes first so sessions started without a password (force_login) can load their user too.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "therapists/accounts/locked-out.html"
AXES_CLIENT_IP_CALLABLE = "home.client_identity.login_client_address"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
