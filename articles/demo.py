"""Demo content for the publishing side."""

from home.demo_support import ensure_page

from .models import ArticleIndexPage

ORDER = 20


def load(context):
    ensure_page(
        context.home,
        ArticleIndexPage,
        slug="articles",
        title="Articles",
        show_in_menus=True,
        intro="Plain-language articles on mental health, reviewed by clinicians.",
        user=context.users.get("admin"),
    )
