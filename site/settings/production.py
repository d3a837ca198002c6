"""Production: secure by default. `manage.py check --deploy` is clean with real values."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, base_url_given, env_bool

DEBUG = False
if not SECRET_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY (50+ random characters) for production.")
if not base_url_given:
    # Links in emails and feeds would otherwise send readers to 127.0.0.1.
    raise ImproperlyConfigured(
        "Set BASE_URL to where the site is served, e.g. https://mindwell.example."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
if not EMAIL_URL:  # noqa: F405
    raise ImproperlyConfigured("Set EMAIL_URL (smtp://user:password@host:587/?tls=True).")
# Tasks wait in the database for `manage.py db_worker` (make serve runs one): a form's answer
# never waits for the work it hands off.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IS_PRODUCTION = True
