"""A therapist's photo alt text: the image's description (Wagtail's Image.description), or the
profile's own words; migration therapists 0009 moved the old per-profile alt texts into the
images' descriptions without losing any."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from therapists.tests.fixtures import directory_page, make_profile

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("therapists.migrations.0009_photo_alt_from_image_description")
PLACES = [("Portland", "OR", "97214")]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo(description=""):
    return get_image_model().objects.create(
        title="Ada", description=description, file=get_test_image_file()
    )


def test_the_photos_description_is_the_alt_text(client):
    profile = make_profile(directory_page(), "Ada Park", PLACES, photo=photo("Ada smiling"))
    assert profile.photo_alt_text == "Ada smiling"
    assert 'alt="Ada smiling"' in client.get(profile.url).content.decode()


def test_a_photo_without_description_needs_words_here():
    profile = make_profile(directory_page(), "Ada Park", PLACES)
    profile.photo = photo()
    with pytest.raises(ValidationError) as error:
        profile.full_clean()
    assert "it has no description" in error.value.message_dict["photo_alt"][0]


def test_the_migration_moves_alt_text_to_descriptions_and_loses_none(client):
    bare = photo()
    profile = make_profile(
        directory_page(), "Ada Park", PLACES, photo=bare, photo_alt="Ada in her office"
    )
    MIGRATION.alt_to_description(apps, None)
    bare.refresh_from_db()
    profile.refresh_from_db()
    assert (bare.description, profile.photo_alt) == ("Ada in her office", "")
    assert 'alt="Ada in her office"' in client.get(profile.url).content.decode()
    MIGRATION.description_to_alt(apps, None)
    profile.refresh_from_db()
    assert profile.photo_alt == "Ada in her office"
