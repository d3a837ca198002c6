"""`manage.py import_wordpress`: what a publisher's archive (the hand-written WXR fixtures in
fixtures/wordpress/) becomes: articles by status, pages, topics, authors, images, threaded and
numbered comments, redirects answered through the real middleware, search results, re-runs,
newer exports, dry runs, and a failure that leaves the database as it was."""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, PageViewRestriction, ReferenceIndex

from articles.models import ArticlePage, Author, Comment, ImportedItem, Topic
from articles.tests.utils import make_article, make_index, make_topic, soup
from home.models import StandardPage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "wordpress"
VIDEOS = ["https://www.youtube.com/watch?v=abc123xyz", "https://www.youtube.com/watch?v=sleep42"]


def import_wordpress(name="site.xml", *args, **options):
    out = StringIO()
    call_command("import_wordpress", str(FIXTURES / name), *args, no_progress=True, stdout=out)
    return out.getvalue()


def uploads(tmp_path):
    """A copy of wp-content/uploads with two of the export's three images."""
    for name, colour in (("2024/03/lake.jpg", "navy"), ("2024/04/hills.png", "green")):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        PILImage.new("RGB", (80, 50), colour).save(path)
    return tmp_path


@pytest.fixture
def known_videos():
    """The YouTube answers, as Wagtail caches them: the tests make no request to YouTube."""
    for url in VIDEOS:
        Embed.objects.create(
            url=url,
            hash=get_embed_hash(url),
            type="video",
            html=f'<p class="video">{url}</p>',
            provider_name="YouTube",
        )


@pytest.fixture
def index(known_videos):
    return make_index()


@pytest.fixture
def imported(index, tmp_path):
    return import_wordpress("site.xml", "--media-dir", str(uploads(tmp_path)))


def article(wp_id):
    item = ImportedItem.objects.get(kind="post", wordpress_id=str(wp_id))
    return ArticlePage.objects.get(pk=item.object_id)


def block_types(page):
    return [block.block_type for block in page.body]


def test_published_posts_are_live_with_their_wordpress_dates(imported, client):
    page = article(10)
    assert page.live and page.title == "Breathing through a panic attack"
    assert page.date_published.isoformat() == "2024-03-02"
    assert page.first_published_at.isoformat() == "2024-03-02T15:00:00+00:00"
    assert page.last_published_at.isoformat() == "2024-03-05T15:00:00+00:00"
    assert page.url == "/articles/breathing-through-panic/"
    response = client.get(page.url)
    assert response.status_code == 200
    body = soup(response).find(id="article-body")
    assert "Breathe in for four counts" in body.get_text()
    assert "March 2, 2024" in response.content.decode()


def test_classic_html_becomes_blocks(imported):
    page = article(10)
    assert block_types(page) == [
        "paragraph",
        "image",
        "embed",
        "heading",
        "paragraph",
    ]
    first, image, embed, heading, last = page.body
    assert first.value.source.startswith("<p>A panic attack feels like an alarm")
    assert "<b>Repeat it five times.</b>" in first.value.source
    # A link to the old site is made relative, so the redirects answer it.
    assert '<a href="/2024/02/what-panic-is/">what panic is</a>' in first.value.source
    assert image.value["caption"] == "Still water, slow breath"
    # The attachment's alt text.
    assert image.value["image"].contextual_alt_text == "A still lake at dawn"
    assert embed.value.url == VIDEOS[0]
    assert heading.value == {"text": "When it passes", "level": "h3"}
    # wpautop: a single line break is a <br/>, a blank line a new paragraph.
    assert "<p>Write down what happened.<br/>It helps next time.</p>" in last.value.source
    # Unknown shortcodes stay as text; scripts and event handlers go.
    assert '[contact-form-7 id="4" title="Ask us"]' in last.value.source
    assert "script" not in last.value.source and "onclick" not in last.value.source
    assert "<p>Be gentle with yourself.</p>" in last.value.source
    # The text before <!--more--> is the standfirst (there is no excerpt).
    assert page.standfirst.startswith("A panic attack feels like an alarm with no fire.")


