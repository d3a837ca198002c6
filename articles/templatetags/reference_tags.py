"""The article body with its citations linked, and the numbered references they link to."""

from django import template

from articles.citations import link_citations

register = template.Library()


@register.simple_tag(takes_context=True)
def cited_body(context, page):
    """{"html": the rendered body, citations linked; "references": [{number, value,
    backlinks}]} for articles/includes/references.html."""
    references = list(page.references)
    html, backlinks = link_citations(
        page.body.render_as_block(context=context.flatten()), len(references)
    )
    return {
        "html": html,
        "references": [
            {"number": number, "value": block.value, "backlinks": backlinks.get(number, [])}
            for number, block in enumerate(references, start=1)
        ],
    }
