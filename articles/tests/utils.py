"""Builders for article tests: an index, topics, authors, images and published articles."""

from datetime import timedelta
from itertools import count

from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from articles.models import ArticleIndexPage, ArticlePage, Author, Topic

_numbers = count(1)


def home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def make_index(**fields):
    index = ArticleIndexPage(title="Articles", slug="articles", intro="Articles on mental health.")
    for name, value in fields.items():
        setattr(index, name, value)
    home_page().add_child(instance=index)
    index.save_revision().publish()
    return index


def make_image(title=None, collection=None):
    number = next(_numbers)
    image = get_image_model()(
        title=title or f"Test image {number}",
        file=get_test_image_file(f"test-{number}.png", size=(800, 450)),
    )
    if collection is not None:
        image.collection = collection
    image.save()
    return image


def make_topic(name="Anxiety", slug=None, description=""):
    return Topic.objects.create(
        name=name, slug=slug or name.lower().replace(" ", "-"), description=description
    )


def make_author(name="Maya Okafor", slug=None, credentials="PhD", **fields):
    return Author.objects.create(
        name=name, slug=slug or name.lower().replace(" ", "-"), credentials=credentials, **fields
    )


def make_article(
    index,
    title=None,
    *,
    authors=(),
    topics=(),
    days_ago=0,
    hero_image=None,
    body=None,
    publish=True,
    **fields,
):
    number = next(_numbers)
    title = title or f"Article number {number}"
    article = ArticlePage(
        title=title,
        slug=fields.pop("slug", f"article-{number}"),
        standfirst=fields.pop("standfirst", f"The standfirst of {title}."),
        hero_image=hero_image,
        hero_alt=fields.pop("hero_alt", "A calm abstract picture." if hero_image else ""),
        body=body or [("paragraph", f"<p>The body text of {title}.</p>")],
        date_published=timezone.localdate() - timedelta(days=days_ago) if publish else None,
        live=publish,
        **fields,
    )
    article.authors = list(authors)
    article.topics = list(topics)
    index.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
        article.refresh_from_db()
    return article


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def make_comment(article, name="Reader", status="approved", minutes_ago=0, **fields):
    """A comment on `article` (approved unless said otherwise), `minutes_ago` old."""
    from articles.models import Comment

    return Comment.objects.create(
        article=article,
        name=name,
        email=fields.pop("email", f"{name.lower().replace(' ', '.')}@example.com"),
        body=fields.pop("body", f"A thoughtful comment by {name}."),
        status=status,
        created_at=timezone.now() - timedelta(minutes=minutes_ago),
        **fields,
    )


def form_token(article, seconds_ago=60):
    """The "form started" token a reader's browser would send, issued `seconds_ago`."""
    import time

    from django.core import signing

    from home.spam import FORM_TOKEN_SALT

    issued = int(time.time()) - seconds_ago
    return signing.dumps({"scope": str(article.pk), "at": issued}, salt=FORM_TOKEN_SALT)


def reply_data(article, **overrides):
    """A valid "Leave a Reply" POST for `article`; keyword arguments replace fields."""
    data = {
        "name": "Jamie",
        "email": "jamie@example.com",
        "website": "",
        "body": "This helped me understand what was happening.\n\nThank you.",
        "started": form_token(article),
        "leave_empty": "",
    }
    data.update(overrides)
    return data


def make_reviewer(username="rita", name="Rita Alvarez", credentials="PhD", author=None, **fields):
    """A user in the Clinical reviewers group with the reviewer record that lets them approve;
    linked to an author (created if not given) so the byline links their page."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from articles.models import ClinicalReviewer
    from home.groups import CLINICAL_REVIEWERS

    password = fields.pop("password", "pw")
    user = get_user_model().objects.create_user(username, f"{username}@example.com", password)
    user.groups.add(Group.objects.get(name=CLINICAL_REVIEWERS))
    return ClinicalReviewer.objects.create(
        user=user,
        name=name,
        credentials=credentials,
        license_type=fields.pop("license_type", "Licensed Psychologist"),
        license_number=fields.pop("license_number", "PSY12345"),
        license_state=fields.pop("license_state", "CA"),
        author=author or make_author(name, credentials=credentials),
        **fields,
    )


def make_user(username, group):
    """A user with password "pw" in the named group."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user
