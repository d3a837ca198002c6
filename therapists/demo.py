"""Demo content for the therapist directory."""

from home.demo_support import ensure_page

from .models import TherapistIndexPage

ORDER = 30


def load(context):
    ensure_page(
        context.home,
        TherapistIndexPage,
        slug="find-a-therapist",
        title="Find a Therapist",
        show_in_menus=True,
        intro="Licensed therapists, checked by our staff, near you or online.",
        user=context.users.get("admin"),
    )
