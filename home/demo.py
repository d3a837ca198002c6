"""Demo content for the site-wide pieces: home page, legal pages, settings, accounts."""

from urllib.parse import urlsplit

from .demo_portraits import credit_html
from .demo_support import ensure_page
from .groups import EDITORS, THERAPISTS, WRITERS
from .models import SiteSettings, StandardPage

ORDER = 10


def _paragraph(html):
    return ("paragraph", html)


def _heading(text):
    return ("heading", {"text": text, "level": "h2"})


ABOUT_BODY = [
    _paragraph(
        "<p>MindWell publishes plain-language articles about mental health, written and "
        "reviewed by clinicians and experienced writers, and keeps a directory of licensed "
        "therapists so that reading about a problem can lead to help with it.</p>"
    ),
    _heading("How we choose what to publish"),
    _paragraph(
        "<p>Every article is edited before it goes live and reviewed again on a schedule. "
        "We cite what we rely on, avoid promising cures, and say when evidence is thin.</p>"
    ),
    _heading("How the directory works"),
    _paragraph(
        "<p>Therapists create their own profiles. Our staff check each license with the "
        "issuing state board before a profile is published, and show the date of that check "
        "on the profile.</p>"
    ),
]

ILLUSTRATIONS_HEADING = "About the illustrations"


def _credits():
    """The About page's credit for the demo's portraits (home/demo_portraits.py)."""
    return [_heading(ILLUSTRATIONS_HEADING), _paragraph(credit_html())]


TERMS_BODY = [
    _paragraph(
        "<p>These terms apply to everyone who reads, comments on or lists a practice on this "
        "site. By using the site you accept them.</p>"
    ),
    _heading("Information, not treatment"),
    _paragraph(
        "<p>Articles are general information. They are not a diagnosis, and they do not "
        "replace care from a qualified professional who knows your situation. If you are in "
        "crisis, call or text 988, or call 911 in an emergency.</p>"
    ),
    _heading("Comments"),
    _paragraph(
        "<p>Comments are moderated and may be edited for length or removed. Be kind, keep "
        "other people's stories private, and do not post medical advice, advertising or "
        "personal contact details. Your email address is never shown.</p>"
    ),
    _heading("Membership requirements for therapists"),
    _paragraph(
        "<p>Only licensed mental health professionals may list a practice. You must hold a "
        "current, unrestricted license in the state you name, keep your profile accurate, "
        "answer client enquiries promptly and tell us when your license status changes. "
        "We may remove a listing that breaks these requirements.</p>"
    ),
]

PRIVACY_BODY = [
    _paragraph(
        "<p>We collect as little as we can and never sell it. This page says what we keep "
        "and why.</p>"
    ),
    _heading("What we keep"),
    _paragraph(
        "<ul><li>Comments: your name, email and website, and a one-way hash of your network "
        "address to stop abuse. Only your name and website are shown.</li>"
        "<li>Newsletter: your email address and when you confirmed it.</li>"
        "<li>Messages to therapists: what you write, passed only to that therapist.</li></ul>"
    ),
    _heading("No tracking"),
    _paragraph(
        "<p>The site loads nothing from other companies: no analytics, no advertising pixels, "
        "no third-party fonts.</p>"
    ),
]


def load(context):
    admin = context.ensure_user(
        "admin",
        email="admin@mindwell.example",
        first_name="Ada",
        last_name="Admin",
        superuser=True,
    )
    context.ensure_user(
        "editor",
        email="editor@mindwell.example",
        first_name="Elena",
        last_name="Editor",
        groups=[EDITORS],
    )
    context.ensure_user(
        "writer",
        email="writer@mindwell.example",
        first_name="Walter",
        last_name="Writer",
        groups=[WRITERS],
    )
    for number in (1, 2):
        context.ensure_user(
            f"therapist{number}",
            email=f"therapist{number}@mindwell.example",
            groups=[THERAPISTS],
        )

    home = context.home
    if home.title == "Home" and not home.intro:
        home.title = "Mental health, explained with care"
        home.intro = (
            "Clear articles on mental health, and a directory to find a licensed "
            "therapist near you."
        )
        home.save_revision(user=admin).publish(user=admin)
        context.log("home page")

    about = ensure_page(
        home,
        StandardPage,
        slug="about",
        title="About us",
        show_in_menus=True,
        summary="Who we are and how we work.",
        body=ABOUT_BODY + _credits(),
        user=admin,
    )
    _add_credits(about, admin, context)
    terms = ensure_page(
        home,
        StandardPage,
        slug="terms-of-use",
        title="Terms of Use",
        summary="The rules for reading, commenting and listing a practice.",
        body=TERMS_BODY,
        user=admin,
    )
    privacy = ensure_page(
        home,
        StandardPage,
        slug="privacy",
        title="Privacy Policy",
        summary="What we keep about you, and why.",
        body=PRIVACY_BODY,
        user=admin,
    )
    context.log(f"pages: {about.title}, {terms.title}, {privacy.title}")

    site_settings = SiteSettings.for_site(context.site)
    if not site_settings.phone_number:
        site_settings.phone_number = "1-888-555-0142"
        site_settings.phone_extension = "1"
        site_settings.terms_page = terms
        site_settings.privacy_page = privacy
        site_settings.save()
        context.log("site settings")
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
