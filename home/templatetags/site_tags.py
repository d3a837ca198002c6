from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def json_ld(data):
    """Render a dict as a JSON-LD script; json_script escapes `<`, `>` and `&` for us."""
    html = json_script(data)
    return mark_safe(html.replace('type="application/json"', 'type="application/ld+json"', 1))
