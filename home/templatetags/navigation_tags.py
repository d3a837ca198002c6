from django import template

from ..frame import top_level_pages

register = template.Library()


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
        ancestors = routed_ancestors(page)
        if ancestors is None:
            ancestors = page.get_ancestors().filter(depth__gt=1).live()
    # Routed views below a page (e.g. /articles/topics/anxiety/) add (title, url) steps after it;
    # the last step (url None) is the current one.
    trail = context.get("breadcrumb_trail") or []
    return {"ancestors": ancestors, "page": page, "trail": trail, "request": context.get("request")}


def routed_ancestors(page):
    """The live ancestors below the site root that routing already fetched (each page it passes
    keeps its parent, as Wagtail's Page.route does), or None where the chain is incomplete."""
    chain = []
    while page.depth > 2:
        page = page.__dict__.get("_cached_parent_obj")
        if page is None:
            return None
        chain.append(page)
    return [ancestor for ancestor in reversed(chain) if ancestor.live]
