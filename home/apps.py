from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Site-wide pages and settings"

    def ready(self):
        from . import checks  # noqa: F401 (registers the system checks)
        from .absolute import sync_site_after_migrate
        from .cache_purges import connect_purges
        from .frame import connect_frame_invalidation
        from .models import SiteSettings

        # The default Site follows BASE_URL after every `migrate` (docs/configuration.md).
        post_migrate.connect(sync_site_after_migrate, sender=self)
        # Publishing, moving, deleting pages and changing settings empty the page cache.
        connect_purges()
        # The cached frame of every page is read again after a change (home/frame.py).
        connect_frame_invalidation(SiteSettings)
