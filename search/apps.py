from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Article search"

    def ready(self):
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from home.frame import forget_frame_on_change

        from . import signals  # noqa: F401  (connects the receivers)

        # Which queries have promotions is part of the cached frame (search/views.py).
        forget_frame_on_change(SearchPromotion)
