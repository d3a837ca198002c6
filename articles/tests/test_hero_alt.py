"""The hero image's alt text: the image's description (Wagtail's Image.description), or the
article's own words when an editor gives them; migration articles 0008 moved the old per-article
alt texts into the images' descriptions without losing any."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from articles.models import ArticlePage

from .utils import make_article, make_image, make_index, soup

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("articles.migrations.0008_hero_alt_from_image_description")


def described(text):
    image = make_image()
    image.description = text
    image.save()
    return image


def hero_img(client, article):
    return soup(client.get(article.url)).select_one(".article-hero img")


def test_the_images_description_is_the_alt_text(client):
    article = make_article(make_index(), "Calm", hero_image=described("Green hills"), hero_alt="")
    assert hero_img(client, article)["alt"] == "Green hills"


def test_an_articles_own_words_win(client):
    image = described("Green hills")
    article = make_article(make_index(), "Calm", hero_image=image, hero_alt="Hills at dusk")
    assert hero_img(client, article)["alt"] == "Hills at dusk"


def test_an_image_without_description_needs_words_here():
    index = make_index()
    article = ArticlePage(
        title="T", slug="t", standfirst="S", body=[], hero_image=make_image(), hero_alt=""
    )
    with pytest.raises(ValidationError) as error:
        index.add_child(instance=article)
    assert "this image has no description" in error.value.message_dict["hero_alt"][0]


def test_the_migration_moves_alt_text_to_descriptions_and_loses_none(client):
    index = make_index()
    bare = make_image()
    moved = make_article(index, "Moved", hero_image=bare, hero_alt="A still lake")
    kept_image = described("Green hills")
    kept = make_article(index, "Kept", hero_image=kept_image, hero_alt="Hills at dusk")

    MIGRATION.alt_to_description(apps, None)

    bare.refresh_from_db()
    moved.refresh_from_db()
    kept.refresh_from_db()
    assert (bare.description, moved.hero_alt) == ("A still lake", "")
    assert moved.get_latest_revision_as_object().hero_alt == ""
    assert hero_img(client, moved)["alt"] == "A still lake"
    assert kept.hero_alt == "Hills at dusk"  # differs from the image's description: kept
    assert hero_img(client, kept)["alt"] == "Hills at dusk"

    MIGRATION.description_to_alt(apps, None)
    moved.refresh_from_db()
    assert moved.hero_alt == "A still lake"
