from django import template
from wagtail.models import Site

from ..visibility import exclude_restricted

register = template.Library()


def top_level_pages(request):
    """The live, public pages just below the site's root, in menu order: one query per request,
    shared by the main menu and the home page's sections."""
    if request is None:
        return []
    cached = getattr(request, "_top_level_pages", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    pages = []
    if site:
        pages = list(exclude_restricted(site.root_page.get_children().live()))
    request._top_level_pages = pages
    return pages


@register.simple_tag(takes_context=True)
def section_page(context, model_label):
    """The top-level page of a type, e.g. "articles.ArticleIndexPage", as that type (its own
    fields load on first use), or None. Lets home link to other apps' sections without
    importing them."""
    app_label, model_name = model_label.lower().split(".")
    for page in top_level_pages(context.get("request")):
        model = page.specific_class
        if model and (model._meta.app_label, model._meta.model_name) == (app_label, model_name):
            return page.specific_deferred
    return None


@register.inclusion_tag("includes/main-menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    pages = [page for page in top_level_pages(request) if page.show_in_menus]
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
