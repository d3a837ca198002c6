"""Structured data for search engines (schema.org JSON-LD, rendered by the `json_ld` tag)."""

from home.absolute import absolute_url, page_url
from home.models import SiteSettings


def _person(author, request, index):
    person = {"@type": "Person", "name": author.name}
    if author.credentials:
        person["honorificSuffix"] = author.credentials
    if index is not None:
        person["url"] = page_url(index, request) + index.reverse_subpage(
            "author", args=[author.slug]
        )
    return person


def article_structured_data(page, request, authors, topics, social_image=None, index=None):
    """schema.org `Article`: headline, author (an object for one author, a list for several),
    datePublished, dateModified, url, image, publisher."""
    url = page_url(page, request)
    site_name = SiteSettings.name_for(request)
    people = [_person(author, request, index) for author in authors]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.standfirst,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "author": people[0] if len(people) == 1 else people,
        "publisher": {"@type": "Organization", "name": site_name},
        "inLanguage": "en-US",
    }
    if not people:
        data["author"] = {"@type": "Organization", "name": site_name}
    if page.display_date:
        data["datePublished"] = page.display_date.isoformat()
    changes = [page.last_reviewed, page.last_published_at and page.last_published_at.date()]
    if any(changes):
        data["dateModified"] = max(day for day in changes if day).isoformat()
    if topics:
        data["articleSection"] = [topic.name for topic in topics]
    if social_image is not None:
        data["image"] = absolute_url(social_image.url)
    return data
