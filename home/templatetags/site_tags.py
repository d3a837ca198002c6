import re

from django import template
from django.utils.html import conditional_escape, json_script
from django.utils.safestring import mark_safe
from wagtail.models import Page

from home import absolute

register = template.Library()


@register.simple_tag
def json_ld(data):
    """Render a dict as a JSON-LD script; json_script escapes `<`, `>` and `&` for us."""
    html = json_script(data)
    return mark_safe(html.replace('type="application/json"', 'type="application/ld+json"', 1))


@register.simple_tag(takes_context=True)
def absolute_url(context, page_or_path):
    """`{% absolute_url page %}` or `{% absolute_url path %}`: the page, or the path from the site
    root, on BASE_URL (canonical, Open Graph and robots.txt links; home/absolute.py)."""
    if isinstance(page_or_path, Page):
        return absolute.page_url(page_or_path, context.get("request")) or ""
    return absolute.absolute_url(page_or_path) if isinstance(page_or_path, str) else ""


# Where a browser may break a line inside a word: after a hyphen, a dash or a slash.
BREAKS_INSIDE = re.compile(r"[-‐–—/]")


@register.filter(needs_autoescape=True)
def keep_words(value, autoescape=True):
    """Text that wraps between words only: a word a browser could break inside ("Lopez-Reyes",
    "she/her", "555-0137") is kept on one line. For names, credentials and numbers."""
    escape = conditional_escape if autoescape else str
    parts = re.split(r"(\s+)", str(value))
    return mark_safe(
        "".join(
            f'<span class="nowrap">{escape(part)}</span>'
            if BREAKS_INSIDE.search(part)
            else escape(part)
            for part in parts
        )
    )
