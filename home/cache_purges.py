"""What purges the page cache when content changes (docs/operations.md, "The page cache").

A page's publication, unpublication, move or deletion shows on most of the site: the page, its
index, topic, author and location pages, the home page, the main menu, feeds, the sitemap,
related articles, Recent Comments. A site settings change shows in every footer. Each empties
the whole cache (SITE_KEY), after its transaction commits; the pages are fetched again as
visitors ask for them. Changes seen in fewer places name narrower keys in their own app (a
comment: its article and Recent Comments, articles/page_cache.py).
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from .frontend_cache import SITE_KEY, purge_on_commit
from .models import SiteSettings


def purge_site(**kwargs):
    purge_on_commit(SITE_KEY)


def connect_purges():
    for signal, sender, name in [
        (page_published, None, "published"),
        (page_unpublished, None, "unpublished"),
        (post_page_move, None, "moved"),
        # Deleting a live page also unpublishes it; a draft's deletion purges needlessly, once.
        (post_delete, Page, "deleted"),
        (post_save, SiteSettings, "settings"),
    ]:
        signal.connect(purge_site, sender=sender, dispatch_uid=f"home_purge_site_{name}")
