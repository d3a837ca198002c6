from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from .public_forms import check_page_post


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin.css"))


# Page serving is exempt from Django's CSRF middleware (site/urls.py) so pages with public forms
# can be cached; this puts the check back, per page (home/public_forms.py).
hooks.register("before_serve_page", check_page_post)
