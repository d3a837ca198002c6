"""import_wordpress given what is not a good export: a clear message, exit status 1, no
traceback, and nothing written."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import ArticlePage, Author, ImportedItem, Topic
from articles.tests.utils import make_index

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
ROOT = Path(__file__).resolve().parents[2]


def refusal(*args):
    with pytest.raises(CommandError) as error:
        call_command("import_wordpress", *map(str, args), no_progress=True)
    assert not ArticlePage.objects.exists() and not ImportedItem.objects.exists()
    assert not Author.objects.exists() and not Topic.objects.exists()
    return str(error.value)


@pytest.fixture(autouse=True)
def index():
    return make_index()


@pytest.mark.parametrize(
    "name, says",
    [
        ("not-wxr.xml", "is not a WordPress export (WXR): it has no <wp:wxr_version>"),
        ("not-rss.xml", "is XML but not a WordPress export: its root element is <urlset>"),
        ("not-xml.xml", "not-xml.xml is not XML, so not a WordPress export."),
        ("truncated.xml", "is not well-formed XML at line"),
        ("unknown-version.xml", "is WXR version 2.0, which this importer does not know"),
        ("entities.xml", "declares XML entities or external references"),
        ("external-entity.xml", "declares XML entities or external references"),
        ("no-such-export.xml", "There is no file"),
    ],
)
def test_bad_files_are_refused_with_a_reason(name, says):
    message = refusal(FIXTURES / name)
    assert says in message
    if name == "truncated.xml":
        assert "If the file was cut short, export it again." in message


def test_a_directory_is_not_an_export():
    assert "is a directory; give the export’s .xml file" in refusal(FIXTURES)


def test_media_dir_must_be_a_directory():
    message = refusal(FIXTURES / "site.xml", "--media-dir", FIXTURES / "site.xml")
    assert "is not a directory" in message


def test_no_article_index_to_import_into(index):
    index.delete()
    assert "There is no article index page (/articles/)" in refusal(FIXTURES / "site.xml")


def test_the_command_line_shows_the_message_not_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "import_wordpress", str(FIXTURES / "truncated.xml")],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "settings.test", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "CommandError:" in result.stderr and "is not well-formed XML" in result.stderr
