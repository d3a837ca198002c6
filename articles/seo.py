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


def _citation(reference):
    work = {"@type": "CreativeWork", "name": reference["title"]}
    if reference["publisher"]:
        work["publisher"] = {"@type": "Organization", "name": reference["publisher"]}
    if reference["year"]:
        work["datePublished"] = str(reference["year"])
    if reference["url"]:
        work["url"] = reference["url"]
    same_as = []
    if reference["doi"]:
        same_as.append(f"https://doi.org/{reference['doi']}")
    if reference["pubmed_id"]:
        same_as.append(f"https://pubmed.ncbi.nlm.nih.gov/{reference['pubmed_id']}/")
    if same_as:
        work["sameAs"] = same_as
    return work


def _web_page(url, review, request):
    """The page about the article: a `MedicalWebPage`, with who reviewed it and when."""
    web_page = {"@type": "MedicalWebPage", "@id": url}
    if review and review["last_reviewed"]:
        web_page["lastReviewed"] = review["last_reviewed"].isoformat()
    reviewer = review and review["reviewer"]
    if reviewer:
        web_page["reviewedBy"] = {
            "@type": "Person",
            "name": reviewer.name,
            "honorificSuffix": reviewer.credentials,
        }
        if review["reviewer_url"]:
            web_page["reviewedBy"]["url"] = absolute_url(review["reviewer_url"])
    return web_page


def article_structured_data(
    page, request, authors, topics, social_image=None, index=None, review=None
):
    """schema.org `Article`: headline, author (an object for one author, a list for several),
    datePublished, dateModified, url, image, publisher, citation; its mainEntityOfPage is a
    `MedicalWebPage` with reviewedBy and lastReviewed."""
    url = page_url(page, request)
    site_name = SiteSettings.name_for(request)
    people = [_person(author, request, index) for author in authors]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title[:110],
        "description": page.standfirst,
        "url": url,
        "mainEntityOfPage": _web_page(url, review, request),
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
    citations = [_citation(block.value) for block in page.references]
    if citations:
        data["citation"] = citations
    if social_image is not None:
        data["image"] = absolute_url(social_image.url)
    return data