def test_gutenberg_blocks_become_blocks(imported):
    page = article(11)
    assert block_types(page) == [
        "paragraph",
        "heading",
        "paragraph",
        "quote",
        "image",
        "embed",
        "paragraph",
    ]
    paragraph, heading, listing, quote, image, embed, last = page.body
    assert paragraph.value.source == (
        "<p>Worry grows in the dark. A <i>worry window</i> in the evening gives it a place.</p>"
    )
    assert heading.value == {"text": "A worry window", "level": "h3"}
    assert "<ul><li>Pick a time</li><li>Write the worries down</li></ul>" in listing.value.source
    # The reusable block is inlined, a plugin's block keeps its text, Latest Posts goes.
    assert last.value.source == (
        "<p>Name five things you can see.</p><p>Slide one: rest is a skill.</p>"
    )
    assert "latest-posts ×1" in imported and "acme/slider ×1" in imported
    assert quote.value["quote"] == "Thoughts are visitors, not residents."
    assert quote.value["attribution"] == "A sleep clinician"
    assert image.value["image"].contextual_alt_text == "Green hills under a pale sky"
    assert image.value["caption"] == "Evening light"
    assert embed.value.url == VIDEOS[1]
    assert page.standfirst == "A worry window in the evening keeps worry out of the night."
    assert not page.comments_open  # comment_status closed


def test_every_status(imported):
    draft, pending, scheduled, private = article(12), article(13), article(14), article(15)
    assert not draft.live and not pending.live
    assert draft.date_published is None
    assert draft.slug == "half-written-draft"  # no post_name: from the title
    assert not scheduled.live and scheduled.go_live_at.year == 2030
    assert scheduled.get_latest_revision().approved_go_live_at == scheduled.go_live_at
    assert private.live
    restriction = PageViewRestriction.objects.get(page=private)
    assert restriction.restriction_type == PageViewRestriction.GROUPS
    assert sorted(restriction.groups.values_list("name", flat=True)) == ["Editors", "Writers"]
    password = PageViewRestriction.objects.get(page=article(26))
    assert password.restriction_type == PageViewRestriction.PASSWORD
    assert password.password == "open-sesame"
    titles = set(ArticlePage.objects.values_list("title", flat=True))
    assert "Thrown away" not in titles and "Auto Draft" not in titles  # trash, auto-draft


def test_imported_articles_are_whole_wagtail_pages(imported, admin_client):
    """Written in batches (articles/wordpress/bulk.py), they must be what the editor makes."""
    assert Page.find_problems() == ([], [], [], [], [])  # the tree's paths, depths, counts
    for item in ImportedItem.objects.filter(kind__in=["post", "page"]):  # the editor opens each
        edit = reverse("wagtailadmin_pages:edit", args=[item.object_id])
        assert admin_client.get(edit).status_code == 200, item
    page = article(10)
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert actions == {"wagtail.create", "wagtail.publish"}
    assert page.live_revision == page.latest_revision and not page.has_unpublished_changes
    assert page.latest_revision.as_object().title == page.title
    # Wagtail's own search (the admin's) and usage of the hero image know it.
    assert page.pk in [p.pk for p in Page.objects.live().search("Breathing")]
    uses = ReferenceIndex.get_references_to(page.hero_image).values_list("object_id", flat=True)
    assert str(page.pk) in uses
    # An editor can change and publish it as usual.
    page.title = "Breathing slowly through a panic attack"
    page.save_revision().publish()
    assert admin_client.get(page.url).status_code == 200


