"""Parsers for the values base.py reads from the environment: each turns one value into
settings, or raises ImproperlyConfigured saying what is wrong. They read no environment
themselves (base.py is the one module that does), so tests and benchmarks can call them."""

from urllib.parse import urlsplit

import dj_email_url
from django.core.exceptions import ImproperlyConfigured


def split_base_url(value):
    """BASE_URL's (scheme, host, port): lower case, the port always given (80/443 by default).
    A path is refused, as is anything else Wagtail's Site record (which follows BASE_URL) or a
    link could not carry."""
    parts = urlsplit(value.strip())
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range
        port = 0
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or port == 0
        or "@" in parts.netloc
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            "BASE_URL must be a scheme, a host and an optional port, such as "
            f"https://mindwell.example or http://127.0.0.1:8000 (got {value!r})."
        )
    host = parts.netloc.lower().rsplit(":", 1)[0] if port else parts.netloc.lower()
    return parts.scheme, host, port or {"http": 80, "https": 443}[parts.scheme]


def join_base_url(scheme, host, port):
    default = port == {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{host}" if default else f"{scheme}://{host}:{port}"


def redis_caches(url, key_prefix="mindwell"):
    """The Redis cache for REDIS_URL. A Redis that is down or slow must not take pages down:
    errors are logged and read as misses (Wagtail reads the site's root paths through this
    cache on every request), and short socket timeouts keep a hung Redis from hanging workers."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
            "KEY_PREFIX": key_prefix,
        }
    }


EMAIL_SCHEMES = {"smtp", "submission", "smtps", "console", "file", "memory", "dummy"}
EMAIL_URL_EXAMPLE = "smtp://user:password@host:587/?tls=True"


def email_settings(url):
    """Django's email settings from EMAIL_URL (dj-email-url), or ImproperlyConfigured saying
    what is wrong with it."""
    parts = urlsplit(url)
    if parts.scheme not in EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL: unknown scheme {parts.scheme!r}; use {EMAIL_URL_EXAMPLE} "
            "(or console:// to print emails, file:///absolute/directory to save them)."
        )
    try:
        parsed = dj_email_url.parse(url)
    except ValueError as error:
        raise ImproperlyConfigured(f"EMAIL_URL: {error}; e.g. {EMAIL_URL_EXAMPLE}.") from error
    if parts.scheme == "file":
        # dj-email-url drops the leading slash, making the directory relative to wherever the
        # process happens to run; the URL's own absolute path is meant.
        if not parts.path.startswith("/") or parts.path == "/":
            raise ImproperlyConfigured(
                "EMAIL_URL: file:// needs the absolute path of a directory to save emails in, "
                "e.g. file:///var/mail/mindwell."
            )
        parsed["EMAIL_FILE_PATH"] = parts.path
    smtp = parsed.get("EMAIL_BACKEND") == "django.core.mail.backends.smtp.EmailBackend"
    if smtp and not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL: name the SMTP server, e.g. {EMAIL_URL_EXAMPLE}.")
    parsed["EMAIL_TIMEOUT"] = parsed["EMAIL_TIMEOUT"] or 10
    return parsed
