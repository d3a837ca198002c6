import json
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import ArticleIndexPage, ArticlePage, ArticleRelatedLink
from home.models import HomePage, SiteSettings

from .utils import make_article, make_author, make_image, make_index, make_topic, soup

BODY = [
    ("heading", {"text": "Why the body does this", "level": "h2"}),
    ("paragraph", "<p>Panic is the body's alarm firing when there is no fire.</p>"),
    ("quote", {"quote": "The wave rises and passes.", "attribution": "A client"}),
    ("crisis_resources", {"heading": "If you need help now", "text": ""}),
]


def json_ld(page_soup):
    return json.loads(page_soup.find("script", type="application/ld+json").string)


class TestArticlePage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        site_settings.copyright_holder = "Example Holder"
        site_settings.save()
        cls.index = make_index()
        cls.anxiety = make_topic("Anxiety", description="Worry and panic.")
        cls.sleep = make_topic("Sleep")
        cls.author = make_author(
            "Maya Okafor", credentials="PhD", bio="<p>A clinical psychologist.</p>"
        )
        cls.article = make_article(
            cls.index,
            "What a panic attack feels like",
            slug="panic",
            standfirst="Panic is frightening, but it follows a pattern.",
            authors=[cls.author],
            topics=[cls.anxiety],
            hero_image=make_image(),
            hero_caption="An abstract picture.",
            body=BODY,
            last_reviewed=date(2026, 3, 1),
        )
        cls.article.date_published = date(2025, 5, 4)
        cls.article.save_revision().publish()
        cls.same_topic = make_article(cls.index, "Worry time", topics=[cls.anxiety], days_ago=2)
        cls.other_topic = make_article(cls.index, "Sleep and mood", topics=[cls.sleep])

    def get(self):
        response = self.client.get("/articles/panic/")
        self.assertEqual(response.status_code, 200)
        return response, soup(response)

    def test_parent_and_child_rules(self):
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)

    def test_article_body_holds_the_article_text_alone(self):
        _, page = self.get()
        body = page.find(id="article-body")
        text = body.get_text(" ", strip=True)
        self.assertIn("Why the body does this", text)
        self.assertIn("alarm firing", text)
        self.assertIn("The wave rises and passes.", text)
        for outside in ("Maya Okafor", "Published", "Topics", "©", "Related articles"):
            self.assertNotIn(outside, text)
        self.assertIsNone(body.find_parent("aside"))

    def test_crisis_block_falls_back_to_site_wide_text(self):
        _, page = self.get()
        crisis = page.find(class_="crisis-resources")
        self.assertIn("988", crisis.get_text())

    def test_json_ld_article(self):
        _, page = self.get()
        data = json_ld(page)
        self.assertEqual(data["@type"], "Article")
        self.assertEqual(data["headline"], "What a panic attack feels like")
        self.assertEqual(data["author"]["name"], "Maya Okafor")
        self.assertEqual(data["author"]["url"], "http://testserver/articles/authors/maya-okafor/")
        self.assertEqual(data["datePublished"], "2025-05-04")
        self.assertEqual(data["url"], "http://testserver/articles/panic/")
        self.assertTrue(data["image"].startswith("http://testserver/media/images/"))

    def test_several_authors_are_a_list_in_json_ld(self):
        self.article.authors = [self.author, make_author("Daniel Reyes", credentials="LMFT")]
        self.article.save_revision().publish()
        _, page = self.get()
        self.assertEqual(
            [person["name"] for person in json_ld(page)["author"]],
            ["Daniel Reyes", "Maya Okafor"],
        )
        self.assertIn("Daniel Reyes", page.find(class_="byline__authors").get_text())

    def test_head_has_canonical_description_open_graph_and_twitter(self):
        _, page = self.get()
        self.assertEqual(
            page.find("link", rel="canonical")["href"], "http://testserver/articles/panic/"
        )
        meta = {
            tag.get("property") or tag.get("name"): tag["content"]
            for tag in page.find_all("meta", content=True)
        }
        self.assertEqual(meta["description"], "Panic is frightening, but it follows a pattern.")
        self.assertEqual(meta["og:type"], "article")
        self.assertEqual(meta["og:title"], "What a panic attack feels like")
        self.assertEqual(meta["og:url"], "http://testserver/articles/panic/")
        self.assertTrue(meta["og:image"].startswith("http://testserver/media/images/"))
        self.assertEqual(meta["og:image:alt"], "A calm abstract picture.")
        self.assertEqual(meta["twitter:card"], "summary_large_image")
        self.assertEqual(meta["article:published_time"], "2025-05-04")
        self.assertEqual(meta["article:tag"], "Anxiety")
        self.assertEqual(page.find("title").get_text(), "What a panic attack feels like | MindWell")
        feed = page.find("link", type="application/rss+xml")
        self.assertEqual(feed["href"], "/articles/feed/")

    def test_byline_dates_reading_time_and_copyright(self):
        _, page = self.get()
        times = {tag["datetime"]: tag.get_text() for tag in page.find_all("time")}
        self.assertEqual(times["2025-05-04"], "May 4, 2025")
        self.assertEqual(times["2026-03"], "March 2026")  # "Last reviewed <month year>"
        self.assertIn("1 min read", page.find(class_="byline").get_text())
        self.assertEqual(
            page.find(class_="article-copyright").get_text(strip=True),
            "© 2025 by Example Holder. All rights reserved.",
        )
        author_link = page.find("a", rel="author")
        self.assertEqual(author_link["href"], "/articles/authors/maya-okafor/")

    def test_breadcrumbs(self):
        _, page = self.get()
        crumbs = page.find("nav", attrs={"aria-label": "Breadcrumb"}).find_all("a")
        self.assertEqual(
            [(a.get_text(), a["href"]) for a in crumbs],
            [("Home", "/"), ("Articles", "/articles/"), (self.article.title, "/articles/panic/")],
        )
        self.assertEqual(crumbs[-1]["aria-current"], "page")

    def test_hero_image_with_alt_and_caption(self):
        _, page = self.get()
        hero = page.find(class_="article-hero")
        self.assertEqual(hero.find("img")["alt"], "A calm abstract picture.")
        self.assertIn("srcset", hero.find("img").attrs)
        self.assertEqual(hero.find("figcaption").get_text(), "An abstract picture.")

    def test_author_bio_and_sidebar_topics(self):
        _, page = self.get()
        about = page.find(class_="about-authors")
        self.assertIn("A clinical psychologist.", about.get_text())
        sidebar = page.find("aside", class_="article-sidebar")
        self.assertEqual(
            [a["href"] for a in sidebar.find(class_="topic-nav").find_all("a")],
            ["/articles/topics/anxiety/", "/articles/topics/sleep/"],
        )

    def test_related_articles_fall_back_to_shared_topic(self):
        _, page = self.get()
        related = page.find(class_="related-articles")
        titles = [h.get_text(strip=True) for h in related.find_all("h3")]
        self.assertEqual(titles, ["Worry time"])

    def test_related_articles_chosen_by_editor_come_first_in_their_order(self):
        self.article.related_links = [
            ArticleRelatedLink(related_page=self.other_topic, sort_order=0),
            ArticleRelatedLink(related_page=self.same_topic, sort_order=1),
        ]
        self.article.save_revision().publish()
        _, page = self.get()
        titles = [h.get_text(strip=True) for h in page.find(class_="related-articles")("h3")]
        self.assertEqual(titles, ["Sleep and mood", "Worry time"])

    def test_related_articles_follow_changes_to_the_cards_they_show(self):
        # The section is kept with the shared frame; a change to what its cards show must
        # still reach the next reader.
        self.get()
        self.same_topic.title = "Worry time, revised"
        self.same_topic.authors = [self.author]
        self.same_topic.save_revision().publish()
        _, page = self.get()
        related = page.find(class_="related-articles")
        self.assertEqual([h.get_text(strip=True) for h in related("h3")], ["Worry time, revised"])
        self.author.name = "Maya Okafor-Reyes"
        self.author.save()
        _, page = self.get()
        self.assertIn("Maya Okafor-Reyes", page.find(class_="related-articles").get_text())
        self.same_topic.unpublish()
        _, page = self.get()
        self.assertIsNone(page.find(class_="related-articles"))

    def test_draft_article_is_not_served(self):
        draft = make_article(self.index, "Draft", slug="draft", publish=False)
        self.assertFalse(draft.live)
        self.assertEqual(self.client.get("/articles/draft/").status_code, 404)

    def test_preview_renders(self):
        post_data = nested_form_data(
            {
                "title": "Previewed title",
                "slug": "panic",
                "standfirst": "Previewed standfirst.",
                "hero_alt": "",
                "hero_caption": "",
                "body": streamfield([("paragraph", rich_text("<p>Previewed body.</p>"))]),
                "references": streamfield([]),
                "clinical_review_required": "on",  # as the editor's ticked checkbox posts it
                "related_links": inline_formset([]),
                "corrections": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        # Multiple-choice fields post one value per choice (nested_form_data would index them).
        post_data.update(authors=[self.author.pk], topics=[self.anxiety.pk])
        self.assertPageIsPreviewable(self.article, post_data=post_data)


class TestArticleRules(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()

    def test_hero_image_needs_alt_text(self):
        article = ArticlePage(
            title="T", slug="t", standfirst="S", body=[], hero_image=make_image(), hero_alt=" "
        )
        with self.assertRaises(ValidationError) as error:
            self.index.add_child(instance=article)
        self.assertIn("hero_alt", error.exception.message_dict)

    def test_slugs_of_the_index_routes_are_refused(self):
        for slug in ("topics", "authors", "feed"):
            with self.assertRaises(ValidationError) as error:
                self.index.add_child(
                    instance=ArticlePage(title="T", slug=slug, standfirst="S", body=[])
                )
            self.assertIn("slug", error.exception.message_dict)

    def test_first_publication_fixes_the_shown_date(self):
        article = make_article(self.index, "New", publish=False)
        self.assertIsNone(article.date_published)
        article.save_revision().publish()
        article.refresh_from_db()
        self.assertEqual(article.date_published, timezone.localdate(article.first_published_at))

    def test_reading_time_counts_prose_blocks(self):
        words = " ".join(["word"] * 460)
        article = ArticlePage(
            standfirst="",
            body=[
                ("paragraph", f"<p>{words}</p>"),
                ("quote", {"quote": words, "attribution": ""}),
                ("embed", "https://www.youtube.com/watch?v=abc"),
            ],
        )
        self.assertEqual(article.reading_time, 4)  # 920 words at 230 a minute

    def test_author_profile_link_must_be_in_the_directory(self):
        author = make_author("Someone")
        author.therapist_profile = self.index
        with self.assertRaises(ValidationError) as error:
            author.full_clean()
        self.assertIn("therapist_profile", error.exception.message_dict)


class TestHomeFeaturedArticles(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.articles = [
            make_article(cls.index, f"Story {number}", days_ago=number) for number in range(5)
        ]

    def featured_titles(self):
        page = soup(self.client.get("/"))
        return [h.get_text(strip=True) for h in page.select(".featured-articles h3")]

    def test_newest_three_by_default(self):
        self.assertEqual(self.featured_titles(), ["Story 0", "Story 1", "Story 2"])

    def test_editor_choice_in_order_and_live_only(self):
        from home.models import HomePageFeaturedArticle

        home = self.index.get_parent().specific
        home.featured_articles = [
            HomePageFeaturedArticle(article=self.articles[4], sort_order=0),
            HomePageFeaturedArticle(article=self.articles[2], sort_order=1),
            HomePageFeaturedArticle(article=self.articles[3], sort_order=2),
        ]
        home.save_revision().publish()
        self.articles[3].unpublish()
        self.assertEqual(self.featured_titles(), ["Story 4", "Story 2"])


class TestContentChecks:
    def test_editor_checks_focus_on_main_content_with_image_rules(self, rf):
        from wagtail.admin.userbar import AccessibilityItem, apply_userbar_hooks

        from articles.wagtail_hooks import ArticleContentChecker

        items = [AccessibilityItem(in_editor=True)]
        apply_userbar_hooks(rf.get("/"), items, None)
        assert isinstance(items[0], ArticleContentChecker)
        assert items[0].in_editor
        config = items[0].get_axe_configuration(rf.get("/"))
        assert config["context"]["include"] == ["main"]
        assert "image-alt" in config["options"]["runOnly"]


class TestFindTherapistPromptOnArticles(WagtailPageTestCase):
    """The seed's "Find the Right Therapist" box sits in the article sidebar, with the Call Us
    line, until the reader says "Don't show me this again."."""

    @classmethod
    def setUpTestData(cls):
        from therapists.tests.fixtures import directory_page

        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        site_settings.phone_number = "1-888-555-0142"
        site_settings.phone_extension = "1"
        site_settings.save()
        directory_page()
        cls.article = make_article(make_index(), "Grief at work", slug="grief-at-work")

    def sidebar(self):
        response = self.client.get("/articles/grief-at-work/")
        self.assertEqual(response.status_code, 200)
        return soup(response).find("aside", class_="article-sidebar")

    def test_prompt_with_search_links_and_call_line(self):
        sidebar = self.sidebar()
        prompt = sidebar.find(class_="find-prompt")
        self.assertEqual(prompt.h2.get_text(strip=True), "Find the Right Therapist")
        search = prompt.find("form", role="search")
        self.assertEqual(search["action"], "/find-a-therapist/")
        self.assertIsNotNone(search.find("input", attrs={"name": "location"}))
        self.assertIsNotNone(search.find("select", attrs={"name": "issue"}))
        links = [a.get_text(strip=True) for a in prompt.find_all("a")]
        self.assertIn("Advanced Search", links)
        self.assertIn("Browse Locations", links)
        self.assertIn("1-888-555-0142 ext.1", prompt.get_text(" ", strip=True))
        self.assertIn("Don't show me this again.", prompt.get_text(" ", strip=True))

    def test_hidden_once_dismissed(self):
        from therapists.views import PROMPT_COOKIE

        self.client.cookies[PROMPT_COOKIE] = "1"
        self.assertIsNone(self.sidebar().find(class_="find-prompt"))
