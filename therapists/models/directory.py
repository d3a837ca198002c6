"""The directory page: search and results at its own URL, Browse Locations below it."""

from django.db import models
from django.urls import include, path
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from home.absolute import page_url

from .locations import PracticeLocation
from .pages import RESERVED_SLUGS, TherapistProfilePage


class TherapistIndexPage(RoutablePageMixin, Page):
    """The directory: search and results at its own URL, Browse Locations below it."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["therapists.TherapistProfilePage"]
    max_count = 1

    @classmethod
    def get_subpage_urls(cls):
        """The search and Browse Locations, from their URLconf (therapists/directory_urls.py)."""
        return [path("", include("therapists.directory_urls"))]

    def route(self, request, path_components):
        """A profile's URL: the profile in one query with what its page shows from other rows
        (availability, profession, faith), where Wagtail's own routing takes two and fetches
        those one by one. Everything else (the directory's own paths) is Wagtail's."""
        if len(path_components) == 1 and path_components[0] not in RESERVED_SLUGS:
            profile = (
                TherapistProfilePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("availability", "profession", "faith", "photo", "owner")
                .first()
            )
            if profile is not None:
                profile._cached_parent_obj = self  # as Page.route does: get_parent() is free
                return profile.route(request, [])
        return super().route(request, path_components)

    def get_sitemap_urls(self, request=None):
        """The directory, then the Browse Locations pages that have therapists (two queries),
        on BASE_URL."""
        base = page_url(self, request)
        urls = super().get_sitemap_urls(request) + [{"location": base + "locations/"}]
        rows = (
            PracticeLocation.objects.filter(profile__live=True)
            .values("state", "city_slug")
            .distinct()
            .order_by("state", "city_slug")
        )
        states = []
        for row in rows:
            state = row["state"].lower()
            if state not in states:
                states.append(state)
                urls.append({"location": f"{base}locations/{state}/"})
            urls.append({"location": f"{base}locations/{state}/{row['city_slug']}/"})
        return urls

    class Meta:
        verbose_name = "therapist directory page"
