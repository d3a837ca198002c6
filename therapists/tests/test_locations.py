"""Browse Locations (state → city → therapists) and the sitemap."""

import re

from therapists.tests.test_finder import CARD_RE, DirectoryTestCase


def title_and_description(html):
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    return title, description


class TestBrowseLocations(DirectoryTestCase):
    def test_states_with_counts(self):
        html = self.find("").content.decode()
        self.assertIn('href="/find-a-therapist/locations/"', html)
        response = self.client.get("/find-a-therapist/locations/")
        html = response.content.decode()
        title, description = title_and_description(html)
        self.assertEqual(title, "Find a therapist by state | MindWell")
        self.assertIn("Browse licensed therapists in 3 states", description)
        states = re.findall(
            r'<a href="/find-a-therapist/locations/([a-z]{2})/">([^<]+)</a> '
            r'<span class="location-list__count">(\d+) therapists?',
            html,
        )
        # Fay has two offices in Colorado but counts once; the draft does not count.
        self.assertEqual(
            states, [("co", "Colorado", "1"), ("or", "Oregon", "3"), ("wa", "Washington", "2")]
        )

    def test_state_lists_cities_with_counts(self):
        html = self.client.get("/find-a-therapist/locations/or/").content.decode()
        title, description = title_and_description(html)
        self.assertEqual(title, "Therapists in Oregon | MindWell")
        self.assertIn("Find a therapist in Oregon: browse 3 cities", description)
        self.assertIn("3 therapists who see Oregon residents online", description)
        cities = re.findall(
            r'<a href="/find-a-therapist/locations/or/([a-z-]+)/">([^<]+)</a> '
            r'<span class="location-list__count">(\d+)',
            html,
        )
        self.assertEqual(
            cities,
            [
                ("beaverton", "Beaverton", "1"),
                ("eugene", "Eugene", "1"),
                ("portland", "Portland", "1"),
            ],
        )
        self.assertIn('href="/find-a-therapist/?location=OR&amp;online=1"', html)

    def test_city_lists_its_therapists(self):
        response = self.client.get("/find-a-therapist/locations/co/boulder/")
        html = response.content.decode()
        title, description = title_and_description(html)
        self.assertEqual(title, "Therapists in Boulder, CO | MindWell")
        self.assertIn("1 licensed therapist with a practice in Boulder, Colorado", description)
        self.assertEqual(CARD_RE.findall(html), ["fay-foothill"])
        self.assertIn('data-total="1"', html)
        self.assertIn("Boulder, CO", html)  # the card shows the Boulder office, not Denver

    def test_breadcrumbs(self):
        html = self.client.get("/find-a-therapist/locations/or/portland/").content.decode()
        self.assertIn('<a href="/find-a-therapist/locations/or/">Oregon</a>', html)
        self.assertIn('aria-current="page">Portland</a>', html)

    def test_upper_case_state_redirects_to_lower_case(self):
        response = self.client.get("/find-a-therapist/locations/OR/portland/")
        self.assertRedirects(response, "/find-a-therapist/locations/or/portland/")

    def test_unknown_state_or_city_is_404_with_reason(self):
        response = self.client.get("/find-a-therapist/locations/zz/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("There is no US state with the code", response.content.decode())
        response = self.client.get("/find-a-therapist/locations/or/atlantis/")
        self.assertEqual(response.status_code, 404)
        self.assertIn("No therapists are listed in that city", response.content.decode())

    def test_state_without_therapists_says_so(self):
        response = self.client.get("/find-a-therapist/locations/nv/")
        self.assertEqual(response.status_code, 200)
        self.assertIn("No therapist has a practice in Nevada yet.", response.content.decode())


class TestSitemap(DirectoryTestCase):
    def test_live_profiles_and_location_pages_are_listed(self):
        xml = self.client.get("/sitemap.xml").content.decode()
        for slug in ["ada-applegate", "ben-birchwood", "fay-foothill"]:
            self.assertIn(f"/find-a-therapist/{slug}/</loc>", xml)
        self.assertNotIn("gus-draftly", xml)
        for path in [
            "locations/",
            "locations/or/",
            "locations/or/portland/",
            "locations/co/boulder/",
        ]:
            self.assertIn(f"/find-a-therapist/{path}</loc>", xml)
        self.assertNotIn("locations/nv/", xml)
