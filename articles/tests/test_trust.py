"""Issue 17, items 4 to 6: dated corrections and updates (on the article, /articles/corrections/,
the feed, and what a correction purges), content notes, the crisis block's fixed 988 line and
the site's crisis lines, and the editorial policy linked from every article."""

from contextlib import contextmanager
from datetime import date
from xml.etree import ElementTree

import pytest
from wagtail.models import Site

from articles.models import ArticleCorrection, ArticlePage
from articles.tests.utils import make_article, make_author, make_index, make_topic, soup
from home import frontend_cache
from home.frontend_cache import SITE_KEY
from home.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return make_index()


def correct(article, *notes):
    """Publish the article with these (kind, date, note) corrections, as an editor would."""
    article = ArticlePage.objects.get(pk=article.pk)
    article.corrections = [
        ArticleCorrection(kind=kind, date=when, note=f"<p>{note}</p>") for kind, when, note in notes
    ]
    article.save_revision().publish()
    return article


class TestCorrections:
    def test_shown_dated_at_the_top_newest_first(self, client, index):
        article = make_article(index, "Panic")
        correct(
            article,
            ("correction", date(2026, 3, 1), "The dose was wrong."),
            ("update", date(2026, 5, 2), "New guidance added."),
        )
        page = soup(client.get(article.url))
        box = page.find(class_="article-corrections")
        items = box.find_all(class_="article-correction")
        assert [item.find("time")["datetime"] for item in items] == ["2026-05-02", "2026-03-01"]
        assert items[0].find(class_="article-correction__meta").get_text() == "Update, May 2, 2026"
        assert "The dose was wrong." in items[1].get_text()
        # Above the body, linking to every correction.
        assert box.find_next(id="article-body") is not None
        assert box.find("a", string="Every correction we have made")["href"] == (
            "/articles/corrections/"
        )

    def test_a_correction_in_a_draft_is_not_shown_until_published(self, client, index):
        article = make_article(index, "Panic")
        draft = ArticlePage.objects.get(pk=article.pk)
        draft.corrections = [ArticleCorrection(date=date(2026, 1, 1), note="<p>Not yet.</p>")]
        draft.save_revision()
        assert "Not yet." not in client.get(article.url).content.decode()
        assert "Not yet." not in client.get("/articles/corrections/").content.decode()
        draft.get_latest_revision().publish()
        assert "Not yet." in client.get(article.url).content.decode()

    def test_a_later_note_shows_once_published(self, client, index):
        # The notes are kept with the cached frame; publishing reads them again.
        article = correct(make_article(index, "Panic"), ("update", date(2026, 1, 1), "First."))
        assert "First." in client.get(article.url).content.decode()
        correct(
            article,
            ("update", date(2026, 1, 1), "First."),
            ("correction", date(2026, 2, 1), "Second."),
        )
        assert "Second." in client.get(article.url).content.decode()

    def test_an_article_without_corrections_has_no_box(self, client, index):
        article = make_article(index, "Panic")
        assert soup(client.get(article.url)).find(class_="article-corrections") is None

    def test_corrections_page_lists_live_articles_newest_first(self, client, index):
        old = correct(make_article(index, "Old one"), ("update", date(2025, 1, 1), "Early."))
        new = correct(make_article(index, "New one"), ("correction", date(2026, 1, 1), "Late."))
        gone = correct(make_article(index, "Gone"), ("correction", date(2026, 2, 1), "Hidden."))
        gone.unpublish()
        response = client.get("/articles/corrections/")
        assert response.status_code == 200
        rows = soup(response).find(id="corrections-list").find_all("li", recursive=False)
        assert [row.h2.a["href"] for row in rows] == [new.url, old.url]
        assert "Hidden." not in response.content.decode()

    def test_corrections_page_empty_and_bad_page(self, client, index):
        response = client.get("/articles/corrections/")
        assert "No corrections or updates yet." in response.content.decode()
        assert client.get("/articles/corrections/?page=9").status_code == 404

    def test_corrections_is_not_an_article_slug(self, index):
        article = ArticlePage(title="C", slug="corrections", standfirst="S", body=[])
        with pytest.raises(Exception, match="taken by the article index"):
            article.full_clean()

    def test_the_feed_marks_updated_articles(self, client, index):
        make_article(index, "Plain", topics=[make_topic("Sleep")])
        correct(make_article(index, "Fixed"), ("correction", date(2026, 4, 3), "Dates fixed."))
        feed = ElementTree.fromstring(client.get("/articles/feed/").content)
        items = {item.findtext("title"): item for item in feed.iter("item")}
        fixed, plain = items["Fixed"], items["Plain"]
        assert "Updated" in [c.text for c in fixed.findall("category")]
        assert fixed.findtext("description").startswith("Correction, April 3, 2026: Dates fixed.")
        assert "Updated" not in [c.text for c in plain.findall("category")]
        assert plain.findtext("description") == "The standfirst of Plain."


@pytest.fixture
def purged(monkeypatch, django_capture_on_commit_callbacks):
    """The keys of each purge sent once the change's transaction commits."""
    sent = []
    monkeypatch.setattr(frontend_cache, "purge_keys", lambda *keys: sent.append(set(keys)))

    @contextmanager
    def committing():
        frontend_cache._pending.keys = {}
        with django_capture_on_commit_callbacks(execute=True):
            yield
        return

    return sent, committing


