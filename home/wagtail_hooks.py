from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .frontend_cache import page_key, tag_request
from .public_forms import check_page_post


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin.css"))


# Page serving is exempt from Django's CSRF middleware (site/urls.py) so pages with public forms
# can be cached; this puts the check back, per page (home/public_forms.py).
hooks.register("before_serve_page", check_page_post)


@hooks.register("before_serve_page")
def tag_with_page_key(page, request, serve_args, serve_kwargs):
    """Every URL a page serves carries its surrogate key, so one purge drops them all."""
    tag_request(request, page_key(page.pk))
