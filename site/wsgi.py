"""WSGI entry point: `gunicorn --pythonpath site wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

import paths  # noqa: F401  (puts the apps on sys.path)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

application = get_wsgi_application()
