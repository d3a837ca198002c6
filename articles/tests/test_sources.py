"""Sources (issue 17, item 2): numbered references, citations linked both ways, JSON-LD
`citation`; and the editor's content checks for unsourced health claims and for suicide or
self-harm without crisis resources (item 5)."""

import json

from django.core.exceptions import ValidationError
from django.test import RequestFactory, TestCase

from articles.blocks import ReferenceBlock
from articles.citations import link_citations
from articles.content_checks import NO_CRISIS_BLOCK, NO_SOURCES, content_warnings
from articles.wagtail_hooks import ArticleContentChecker

from .utils import make_article, make_index, soup

REFERENCES = [
    (
        "reference",
        {
            "title": "Sleep deprivation and mood",
            "publisher": "Journal of Sleep Research",
            "year": 2019,
            "url": "https://example.org/sleep",
            "doi": "10.1000/jsr.2019.1",
            "pubmed_id": "",
        },
    ),
    (
        "reference",
        {
            "title": "Insomnia guideline",
            "publisher": "A health agency",
            "year": 2021,
            "url": "",
            "doi": "",
            "pubmed_id": "31234567",
        },
    ),
]


class TestReferences(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.article = make_article(
            cls.index,
            "Sleep and mood",
            body=[
                (
                    "paragraph",
                    "<p>Poor sleep worsens mood [1]. Guidelines agree [2], and again [1]."
                    " A stray [9] stays text.</p>",
                )
            ],
            references=REFERENCES,
        )

    def test_citations_link_to_numbered_references_and_back(self):
        page = soup(self.client.get(self.article.url))
        body = page.find(id="article-body")
        cites = body.select("sup.citation a")
        self.assertEqual([a["href"] for a in cites], ["#ref-1", "#ref-2", "#ref-1"])
        self.assertEqual([a["id"] for a in cites], ["cite-1-1", "cite-2-1", "cite-1-2"])
        self.assertIn("A stray [9] stays text.", body.get_text())

        items = page.select("#references ol > li")
        self.assertEqual([li["id"] for li in items], ["ref-1", "ref-2"])
        self.assertEqual(
            [a["href"] for a in items[0].select("a.reference__back")], ["#cite-1-1", "#cite-1-2"]
        )
        self.assertIn("Journal of Sleep Research, 2019", items[0].get_text())
        links = [a["href"] for a in items[0].find_all("a")]
        self.assertIn("https://example.org/sleep", links)
        self.assertIn("https://doi.org/10.1000/jsr.2019.1", links)
        self.assertIn(
            "https://pubmed.ncbi.nlm.nih.gov/31234567/", [a["href"] for a in items[1].find_all("a")]
        )

    def test_json_ld_lists_the_citations(self):
        page = soup(self.client.get(self.article.url))
        data = json.loads(page.find("script", type="application/ld+json").string)
        first, second = data["citation"]
        self.assertEqual(first["name"], "Sleep deprivation and mood")
        self.assertEqual(first["datePublished"], "2019")
        self.assertEqual(first["sameAs"], ["https://doi.org/10.1000/jsr.2019.1"])
        self.assertEqual(second["sameAs"], ["https://pubmed.ncbi.nlm.nih.gov/31234567/"])

    def test_article_without_references_has_no_list(self):
        article = make_article(self.index, "No sources")
        page = soup(self.client.get(article.url))
        self.assertIsNone(page.find(id="references"))
        self.assertNotIn(
            "citation", json.loads(page.find("script", type="application/ld+json").string)
        )

    def test_bad_doi_and_pubmed_id_are_refused_with_a_message(self):
        block = ReferenceBlock()
        value = block.to_python({"title": "X", "doi": "doi.org/abc", "pubmed_id": "PMC12"})
        with self.assertRaises(ValidationError) as raised:
            block.clean(value)
        errors = raised.exception.block_errors
        self.assertIn("doi", errors)
        self.assertIn("pubmed_id", errors)

    def test_citation_inside_a_link_or_attribute_is_left_alone(self):
        html, backlinks = link_citations('<p><a href="/x" title="[1]">see [1]</a> and [1]</p>', 1)
        self.assertEqual(
            str(html),
            '<p><a href="/x" title="[1]">see [1]</a> and <sup class="citation">'
            '<a href="#ref-1" id="cite-1-1" aria-label="Source 1">[1]</a></sup></p>',
        )
        self.assertEqual(backlinks, {1: ["cite-1-1"]})


class TestContentChecks(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()

    def article(self, text, **fields):
        return make_article(self.index, body=[("paragraph", f"<p>{text}</p>")], **fields)

    def test_health_claims_without_sources_are_flagged(self):
        claim = "Research shows this treatment reduces symptoms of depression."
        self.assertEqual(content_warnings(self.article(claim)), [NO_SOURCES])
        self.assertEqual(content_warnings(self.article(claim, references=REFERENCES)), [])
        self.assertEqual(content_warnings(self.article("We moved our office.")), [])

    def test_suicide_or_self_harm_without_crisis_block_is_flagged(self):
        text = "Thoughts of suicide are more common than people think."
        self.assertEqual(content_warnings(self.article(text)), [NO_CRISIS_BLOCK])
        with_block = make_article(
            self.index,
            body=[
                ("paragraph", f"<p>{text}</p>"),
                ("crisis_resources", {"heading": "If you need help now", "text": ""}),
            ],
        )
        self.assertEqual(content_warnings(with_block), [])
        self.assertEqual(
            content_warnings(self.article("Self-harm is a way of coping.")), [NO_CRISIS_BLOCK]
        )

    def test_preview_marks_the_body_for_the_checks_panel_and_live_page_does_not(self):
        article = self.article("Studies show it cures anxiety. Some people self-harm.")
        response = article.make_preview_request()
        html = (response.render() if hasattr(response, "render") else response).content.decode()
        self.assertIn(f'data-content-checks="{NO_SOURCES} {NO_CRISIS_BLOCK}"', html)
        self.assertNotIn("data-content-checks", self.client.get(article.url).content.decode())

    def test_checks_panel_runs_the_editorial_rules_with_their_messages(self):
        checker = ArticleContentChecker(in_editor=True)
        config = checker.get_axe_configuration(RequestFactory().get("/"))
        rules = {rule["id"]: rule for rule in config["spec"]["rules"]}
        for rule_id in (NO_SOURCES, NO_CRISIS_BLOCK):
            self.assertIn(rule_id, config["options"]["runOnly"])
            self.assertEqual(
                rules[rule_id]["selector"], f'#article-body[data-content-checks~="{rule_id}"]'
            )
            self.assertIn("error_name", config["messages"][rule_id])
            checks = {check["id"]: check for check in config["spec"]["checks"]}
            self.assertIn(rules[rule_id]["any"][0], checks)