class TestPurges:
    def test_publishing_a_correction_purges_every_page_showing_it(self, index, purged):
        # The article, /articles/corrections/ and the feeds all carry the site-wide key.
        sent, committing = purged
        article = make_article(index, "Panic")
        with committing():
            correct(article, ("correction", date(2026, 1, 1), "Fixed."))
        assert any(SITE_KEY in keys for keys in sent)

    def test_a_draft_correction_purges_nothing(self, index, purged):
        sent, committing = purged
        article = make_article(index, "Panic")
        with committing():
            draft = ArticlePage.objects.get(pk=article.pk)
            draft.corrections = [ArticleCorrection(date=date(2026, 1, 1), note="<p>Draft.</p>")]
            draft.save_revision()
        assert not sent

    def test_mapping_a_topic_to_issues_purges_the_site(self, purged):
        from therapists.models import Issue

        sent, committing = purged
        topic = make_topic("Grief")
        issue = Issue.objects.create(name="Grief and loss", slug="grief-and-loss")
        with committing():
            topic.issues.add(issue)
        assert any(SITE_KEY in keys for keys in sent)


class TestContentNote:
    def test_shown_before_the_body(self, client, index):
        article = make_article(index, "Hard days", content_notes=["self-harm", "abuse"])
        note = soup(client.get(article.url)).find(class_="content-note")
        text = note.get_text(" ", strip=True)
        assert "This article discusses self-harm and abuse." in text
        assert note.find_next(id="article-body") is not None
        # Self-harm: the crisis lines come with the note.
        assert note.find("a", href="tel:988") is not None

    def test_eating_disorders_alone_has_no_crisis_lines(self, client, index):
        article = make_article(index, "Food", content_notes=["eating-disorders"])
        note = soup(client.get(article.url)).find(class_="content-note")
        assert "discusses eating disorders." in note.get_text(" ", strip=True)
        assert note.find("a", href="tel:988") is None

    def test_none_without_notes_and_unknown_kinds_are_left_out(self, client, index):
        plain = make_article(index, "Plain")
        assert soup(client.get(plain.url)).find(class_="content-note") is None
        odd = make_article(index, "Odd", content_notes=["retired-kind", "suicide"])
        text = soup(client.get(odd.url)).find(class_="content-note").get_text(" ", strip=True)
        assert "discusses suicide." in text and "retired" not in text

    def test_the_editor_ticks_notes(self, admin_client, index):
        article = make_article(index, "Hard days", content_notes=["suicide"])
        page = soup(admin_client.get(f"/admin/pages/{article.pk}/edit/"))
        boxes = page.find_all("input", attrs={"name": "content_notes"})
        assert [box["value"] for box in boxes] == [
            "suicide",
            "self-harm",
            "eating-disorders",
            "abuse",
        ]
        assert [box["value"] for box in boxes if box.has_attr("checked")] == ["suicide"]


class TestCrisisBlock:
    def crisis(self, client, index, text=""):
        body = [("crisis_resources", {"heading": "If you need help now", "text": text})]
        article = make_article(index, "Crisis", body=body)
        return soup(client.get(article.url)).find(class_="crisis-resources")

    def test_always_988_and_the_sites_lines(self, client, index):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.crisis_resources = "<p>Call our warm line on 555-0100.</p>"
        settings.save()
        block = self.crisis(client, index, text="<p>Local: the county line.</p>")
        text = block.get_text(" ", strip=True)
        assert block.find("a", href="tel:988") is not None
        assert block.find("a", href="sms:988") is not None
        assert "Call our warm line on 555-0100." in text
        assert "Local: the county line." in text

    def test_default_lines_name_988_once(self, client, index):
        text = self.crisis(client, index).get_text(" ", strip=True)
        assert text.count("988 Suicide") == 1
        assert "911" in text


class TestEditorialPolicy:
    def test_every_article_links_the_policy(self, client, index):
        policy = Site.objects.get(is_default_site=True).root_page.add_child(
            instance=StandardPage(title="Editorial policy", slug="editorial-policy", body=[])
        )
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.editorial_policy_page = policy
        settings.save()
        for article in (make_article(index, "One"), make_article(index, "Two")):
            link = soup(client.get(article.url)).find(class_="article-policy").a
            assert link["href"] == "/editorial-policy/"
        corrections = soup(client.get("/articles/corrections/"))
        assert corrections.find("a", href="/editorial-policy/") is not None

    def test_no_link_without_a_policy_page(self, client, index):
        article = make_article(index, "One", authors=[make_author()])
        assert soup(client.get(article.url)).find(class_="article-policy") is None


class TestQueryCounts:
    """The corrections page and a corrected article with a help section stay within the
    site's bound of 12 queries (shared/PRODUCT.md), whatever the number of corrections."""

    def test_bounded(self, client, index, django_assert_max_num_queries):
        from therapists.models import Issue
        from therapists.tests.fixtures import directory_page

        directory_page()
        topic = make_topic("Anxiety")
        topic.issues.set([Issue.objects.create(name="Anxiety", slug="anxiety")])
        articles = [make_article(index, topics=[topic], authors=[make_author()])]
        for number in range(12):
            articles.append(make_article(index, topics=[topic]))
            correct(articles[-1], ("update", date(2026, 1, 1 + number), f"Note {number}."))
        correct(articles[0], *[("update", date(2026, 2, day), "More.") for day in range(1, 6)])
        for path, most in ((articles[0].url, 10), ("/articles/corrections/", 9)):
            client.get(path)  # the cached frame
            with django_assert_max_num_queries(most):
                assert client.get(path).status_code == 200
