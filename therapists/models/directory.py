"""The directory page: search and results at its own URL, Browse Locations below it."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from .pages import RESERVED_SLUGS, TherapistProfilePage


class TherapistIndexPage(RoutablePageMixin, Page):
    """The directory: search and results at its own URL, Browse Locations below it."""

    intro = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["therapists.TherapistProfilePage"]
    max_count = 1

    @path("")
    def find(self, request):
        from ..search_views import find_view

        return find_view(self, request)

    @path("locations/")
    def browse_states(self, request):
        from ..views import browse_states_view

        return browse_states_view(self, request)

    @path("locations/<str:state>/")
    def browse_state(self, request, state):
        from ..views import browse_state_view

        return browse_state_view(self, request, state)

    @path("locations/<str:state>/<slug:city_slug>/")
    def browse_city(self, request, state, city_slug):
        from ..views import browse_city_view

        return browse_city_view(self, request, state, city_slug)

    def route(self, request, path_components):
        """A profile's URL: the profile in one query with what its page shows from other rows
        (availability, profession, faith), where Wagtail's own routing takes two and fetches
        those one by one. Everything else (the directory's own paths) is Wagtail's."""
        if len(path_components) == 1 and path_components[0] not in RESERVED_SLUGS:
            profile = (
                TherapistProfilePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("availability", "profession", "faith")
                .first()
            )
            if profile is not None:
                profile._cached_parent_obj = self  # as Page.route does: get_parent() is free
                return profile.route(request, [])
        return super().route(request, path_components)

    def get_sitemap_urls(self, request=None):
        from ..views import location_sitemap_urls

        return super().get_sitemap_urls(request) + location_sitemap_urls(self, request)

    class Meta:
        verbose_name = "therapist directory page"
