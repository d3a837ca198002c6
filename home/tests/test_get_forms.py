"""Every GET form the site renders works with the values it was rendered with.

The test finds the forms itself (any <form> whose method is GET, on every page type of the
demo site), builds the query a browser would send without touching anything (checked boxes
and radios, selected options or a single select's first option, every input's value, empty
ones included), submits it and expects an answer with results: never a 400. A new form on any
of these pages is covered without changing the test.
"""

import re
from io import StringIO
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase

from articles.models import ArticlePage, Author, Topic
from therapists.models import TherapistProfilePage

BUTTON_TYPES = {"submit", "image", "button", "reset"}


def _text(element):
    return " ".join(element.get_text().split())


def submission(form, soup, page_url):
    """(URL, [(name, value)]) the browser sends when this form is submitted as rendered."""
    controls = form.find_all(["input", "select", "textarea", "button"])
    if form.get("id"):  # controls elsewhere that join it with form="id"
        controls += [c for c in soup.find_all(attrs={"form": form["id"]}) if c not in controls]
    submitter = next(
        (
            c
            for c in controls
            if (c.name == "button" and c.get("type", "submit").lower() == "submit")
            or (c.name == "input" and c.get("type", "").lower() in {"submit", "image"})
        ),
        None,
    )
    pairs = []
    for control in controls:
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.get("form") and control.get("form") != form.get("id"):
            continue  # inside this form but given to another
        kind = control.get("type", "").lower()
        if control.name == "select":
            options = control.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and options and not control.has_attr("multiple"):
                chosen = options[:1]
            pairs += [(name, option.get("value", _text(option))) for option in chosen]
        elif control.name == "textarea":
            pairs.append((name, control.get_text()))
        elif control.name == "button" or kind in BUTTON_TYPES:
            if control is submitter:
                pairs.append((name, control.get("value", "")))
        elif kind in {"checkbox", "radio"}:
            if control.has_attr("checked"):
                pairs.append((name, control.get("value", "on")))
        elif kind != "file":
            pairs.append((name, control.get("value", "")))
    # A GET form's data replaces whatever query its action had.
    action = urlsplit(urljoin(page_url, form.get("action") or page_url))
    return urlunsplit(("", "", action.path, urlencode(pairs), "")), pairs


def result_count(soup):
    """How many results the page lists (None when it has no results list at all)."""
    listing = soup.find(attrs={"data-total": True})
    if listing is not None:
        return int(listing["data-total"])
    articles = soup.find(id="article-list")
    if articles is not None:
        return len(articles.find_all("li", recursive=False))
    return None


def demo_pages():
    """A URL of every page type of the demo site (test_public_forms.py uses them too)."""
    article = ArticlePage.objects.live().first()
    index = article.get_parent().specific
    # The search page rendered after a search: its longest title word finds it.
    word = max(re.findall(r"\w+", article.title), key=len)
    topic = Topic.objects.filter(articles__live=True).first()
    author = Author.objects.filter(articles__live=True).first()
    return [
        "/",
        article.url,
        index.url,
        index.url + index.reverse_subpage("topic", args=[topic.slug]),
        index.url + index.reverse_subpage("author", args=[author.slug]),
        "/search/",
        f"/search/?q={word}&scope=title",
        "/find-a-therapist/",
        "/find-a-therapist/?location=97214",
        "/find-a-therapist/?location=OR&issue=anxiety&age=adults&sort=name",
        "/find-a-therapist/locations/",
        TherapistProfilePage.objects.live().first().url,
    ]


class TestEveryGetFormAcceptsItsDefaults(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())

    def pages(self):
        return demo_pages()

    def test_each_get_form_submitted_as_rendered_gets_results(self):
        actions = set()
        for page_url in self.pages():
            response = self.client.get(page_url)
            self.assertEqual(response.status_code, 200, page_url)
            soup = BeautifulSoup(response.content, "html.parser")
            forms = [f for f in soup.find_all("form") if f.get("method", "get").lower() == "get"]
            self.assertTrue(forms, f"{page_url} has no GET form (the header search at least)")
            for form in forms:
                url, pairs = submission(form, soup, page_url)
                actions.add(urlsplit(url).path)
                with self.subTest(page=page_url, form=form.get("aria-label") or form.get("class")):
                    answer = self.client.get(url)
                    self.assertEqual(answer.status_code, 200, f"{url} from {page_url}")
                    result = BeautifulSoup(answer.content, "html.parser")
                    self.assertIsNone(result.find(class_="error-summary"), url)
                    count = result_count(result)
                    if count is None:
                        # Only an empty search (nothing typed) may answer without a list.
                        self.assertTrue(all(value == "" for _name, value in pairs), url)
                    else:
                        self.assertGreater(count, 0, f"{url} from {page_url}: no results")
        # The forms the issue names were found: header search, prompt and directory, topic filter.
        self.assertLessEqual({"/search/", "/find-a-therapist/", "/articles/"}, actions)

    def test_the_prompts_any_issue_default_is_no_filter(self):
        response = self.client.get("/find-a-therapist/?location=&issue=")
        self.assertEqual(response.status_code, 200)
        # The same results as the directory with no criteria (ghost listings are left out of
        # both: docs/directory.md, "Listings that stay true").
        everyone = result_count(
            BeautifulSoup(self.client.get("/find-a-therapist/").content, "html.parser")
        )
        self.assertGreater(everyone, 0)
        self.assertEqual(result_count(BeautifulSoup(response.content, "html.parser")), everyone)


class TestSubmission(TestCase):
    """The browser's rules the test above relies on."""

    def test_values_a_browser_sends(self):
        html = """<form action="/x/?old=1" method="get" id="f">
            <input name="a" value="1"><input name="empty"><input type="search" name="q" value="">
            <input type="checkbox" name="c" value="on1" checked><input type="checkbox" name="c">
            <input type="radio" name="r" value=""><input type="radio" name="r" value="t" checked>
            <select name="s"><option value="">Any</option><option value="b">B</option></select>
            <select name="m" multiple><option value="x">X</option></select>
            <select name="t"><option>Plain  text</option><option>Y</option></select>
            <select name="u"><option value="">-</option><option selected value=y>Y</option></select>
            <input name="off" value="z" disabled><textarea name="ta">hi</textarea>
            <button type="submit" name="go" value="1">Go</button><button name="other">No</button>
            </form><input form="f" name="outside" value="o">"""
        soup = BeautifulSoup(html, "html.parser")
        url, pairs = submission(soup.form, soup, "/page/")
        self.assertEqual(
            pairs,
            [
                ("a", "1"),
                ("empty", ""),
                ("q", ""),
                ("c", "on1"),
                ("r", "t"),
                ("s", ""),
                ("t", "Plain text"),
                ("u", "y"),
                ("ta", "hi"),
                ("go", "1"),
                ("outside", "o"),
            ],
        )
        self.assertTrue(url.startswith("/x/?a=1&empty=&q=&c=on1"))
        self.assertNotIn("old=1", url)
