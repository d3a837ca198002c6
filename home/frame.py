"""The shared frame of every page (the site, its top-level pages for routing and the menu, the
site settings, the sidebars' vocabularies and Recent Comments), read once and kept in Django's
cache (Redis in production), so an uncached page pays only for its own content.

Every key carries a generation. Any change that could show in the frame (a page saved, published,
unpublished, moved or deleted, the settings or the Site saved, a view restriction, a comment, a
topic or an issue changed) starts a new generation, so nothing has to name the entries it
invalidates; the old ones expire. This is Django's cache, separate from the Varnish purges
(home/frontend_cache.py). A change the signals cannot see (a queryset `.update()`) shows within
FRAME_TIMEOUT.

A cache that fails (Redis down: django-redis ignores and logs the error) reads as a miss: the
frame is computed from the database, as before it was cached.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from .visibility import exclude_restricted

GENERATION_KEY = "frame:generation"
FRAME_TIMEOUT = 60 * 60
MISSING = object()


def _generation(memo):
    generation = memo.get(GENERATION_KEY)
    if generation is None:
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            generation = uuid.uuid4().hex[:12]
            # add: two requests starting a generation at once agree on the first one stored.
            cache.add(GENERATION_KEY, generation, None)
            generation = cache.get(GENERATION_KEY) or generation
        memo[GENERATION_KEY] = generation
    return generation


def frame_value(request, name, compute):
    """`compute()`'s value, from this request, the cache, or computed and cached."""
    memo = request.__dict__.setdefault("_mindwell_frame", {}) if request is not None else {}
    if name in memo:
        return memo[name]
    key = f"frame:{_generation(memo)}:{name}"
    value = cache.get(key, MISSING)
    if value is MISSING:
        value = compute()
        cache.set(key, value, FRAME_TIMEOUT)
    memo[name] = value
    return value


def first_live(model):
    """A callable for frame_value: the model's first live page, the shallowest first.

    `live().first()` orders by tree path alone, which PostgreSQL read in the path index's
    order, joining each page until one was of the model: every one of 100,000 articles before
    the directory's page (55 ms; make bench-comments). Ordered by depth first, it joins the
    model's few pages and sorts them (3 ms)."""
    return lambda: model.objects.live().order_by("depth", "path").first()


def forget_frame(*args, **kwargs):
    """Start a new generation now (the next request reads the change) and again once the
    transaction commits (a request that read the old rows meanwhile cached them under the first)."""
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def forget_frame_on_change(*models):
    for model in models:
        uid = f"frame_{model._meta.label_lower}"
        post_save.connect(forget_frame, sender=model, dispatch_uid=f"{uid}_save", weak=False)
        post_delete.connect(forget_frame, sender=model, dispatch_uid=f"{uid}_delete", weak=False)


def _forget_on_page_change(sender, instance, **kwargs):
    # Page subclasses send these with their own class as the sender.
    if isinstance(instance, Page):
        forget_frame()


def _forget_on_settings_change(sender, instance, created=False, **kwargs):
    # The first page view of a site creates its settings with their defaults, which is what it
    # then shows: only a later save (the admin's, which edits an existing row) changes the frame.
    if not created:
        forget_frame()


def connect_frame_invalidation(settings_model):
    """Pages, the Site, the site settings and view restrictions; each other app names its own
    models (forget_frame_on_change in its AppConfig.ready)."""
    post_save.connect(_forget_on_page_change, dispatch_uid="frame_page_save")
    post_delete.connect(_forget_on_page_change, dispatch_uid="frame_page_delete")
    post_page_move.connect(forget_frame, dispatch_uid="frame_page_moved", weak=False)
    forget_frame_on_change(Site, PageViewRestriction)
    post_save.connect(
        _forget_on_settings_change, sender=settings_model, dispatch_uid="frame_settings_save"
    )
    post_delete.connect(forget_frame, sender=settings_model, dispatch_uid="frame_settings_delete")


class FrameMiddleware:
    """Gives Wagtail the request's Site from the cache before it looks (routing, page URLs,
    settings); not for uploaded files, which need none. Below CommonMiddleware, so only allowed
    hosts name a cache key."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(settings.MEDIA_URL):
            find_site(request)
        return self.get_response(request)


def find_site(request):
    """The request's Site with its root page as its own type, as Site.find_for_request gives
    it (and then keeps on the request, where Wagtail's routing and settings look)."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        host = f"{request._get_raw_host()}:{request.get_port()}"

        def compute():
            site = Site._find_for_request(request)
            if site is not None:
                site.root_page.specific  # noqa: B018 (kept with the site: routing starts there)
            return site

        request._wagtail_site = frame_value(request, f"site:{host}", compute)
    return request._wagtail_site


def top_level_pages(request):
    """The live, public pages just below the site's root, in menu order, as their own types:
    shared by routing, the main menu and the home page's sections."""
    site = find_site(request)
    if site is None:
        return []

    def compute():
        return list(exclude_restricted(site.root_page.get_children().live()).specific())

    return frame_value(request, f"top:{site.pk}", compute)
