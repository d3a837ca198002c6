"""Citations: "[2]" in an article's text becomes a link to its second reference, and each
reference links back to every place that cites it.

Writers type the number in brackets in any paragraph; only numbers with a reference are linked,
so "[7]" in an article with three sources stays plain text (and the editor's checks can see it).
"""

import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

CITATION = re.compile(r"\[(\d{1,3})\]")
# Tags and text alternate; only text is searched, so an attribute holding "[1]" is left alone.
TAG = re.compile(r"(<[^>]*>)")


def link_citations(html, count):
    """The HTML with each citation [n] (1 ≤ n ≤ count) linked to #ref-n, and for each n the
    ids of its citations in order, for the reference's links back: (html, {n: [id, ...]})."""
    backlinks = {}
    inside_link = False

    def replace(match):
        number = int(match.group(1))
        if not 1 <= number <= count:
            return match.group(0)
        ids = backlinks.setdefault(number, [])
        ids.append(f"cite-{number}-{len(ids) + 1}")
        return format_html(
            '<sup class="citation"><a href="#ref-{}" id="{}" aria-label="Source {}">[{}]</a></sup>',
            number,
            ids[-1],
            number,
            number,
        )

    parts = []
    for part in TAG.split(str(html)):
        if part.startswith("<"):
            tag = part[1:3].lower()
            if tag == "a " or part.lower() == "<a>":
                inside_link = True
            elif part.lower().startswith("</a"):
                inside_link = False
            parts.append(part)
        else:
            # A citation inside a link would nest links: leave it as the writer's text.
            parts.append(part if inside_link else CITATION.sub(replace, part))
    return mark_safe("".join(parts)), backlinks
