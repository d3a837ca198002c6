"""Loads the demo's site-wide pieces: home page, legal pages, settings, accounts (their texts
are in home/demo_content.py)."""

from urllib.parse import urlsplit

from .demo_content import (
    HOME_INTRO,
    HOME_TITLE,
    ILLUSTRATIONS_HEADING,
    PAGES,
    PHONE_NUMBER,
    USERS,
)
from .demo_portraits import credit_html
from .demo_support import ensure_page
from .models import SiteSettings, StandardPage

ORDER = 10


def _body(items):
    """StreamField data from demo_content's notation (a string: a paragraph; ("h", text))."""
    return [
        ("heading", {"text": item[1], "level": "h2"})
        if isinstance(item, tuple)
        else ("paragraph", item)
        for item in items
    ]


def _credits():
    """The About page's credit for the demo's portraits (home/demo_portraits.py)."""
    return _body([("h", ILLUSTRATIONS_HEADING), credit_html()])


def load(context):
    users = {
        username: context.ensure_user(
            username,
            email=email,
            first_name=first_name,
            last_name=last_name,
            groups=[group] if group else [],
            superuser=username == "admin",
        )
        for username, (email, first_name, last_name, group) in USERS.items()
    }
    admin = users["admin"]

    home = context.home
    if home.title == "Home" and not home.intro:
        home.title = HOME_TITLE
        home.intro = HOME_INTRO
        home.save_revision(user=admin).publish(user=admin)
        context.log("home page")

    pages = {
        slug: ensure_page(
            home,
            StandardPage,
            slug=slug,
            title=title,
            show_in_menus=slug == "about",
            summary=summary,
            body=_body(body) + (_credits() if slug == "about" else []),
            user=admin,
        )
        for slug, (title, summary, body) in PAGES.items()
    }
    about, terms, privacy = pages["about"], pages["terms-of-use"], pages["privacy"]
    _add_credits(about, admin, context)
    context.log(f"pages: {about.title}, {terms.title}, {privacy.title}")

    site_settings = SiteSettings.for_site(context.site)
    if not site_settings.phone_number:
        site_settings.phone_number, site_settings.phone_extension = PHONE_NUMBER
        site_settings.terms_page = terms
        site_settings.privacy_page = privacy
        site_settings.save()
        context.log("site settings")
    if site_settings.editorial_policy_page_id is None:
        # Apart from the first set-up: a demo loaded before the policy page existed gets it.
        site_settings.editorial_policy_page = pages["editorial-policy"]
        site_settings.save()
        context.log("site settings: editorial policy page")
    _drop_placeholder_links(site_settings, context)


def _add_credits(about, admin, context):
    """Credit the illustrations on an About page an earlier demo made, if nobody has edited it
    since (one revision: the loader's own)."""
    headings = [block.value["text"] for block in about.body if block.block_type == "heading"]
    if ILLUSTRATIONS_HEADING in headings or about.revisions.count() != 1:
        return
    for block in _credits():
        about.body.append(block)
    about.save_revision(user=admin).publish(user=admin)
    context.log("About page: illustration credits")


def _drop_placeholder_links(site_settings, context):
    """Remove social links to reserved .example hosts (an earlier demo had one): they can
    never lead anywhere."""
    real = [
        ("link", block.value)
        for block in site_settings.social_links
        if not (urlsplit(block.value["url"]).hostname or "").endswith(".example")
    ]
    if len(real) != len(site_settings.social_links):
        site_settings.social_links = real
        site_settings.save()
        context.log("site settings: placeholder social links removed")
