"""ASGI entry point, for servers that want one."""

import os

from django.core.asgi import get_asgi_application

import paths  # noqa: F401  (puts the apps on sys.path)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

application = get_asgi_application()
