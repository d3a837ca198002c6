from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Tests never share a cache with a running dev server.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The test client's host: links and the default Site record say where tests request pages.
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# The test server serves static files itself; WhiteNoise is for production.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Login throttling is tested on purpose (therapists/tests/test_accounts.py), never by accident.
AXES_ENABLED = False
