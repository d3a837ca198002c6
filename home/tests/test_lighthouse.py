"""Lighthouse on the site's main pages (PRODUCT.md: at least 0.95 in every category).

Accessibility, best practices and SEO are properties of the page and are asserted here. The
performance score is a timing (simulated throttling on whatever CPU the run gets), so, like
every speed target, it is printed, not asserted: `pytest home/tests/test_lighthouse.py -s`.
"""

import pytest
from django.core.management import call_command

from articles.models import ArticlePage
from testing import lighthouse_scores
from therapists.models import TherapistProfilePage

pytestmark = pytest.mark.browser

ASSERTED = ("accessibility", "best-practices", "seo")
MINIMUM = 0.95


@pytest.fixture
def demo_site(live_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


class TestLighthouse:
    def test_main_pages_score_at_least_095(self, demo_site, live_server):
        article = ArticlePage.objects.live().order_by("pk").first()
        profile = TherapistProfilePage.objects.live().order_by("pk").first()
        paths = [
            "/",
            "/articles/",
            article.url,
            "/search/?q=sleep",
            "/find-a-therapist/?location=97204&radius=25",
            profile.url,
            "/find-a-therapist/locations/",
            "/join/",
        ]
        failures = []
        for path in paths:
            scores = lighthouse_scores(live_server.url + path)
            print(f"lighthouse {path}: " + ", ".join(f"{k} {v:.2f}" for k, v in scores.items()))
            failures += [
                f"{path}: {name} {scores[name]:.2f}" for name in ASSERTED if scores[name] < MINIMUM
            ]
        assert not failures, "Lighthouse scores below 0.95:\n" + "\n".join(failures)
