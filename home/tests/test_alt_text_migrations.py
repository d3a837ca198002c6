"""The image blocks' move to Wagtail's ImageBlock (home/alt_text_migrations.py, run by migrations
home 0008 and articles 0007): the alt text already saved reaches the new block unchanged, in the
page and in its revisions, and can be moved back."""

import json

import pytest
from django.apps import apps

from articles.models import ArticlePage
from articles.tests.utils import make_article, make_image, make_index, soup
from home.alt_text_migrations import (
    ImageAltIntoImageBlock,
    ImageAltOutOfImageBlock,
    move_image_alt_into_image_block,
)

OLD = {"image": 7, "alt_text": "A still lake at dawn", "caption": "Calm"}
NEW = {
    "image": {"image": 7, "decorative": False, "alt_text": "A still lake at dawn"},
    "caption": "Calm",
}


def test_alt_text_moves_into_the_image_block_and_back():
    assert ImageAltIntoImageBlock().apply(dict(OLD)) == NEW
    assert ImageAltIntoImageBlock().apply(NEW) == NEW  # running twice changes nothing
    assert ImageAltOutOfImageBlock().apply(NEW) == OLD


@pytest.mark.django_db
def test_saved_pages_and_revisions_keep_their_alt_text(client):
    image = make_image("Lake")
    article = make_article(make_index(), "Still water", body=[("paragraph", "<p>Breathe.</p>")])
    old_body = [{"type": "image", "value": {**OLD, "image": image.pk}, "id": "b1"}]
    # The shape saved before the migration, in the page and in its latest revision.
    ArticlePage.objects.filter(pk=article.pk).update(body=old_body)
    revision = article.latest_revision
    revision.content["body"] = json.dumps(old_body)  # revisions hold the stream as a string
    revision.save(update_fields=["content"])

    forward, _ = move_image_alt_into_image_block("articles", "articlepage")
    forward.code(apps, None)

    article = ArticlePage.objects.get(pk=article.pk)
    figure = article.body[0].value
    assert figure["image"].pk == image.pk
    assert figure["image"].contextual_alt_text == "A still lake at dawn"
    assert figure["caption"] == "Calm"
    revision.refresh_from_db()
    saved = json.loads(revision.content["body"])
    assert saved[0]["value"]["image"]["alt_text"] == "A still lake at dawn"
    img = soup(client.get(article.url)).select_one("#article-body figure img")
    assert img["alt"] == "A still lake at dawn"
