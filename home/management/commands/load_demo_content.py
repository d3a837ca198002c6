"""Load the demo site: each app contributes its part from its own `demo.py`.

A `demo.py` module defines `ORDER` (an int: lower runs first) and `load(context)`, taking
a `home.demo_support.DemoContext`. Every loader must be idempotent.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from home.absolute import base_url, sync_default_site
from home.demo_support import DemoContext


def demo_loaders():
    loaders = []
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, "demo"):
            module = import_module(f"{app_config.name}.demo")
            loaders.append((module.ORDER, app_config.label, module))
    return [(label, module) for _order, label, module in sorted(loaders)]


class Command(BaseCommand):
    help = "Create the demo page tree, content and accounts (safe to run again)."

    def handle(self, *args, **options):
        if getattr(settings, "IS_PRODUCTION", False):
            raise CommandError("Refusing to load demo content under production settings.")
        # Links in the demo (feeds, sitemap, emails) and the admin say where it is served.
        if sync_default_site() is not None:
            self.stdout.write(f"The default site is now {base_url()}.")
        context = DemoContext(stdout=self.stdout)
        for label, module in demo_loaders():
            self.stdout.write(f"{label}:")
            with transaction.atomic():
                module.load(context)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