def test_scheduled_posts_go_live_through_publish_scheduled(imported):
    page = article(14)
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish.schedule").exists()
    # Its time comes (moved from 2030 to a minute ago, in the revision as in the page).
    past = timezone.now() - timedelta(minutes=1)
    revision = page.latest_revision
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    ArticlePage.objects.filter(pk=page.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.first_published_at is not None


def test_private_posts_are_for_signed_in_staff_only(imported, client, django_user_model):
    url = article(15).url
    assert client.get(url).status_code == 302  # to the login page
    reader = django_user_model.objects.create_user("reader", password="x")
    client.force_login(reader)
    assert client.get(url).status_code == 302
    editor = django_user_model.objects.create_user("ed", password="x")
    editor.groups.add(*PageViewRestriction.objects.get(page=article(15)).groups.all())
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_duplicate_reserved_and_missing_slugs_and_titles(imported):
    assert article(18).slug == "breathing-through-panic-2"
    assert article(17).slug == "feed-2"  # /articles/feed/ is the RSS feed
    untitled = article(19)
    assert untitled.title == "Just a quick thought about rest and recovery today."
    undated = article(24)
    assert not undated.live  # no valid date: a draft
    assert "post 24 “Lost in time”: has no valid date: imported as a draft" in imported
    assert "post 17 “Feed your mind”: slug “feed” is taken by the site’s own pages" in imported
    search_page = ImportedItem.objects.get(kind="page", wordpress_id="32")
    assert Page.objects.get(pk=search_page.object_id).slug == "search-2"  # /search/ is search


def test_authors_topics_and_tags(imported):
    dana = Author.objects.get(slug="dana")
    assert dana.name == "Dana Ríos-Ødegård"
    assert Author.objects.get(slug="liming").name == "李明"
    assert list(article(11).authors.all()) == [Author.objects.get(slug="liming")]
    panic = Topic.objects.get(slug="panic")
    assert panic.name == "Panic & fear" and panic.description == "When fear arrives all at once."
    # A post in a child category is in its parent's topic too.
    assert sorted(article(10).topics.values_list("slug", flat=True)) == ["anxiety", "panic"]
    assert list(article(10).tags.names()) == ["breathing"]
    assert list(article(11).tags.names()) == ["self-care"]


def test_images_and_missing_media(imported):
    images = get_image_model().objects.filter(collection__name="Imported")
    assert sorted(images.values_list("title", flat=True)) == ["Green hills", "lake"]
    lake = images.get(title="lake")
    assert lake.description == "A still lake at dawn" and (lake.width, lake.height) == (80, 50)
    page = article(10)
    assert page.hero_image == lake and page.hero_alt_text == "A still lake at dawn"
    # The missing picture is left out, never a broken <img>, and reported.
    assert "missing.jpg" not in str(page.body.raw_data)
    assert "attachment 21 (2024/03/missing.jpg): file not in --media-dir" in imported
    assert "image https://calmharbor.example/wp-content/uploads/2024/03/missing.jpg left out" in (
        imported
    )
    assert "attachment 22 (2024/03/guide.pdf): not an image" in imported


def test_without_media_dir_images_are_reported_missing(index):
    output = import_wordpress()
    assert not get_image_model().objects.filter(collection__name="Imported").exists()
    assert "attachment 20 (2024/03/lake.jpg): no --media-dir given" in output
    page = article(10)
    assert page.hero_image is None and "image" not in block_types(page)


def test_comments_statuses_numbers_and_threads(imported, client):
    comments = Comment.objects.filter(article=article(10))
    by_name = {comment.name: comment for comment in comments}
    assert set(by_name) == {
        "Rosa",
        "Ahmed",
        "Dana Ríos-Ødegård",
        "Quiet reader",
        "Cheap pills",
        "Angry visitor",
        "Late replier",
    }  # the pingback is skipped
    # Numbers follow the original (date) order: Ahmed wrote first.
    assert [(c.name, c.number) for c in comments.approved().order_by("number")] == [
        ("Ahmed", 1),
        ("Rosa", 2),
        ("Dana Ríos-Ødegård", 3),
        ("Late replier", 4),
    ]
    assert by_name["Quiet reader"].status == "pending" and by_name["Quiet reader"].number is None
    assert by_name["Cheap pills"].status == "spam"
    assert by_name["Angry visitor"].status == "rejected"
    assert by_name["Dana Ríos-Ødegård"].parent == by_name["Rosa"]
    assert by_name["Late replier"].parent is None  # its parent is not in the export
    assert "its parent comment 999 is not in the export" in imported
    assert by_name["Rosa"].body == "The four-four-six count works for me.\n\nI do it on the bus."
    assert by_name["Ahmed"].body == "First! This helped a lot."
    assert by_name["Rosa"].website == "https://rosa.example.org"

    page = client.get(article(10).url).content.decode()
    assert "4 comments" in page
    assert "Buy now" not in page and "Rude words" not in page and "pregnancy" not in page
    assert "@example.com" not in page  # emails stay private
    reply = soup(client.get(article(10).url)).find(id=f"comment-{by_name['Dana Ríos-Ødegård'].pk}")
    assert "In reply to Rosa (#2)" in reply.get_text(" ", strip=True)


def test_pages_become_standard_pages(imported, client):
    about = StandardPage.objects.get(slug="about-us")
    team = StandardPage.objects.get(slug="team")
    assert team.get_parent().specific == about
    assert about.last_updated.isoformat() == "2024-01-01"
    response = client.get("/about-us/team/")
    assert response.status_code == 200 and "Dana and Li Ming." in response.content.decode()
    # Its old URL is its new one: no redirect needed.
    assert not Redirect.objects.filter(old_path="/about-us/team").exists()
    assert "Comments: " in imported and "on pages 1 (1 skipped)" in imported


OLD_URLS = [
    ("/2024/03/breathing-through-panic/", "/articles/breathing-through-panic/"),
    ("/2024/03/breathing-through-panic", "/articles/breathing-through-panic/"),
    ("/?p=10", "/articles/breathing-through-panic/"),
    ("/?p=10&utm_source=newsletter", "/articles/breathing-through-panic/"),
    ("/2024/03/feed/", "/articles/feed-2/"),
    ("/?page_id=30", "/about-us/"),
    ("/category/anxiety/panic/", "/articles/topics/panic/"),
    ("/category/panic/", "/articles/topics/panic/"),
    ("/?cat=4", "/articles/topics/panic/"),
    ("/category/sleep/feed/", "/articles/topics/sleep/feed/"),
    ("/feed/", "/articles/feed/"),
    ("/?feed=rss2", "/articles/feed/"),
    ("/author/dana/", "/articles/authors/dana/"),
    ("/?author=2", "/articles/authors/liming/"),
]


def test_old_urls_redirect_permanently(imported, client):
    for old, new in OLD_URLS:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old
        assert client.get(new).status_code == 200, new


def test_an_old_url_this_site_answers_itself_gets_no_redirect(imported, client):
    assert client.get("/search/").status_code == 200  # the article search, as before
    assert not Redirect.objects.filter(old_path="/search").exists()
    assert "page 32 “Search tips”: /search/ is answered by this site itself" in imported
    assert client.get("/?page_id=32")["Location"] == "/search-2/"


def test_the_admin_keeps_its_own_page_parameter(imported, admin_client):
    """Wagtail's admin pages its listings with ?p=: never a WordPress redirect there."""
    response = admin_client.get(reverse("wagtailadmin_explore_root") + "?p=10")
    assert response.status_code == 200


def test_old_image_urls_redirect_to_a_full_size_rendition(imported, client):
    response = client.get("/wp-content/uploads/2024/03/lake.jpg")
    assert response.status_code == 301
    # Original files are not served (docs/security.md): the full-size public rendition.
    assert response["Location"].startswith("/media/images/lake")
    assert response["Location"].split("/")[-1].split(".")[1] == "original"
    assert client.get(response["Location"]).status_code == 200


def test_drafts_get_no_redirect_and_the_home_page_still_answers(imported, client):
    assert client.get("/?p=12").status_code == 200  # a draft: the home page, as before
    assert client.get("/").status_code == 200
    assert not Redirect.objects.filter(old_path="/?p=12").exists()


def test_search_finds_imported_articles(imported, client):
    def titles(query, scope):
        page = soup(client.get("/search/", {"q": query, "scope": scope}))
        results = page.find(id="search-results").find_all("h2")
        return {" ".join(title.get_text().split()) for title in results}

    assert titles("breathing", "title") == {"Breathing through a panic attack", "Breathing, again"}
    assert titles("worry window", "content") == {"Sleep and worry"}
    assert titles("李明", "author") == {"Sleep and worry"}
    # Private and draft posts are not searchable.
    assert titles("zebracorn", "content") == set()  # private
    assert titles("half-written draft", "title") == set()


def test_rerun_changes_nothing(imported, index, tmp_path):
    counts = {
        model: model.objects.count()
        for model in (ArticlePage, StandardPage, Comment, Redirect, Topic, Author, ImportedItem)
    }
    revisions = {page.pk: page.latest_revision_id for page in ArticlePage.objects.all()}
    output = import_wordpress("site.xml", "--media-dir", str(tmp_path))
    assert {model: model.objects.count() for model in counts} == counts
    assert {page.pk: page.latest_revision_id for page in ArticlePage.objects.all()} == revisions
    assert get_image_model().objects.count() == 2
    assert " created" not in output and " updated" not in output
    assert "Articles: publish 7 (7 unchanged)" in output


def test_a_newer_export_updates_what_changed(imported, index, tmp_path):
    rosa = Comment.objects.get(name="Rosa")
    output = import_wordpress("site-newer.xml", "--media-dir", str(tmp_path))
    page = article(10)
    assert page.title == "Breathing through a panic attack, step by step"
    assert page.live and page.url == "/articles/breathing-through-panic/"
    assert article(13).live  # pending, now published
    assert not PageViewRestriction.objects.filter(page=article(15)).exists()  # now public
    assert not article(17).live  # back to draft
    assert Author.objects.get(slug="dana").name == "Dana Ríos"
    quiet = Comment.objects.get(name="Quiet reader")
    assert quiet.status == "approved" and quiet.number == 5  # after the numbers given before
    newest = Comment.objects.get(name="New reader")
    assert newest.number == 6 and newest.parent == rosa
    assert Comment.objects.get(pk=rosa.pk).number == 2  # numbers never change
    assert Comment.objects.filter(article=page).count() == 8
    assert "Articles: publish" in output and "updated" in output
    assert ArticlePage.objects.filter(title__startswith="Breathing through").count() == 1


def test_an_update_wagtail_refuses_waits_as_a_draft(imported, tmp_path, monkeypatch):
    from django.core.exceptions import ValidationError

    full_clean = ArticlePage.full_clean

    def refuse_the_new_title(self, *args, **kwargs):
        if "step by step" in self.title:
            raise ValidationError({"title": "Not this one."})
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(ArticlePage, "full_clean", refuse_the_new_title)
    output = import_wordpress("site-newer.xml", "--media-dir", str(tmp_path))
    page = article(10)
    assert page.live and page.title == "Breathing through a panic attack"  # still live, as was
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().title.endswith("step by step")
    assert "Wagtail refused to publish it (title: Not this one.)" in output


def test_edits_made_here_are_not_overwritten(imported, index, tmp_path):
    page = article(10)
    page.title = "Our own better title"
    page.save_revision().publish()
    output = import_wordpress("site-newer.xml", "--media-dir", str(tmp_path))
    assert article(10).title == "Our own better title"
    assert "changed here since the last import: left as it is" in output
    # Its comments still follow the export.
    assert Comment.objects.get(name="Quiet reader").status == "approved"


def test_dry_run_saves_nothing(index, tmp_path):
    before = {m: m.objects.count() for m in (Page, Comment, Redirect, Topic, Author, ImportedItem)}
    images = sorted(Path(get_image_model()._meta.get_field("file").storage.location).rglob("*"))
    output = import_wordpress("site.xml", "--media-dir", str(uploads(tmp_path)), "--dry-run")
    assert output.startswith("WordPress import from https://calmharbor.example (dry run")
    assert "Articles: publish 7 (7 created)" in output and "Images: 3 (2 imported" in output
    assert {m: m.objects.count() for m in before} == before
    assert get_image_model().objects.count() == 0
    storage = get_image_model()._meta.get_field("file").storage
    assert sorted(Path(storage.location).rglob("*")) == images


def test_a_failure_midway_leaves_the_database_as_it_was(index, tmp_path, monkeypatch):
    from articles.wordpress import comments

    before = {m: m.objects.count() for m in (Page, Comment, Redirect, Topic, Author, ImportedItem)}
    storage = get_image_model()._meta.get_field("file").storage
    files = sorted(Path(storage.location).rglob("*")) if Path(storage.location).exists() else []
    real = comments.Comments.import_for
    calls = []

    def fail_on_the_second_post(self, *args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real(self, *args)

    monkeypatch.setattr(comments.Comments, "import_for", fail_on_the_second_post)
    with pytest.raises(Exception) as error:
        import_wordpress("site.xml", "--media-dir", str(uploads(tmp_path)))
    message = str(error.value)
    assert "The import stopped at post 11 “Sleep and worry”" in message
    assert "RuntimeError: the database went away" in message
    assert "Nothing was saved" in message
    assert {m: m.objects.count() for m in before} == before
    assert get_image_model().objects.count() == 0
    now = sorted(Path(storage.location).rglob("*")) if Path(storage.location).exists() else []
    assert [path for path in now if path.is_file()] == [path for path in files if path.is_file()]
    # The next run starts from scratch and completes.
    monkeypatch.setattr(comments.Comments, "import_for", real)
    import_wordpress("site.xml", "--media-dir", str(tmp_path))
    assert ArticlePage.objects.filter(live=True).count() == 7


def test_existing_topics_are_adopted_and_wxr_1_1_is_read(index, client):
    sleep = make_topic("Sleep", slug="sleep-health")
    existing = make_article(index, "Written here first", topics=[sleep])
    output = import_wordpress("wxr-1.1.xml")
    # The new article goes after the existing one in the tree, which stays sound.
    assert Page.find_problems() == ([], [], [], [], [])
    assert [p.title for p in index.get_children()] == ["Written here first", "One small step"]
    assert client.get(existing.url).status_code == 200
    page = ArticlePage.objects.get(slug="one-small-step")
    assert list(page.topics.all()) == [sleep]
    assert Topic.objects.filter(name="Sleep").count() == 1
    assert "Topics: 1 (1 matched an existing topic)" in output
    assert page.live and Redirect.objects.filter(old_path="/?p=7").exists()


def test_an_import_empties_the_page_cache_and_a_dry_run_does_not(index, tmp_path, monkeypatch):
    from articles.wordpress import importer

    purged = []
    monkeypatch.setattr(importer, "purge_keys", lambda *keys: purged.append(keys))
    import_wordpress("site.xml", "--media-dir", str(uploads(tmp_path)), "--dry-run")
    assert purged == []
    import_wordpress("site.xml", "--media-dir", str(uploads(tmp_path)))
    assert purged == [("site",)]
