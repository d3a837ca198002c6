from django.apps import AppConfig
from django.db.models.signals import post_save

# Model-free (it takes the app registry as an argument), so loadable before the models are.
from .publishing import grant_on_index


def _grant_on_new_index(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_on_index(instance.pk)


class ArticlesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from wagtail.images import get_image_model

        from home.frame import forget_frame_on_change
        from home.models import SiteSettings

        from .models import ArticleCorrection, ArticleIndexPage, Author, Comment, Topic
        from .page_cache import connect_purges
        from .review_dates import follow_site_interval

        # A new article index gets the Writers' and Editors' permissions and the review workflow.
        post_save.connect(
            _grant_on_new_index, sender=ArticleIndexPage, dispatch_uid="articles_grant_on_index"
        )
        # A new default review interval moves the review dates of articles that follow it.
        post_save.connect(
            follow_site_interval, sender=SiteSettings, dispatch_uid="articles_review_interval"
        )
        # Comments, authors and topics purge the pages that show them (articles/page_cache.py).
        connect_purges()
        # Recent Comments and the topic list are part of every page's cached frame, and so are a
        # corrected article's notes (ArticlePage.trust_context) and the authors and images an
        # article's cached "Related articles" cards show.
        forget_frame_on_change(Comment, Topic, ArticleCorrection, Author, get_image_model())
