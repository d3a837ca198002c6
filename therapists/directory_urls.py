"""The directory page's own URLs below /find-a-therapist/: the search and Browse Locations.

TherapistIndexPage (models/directory.py) takes these as its routes (RoutablePageMixin), naming
this module as a string the way settings name ROOT_URLCONF, so the models never import the
views; the views import the models. Each view is called as a method of the page: it takes the
page first, then the request (`reverse_subpage` and `{% routablepageurl %}` use these names).
"""

from django.urls import path

from . import search_views, views

urlpatterns = [
    path("", search_views.find_view, name="find"),
    path("locations/", views.browse_states_view, name="browse_states"),
    path("locations/<str:state>/", views.browse_state_view, name="browse_state"),
    path("locations/<str:state>/<slug:city_slug>/", views.browse_city_view, name="browse_city"),
]
