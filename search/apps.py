from django.apps import AppConfig
from django.db import connections


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Article search"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from home.frame import forget_frame_on_change

        from . import signals  # noqa: F401  (connects the receivers)
        from .extensions import ensure

        # The RUM and pg_trgm indexes, where PostgreSQL has the extensions (search/extensions.py).
        post_migrate.connect(
            lambda using="default", **kwargs: ensure(connections[using]),
            sender=self,
            weak=False,
            dispatch_uid="search.extensions.ensure",
        )

        # Which queries have promotions is part of the cached frame (search/views.py).
        forget_frame_on_change(SearchPromotion)
