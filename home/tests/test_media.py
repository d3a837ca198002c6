"""Uploaded files served by Django (home/media.py): renditions are kept for a year."""

import pytest
from django.test import override_settings


@pytest.fixture
def media_root(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "photo.fill-480x270.format-webp.webp").write_bytes(b"RIFF....WEBP")
    (tmp_path / "avatar_images").mkdir()
    (tmp_path / "avatar_images" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def test_a_rendition_is_immutable_for_a_year(client, media_root):
    response = client.get("/media/images/photo.fill-480x270.format-webp.webp")
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert cache_control == {"public", "max-age=31536000", "immutable"}


def test_an_avatar_a_user_may_replace_is_not(client, media_root):
    response = client.get("/media/avatar_images/photo.jpg")
    assert response.status_code == 200
    assert "immutable" not in response.get("Cache-Control", "")


def test_a_missing_rendition_is_a_plain_404(client, media_root, db):
    response = client.get("/media/images/gone.webp")
    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")
