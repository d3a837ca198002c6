from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main-menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    pages = []
    if site:
        pages = site.root_page.get_children().live().in_menu().public()
    current_path = getattr(context.get("page"), "path", "")
    items = [(page, current_path.startswith(page.path)) for page in pages]
    return {"menu_items": items, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None):
    """Ancestors below the site root, for pages nested deeper than one level."""
    page = page or context.get("page")
    ancestors = []
    if page is not None and page.depth > 2:
        ancestors = page.get_ancestors().filter(depth__gt=1).live()
    # Routed views below a page (e.g. /articles/topics/anxiety/) add (title, url) steps after it;
    # the last step (url None) is the current one.
    trail = context.get("breadcrumb_trail") or []
    return {"ancestors": ancestors, "page": page, "trail": trail, "request": context.get("request")}
